import { type PublicationStatus, type SafeHtml, storedSafeHtml } from '../../core/content/index.js';
import type { TenantScope } from '../../core/tenancy/index.js';

export interface Evenement {
  id: number;
  slug: string;
  title: string;
  descriptionHtml: SafeHtml;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  lieu: string;
  adresse: string;
  status: PublicationStatus;
  publishAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The editable fields, as saved in each revision. */
export interface EvenementFields {
  slug: string;
  title: string;
  descriptionHtml: string;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  lieu: string;
  adresse: string;
}

const columns = [
  'id',
  'slug',
  'title',
  'description_html',
  'starts_at',
  'ends_at',
  'all_day',
  'lieu',
  'adresse',
  'status',
  'publish_at',
  'created_at',
  'updated_at',
] as const;

type Row = {
  id: number;
  slug: string;
  title: string;
  description_html: string;
  starts_at: string;
  ends_at: string;
  all_day: number;
  lieu: string;
  adresse: string;
  status: PublicationStatus;
  publish_at: string | null;
  created_at: string;
  updated_at: string;
};

const toEvenement = (r: Row): Evenement => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  descriptionHtml: storedSafeHtml(r.description_html),
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  allDay: r.all_day === 1,
  lieu: r.lieu,
  adresse: r.adresse,
  status: r.status,
  publishAt: r.publish_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toColumns = (f: EvenementFields) => ({
  slug: f.slug,
  title: f.title,
  description_html: f.descriptionHtml,
  starts_at: f.startsAt,
  ends_at: f.endsAt,
  all_day: f.allDay ? 1 : 0,
  lieu: f.lieu,
  adresse: f.adresse,
});

export async function findEvenement(scope: TenantScope, id: number): Promise<Evenement | undefined> {
  const r = await scope.selectFrom('evenement').select(columns).where('id', '=', id).executeTakeFirst();
  return r && toEvenement(r);
}

/** Every event of the commune, the latest start first (back-office). */
export async function listAllEvenements(scope: TenantScope): Promise<Evenement[]> {
  const rows = await scope
    .selectFrom('evenement')
    .select(columns)
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toEvenement);
}

/** Slugs already taken that `base` could collide with (itself and base-N). */
export async function slugsLike(scope: TenantScope, base: string, exceptId: number | null): Promise<Set<string>> {
  let q = scope
    .selectFrom('evenement')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]));
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return new Set((await q.execute()).map((r) => r.slug));
}

const published = (scope: TenantScope, nowIso: string) =>
  scope.selectFrom('evenement').where('status', '=', 'publie').where('publish_at', '<=', nowIso);

/** A published event by its address, past or upcoming. */
export async function findPublishedBySlug(
  scope: TenantScope,
  slug: string,
  nowIso: string,
): Promise<Evenement | undefined> {
  const r = await published(scope, nowIso).select(columns).where('slug', '=', slug).executeTakeFirst();
  return r && toEvenement(r);
}

/** Published events not over yet, the soonest first. */
export async function listUpcoming(scope: TenantScope, nowIso: string, limit?: number): Promise<Evenement[]> {
  let q = published(scope, nowIso).select(columns).where('ends_at', '>', nowIso).orderBy('starts_at').orderBy('id');
  if (limit !== undefined) q = q.limit(limit);
  return (await q.execute()).map(toEvenement);
}

export async function insertEvenement(scope: TenantScope, f: EvenementFields, nowIso: string): Promise<number> {
  const r = await scope
    .insertInto('evenement', { ...toColumns(f), status: 'brouillon', created_at: nowIso, updated_at: nowIso })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateEvenement(scope: TenantScope, id: number, f: EvenementFields, nowIso: string) {
  await scope
    .updateTable('evenement')
    .set({ ...toColumns(f), updated_at: nowIso })
    .where('id', '=', id)
    .execute();
}

export async function setPublication(
  scope: TenantScope,
  id: number,
  p: { status: PublicationStatus; publishAt: string | null },
  nowIso: string,
) {
  await scope
    .updateTable('evenement')
    .set({ status: p.status, publish_at: p.publishAt, updated_at: nowIso })
    .where('id', '=', id)
    .execute();
}

export async function deleteEvenement(scope: TenantScope, id: number): Promise<void> {
  await scope.deleteFrom('evenement').where('id', '=', id).execute();
}
