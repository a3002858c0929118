import { type PublicationStatus, type SafeHtml, storedSafeHtml } from '../../core/content/index.js';
import type { TenantScope } from '../../core/tenancy/index.js';

export interface Actualite {
  id: number;
  slug: string;
  title: string;
  chapo: string;
  bodyHtml: SafeHtml;
  imageUrl: string | null;
  imageAlt: string;
  status: PublicationStatus;
  publishAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The editable fields, as saved in each revision. */
export interface ActualiteFields {
  slug: string;
  title: string;
  chapo: string;
  bodyHtml: string;
  imageUrl: string | null;
  imageAlt: string;
}

const columns = [
  'id',
  'slug',
  'title',
  'chapo',
  'body_html',
  'image_url',
  'image_alt',
  'status',
  'publish_at',
  'created_at',
  'updated_at',
] as const;

type Row = {
  id: number;
  slug: string;
  title: string;
  chapo: string;
  body_html: string;
  image_url: string | null;
  image_alt: string;
  status: PublicationStatus;
  publish_at: string | null;
  created_at: string;
  updated_at: string;
};

const toActualite = (r: Row): Actualite => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  chapo: r.chapo,
  bodyHtml: storedSafeHtml(r.body_html),
  imageUrl: r.image_url,
  imageAlt: r.image_alt,
  status: r.status,
  publishAt: r.publish_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toColumns = (f: ActualiteFields) => ({
  slug: f.slug,
  title: f.title,
  chapo: f.chapo,
  body_html: f.bodyHtml,
  image_url: f.imageUrl,
  image_alt: f.imageAlt,
});

export async function findActualite(scope: TenantScope, id: number): Promise<Actualite | undefined> {
  const r = await scope.selectFrom('actualite').select(columns).where('id', '=', id).executeTakeFirst();
  return r && toActualite(r);
}

/** Every actualité of the commune, newest first (back-office). */
export async function listAllActualites(scope: TenantScope): Promise<Actualite[]> {
  const rows = await scope
    .selectFrom('actualite')
    .select(columns)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toActualite);
}

/** Slugs already taken that `base` could collide with (itself and base-N). */
export async function slugsLike(scope: TenantScope, base: string, exceptId: number | null): Promise<Set<string>> {
  let q = scope
    .selectFrom('actualite')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]));
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return new Set((await q.execute()).map((r) => r.slug));
}

const published = (scope: TenantScope, nowIso: string) =>
  scope.selectFrom('actualite').where('status', '=', 'publie').where('publish_at', '<=', nowIso);

export async function findPublishedBySlug(
  scope: TenantScope,
  slug: string,
  nowIso: string,
): Promise<Actualite | undefined> {
  const r = await published(scope, nowIso).select(columns).where('slug', '=', slug).executeTakeFirst();
  return r && toActualite(r);
}

export async function countPublished(scope: TenantScope, nowIso: string): Promise<number> {
  const r = await published(scope, nowIso)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Published actualités, latest first. */
export async function listPublished(
  scope: TenantScope,
  nowIso: string,
  limit: number,
  offset = 0,
): Promise<Actualite[]> {
  const rows = await published(scope, nowIso)
    .select(columns)
    .orderBy('publish_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toActualite);
}

/** Addresses of every published actualité (site map). */
export async function listPublishedSlugs(scope: TenantScope, nowIso: string): Promise<string[]> {
  const rows = await published(scope, nowIso).select('slug').orderBy('publish_at', 'desc').execute();
  return rows.map((r) => r.slug);
}

export async function insertActualite(scope: TenantScope, f: ActualiteFields, nowIso: string): Promise<number> {
  const r = await scope
    .insertInto('actualite', { ...toColumns(f), status: 'brouillon', created_at: nowIso, updated_at: nowIso })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateActualite(scope: TenantScope, id: number, f: ActualiteFields, nowIso: string) {
  await scope
    .updateTable('actualite')
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
    .updateTable('actualite')
    .set({ status: p.status, publish_at: p.publishAt, updated_at: nowIso })
    .where('id', '=', id)
    .execute();
}

export async function deleteActualite(scope: TenantScope, id: number): Promise<void> {
  await scope.deleteFrom('actualite').where('id', '=', id).execute();
}
