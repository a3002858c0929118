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

export interface Actualite extends PublishableRecord {
  chapo: string;
  bodyHtml: SafeHtml;
  imageUrl: string | null;
  imageAlt: string;
}

/** The editable fields, as saved in each revision. */
export interface ActualiteFields extends PublishableFields {
  chapo: string;
  bodyHtml: string;
  imageUrl: string | null;
  imageAlt: string;
}

const columns = [...PUBLISHABLE_COLUMNS, 'chapo', 'body_html', 'image_url', 'image_alt'] as const;

type Row = PublishableRow & {
  chapo: string;
  body_html: string;
  image_url: string | null;
  image_alt: string;
};

const toActualite = (r: Row): Actualite => ({
  ...publishableRecordOf(r),
  chapo: r.chapo,
  bodyHtml: storedSafeHtml(r.body_html),
  imageUrl: r.image_url,
  imageAlt: r.image_alt,
});

const toColumns = (f: ActualiteFields) => ({
  slug: f.slug,
  title: f.title,
  chapo: f.chapo,
  body_html: f.bodyHtml,
  image_url: f.imageUrl,
  image_alt: f.imageAlt,
});

const repo = publishableRepo({
  table: 'actualite',
  columns,
  toItem: toActualite,
  toColumns,
  adminOrder: 'updated_at',
});

export const {
  find: findActualite,
  /** Every actualité of the commune, the most recently changed first (back-office). */
  listAll: listAllActualites,
  slugsLike,
  findPublishedBySlug,
  insert: insertActualite,
  update: updateActualite,
  setPublication,
  remove: deleteActualite,
} = repo;

export async function countPublished(scope: TenantScope, nowIso: string): Promise<number> {
  const r = await repo
    .published(scope, nowIso)
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
  return (await publishedPage(scope, { now: nowIso, limit, offset })).map(toActualite);
}

/** Read by the home page, the list and the feed: built once. */
const publishedPage = preparedRead<{ now: string; limit: number; offset: number }, Row>((scope, arg) =>
  repo
    .published(scope, arg('now'))
    .select(columns)
    .orderBy('publish_at', 'desc')
    .orderBy('id', 'desc')
    .limit(arg('limit'))
    .offset(arg('offset')),
);

/** Addresses of every published actualité (site map). */
export async function listPublishedSlugs(scope: TenantScope, nowIso: string): Promise<string[]> {
  const rows = await repo.published(scope, nowIso).select('slug').orderBy('publish_at', 'desc').execute();
  return rows.map((r) => r.slug);
}
