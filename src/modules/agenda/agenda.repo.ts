import { type SafeHtml, storedSafeHtml } from '../../core/content/index.js';
import {
  PUBLISHABLE_COLUMNS,
  type PublishableRecord,
  type PublishableRow,
  publishableRecordOf,
  publishableRepo,
} from '../../core/content/publishable.repo.js';
import type { PublishableFields } from '../../core/content/publishable.service.js';
import { preparedRead, type TenantScope } from '../../core/tenancy/index.js';

export interface Evenement extends PublishableRecord {
  descriptionHtml: SafeHtml;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  lieu: string;
  adresse: string;
}

/** The editable fields, as saved in each revision. */
export interface EvenementFields extends PublishableFields {
  descriptionHtml: string;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  lieu: string;
  adresse: string;
}

const columns = [
  ...PUBLISHABLE_COLUMNS,
  'description_html',
  'starts_at',
  'ends_at',
  'all_day',
  'lieu',
  'adresse',
] as const;

type Row = PublishableRow & {
  description_html: string;
  starts_at: string;
  ends_at: string;
  all_day: number;
  lieu: string;
  adresse: string;
};

const toEvenement = (r: Row): Evenement => ({
  ...publishableRecordOf(r),
  descriptionHtml: storedSafeHtml(r.description_html),
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  allDay: r.all_day === 1,
  lieu: r.lieu,
  adresse: r.adresse,
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

const repo = publishableRepo({
  table: 'evenement',
  columns,
  toItem: toEvenement,
  toColumns,
  adminOrder: 'starts_at',
});

export const {
  find: findEvenement,
  /** Every event of the commune, the latest start first (back-office). */
  listAll: listAllEvenements,
  slugsLike,
  /** A published event by its address, past or upcoming. */
  findPublishedBySlug,
  insert: insertEvenement,
  update: updateEvenement,
  setPublication,
  remove: deleteEvenement,
} = repo;

/** Published events not over yet, the soonest first. */
export async function listUpcoming(scope: TenantScope, nowIso: string, limit?: number): Promise<Evenement[]> {
  const rows =
    limit === undefined
      ? await allUpcoming(scope, { now: nowIso })
      : await firstUpcoming(scope, { now: nowIso, limit });
  return rows.map(toEvenement);
}

/** Read by the home page, the agenda and its feed: built once (with and without a limit). */
const upcoming = (scope: TenantScope, now: string) =>
  repo.published(scope, now).select(columns).where('ends_at', '>', now).orderBy('starts_at').orderBy('id');
const allUpcoming = preparedRead<{ now: string }, Row>((scope, arg) => upcoming(scope, arg('now')));
const firstUpcoming = preparedRead<{ now: string; limit: number }, Row>((scope, arg) =>
  upcoming(scope, arg('now')).limit(arg('limit')),
);
