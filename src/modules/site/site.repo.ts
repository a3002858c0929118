import { type PublicationStatus, type SafeHtml, storedSafeHtml } from '../../core/content/index.js';
import { preparedRead, type TenantScope } from '../../core/tenancy/index.js';

export interface Page {
  id: number;
  parentId: number | null;
  slug: string;
  path: string;
  title: string;
  summary: string;
  bodyHtml: SafeHtml;
  position: number;
  status: PublicationStatus;
  publishAt: string | null;
  updatedAt: string;
}

/** A page without its body: what menus, the site map and lists of sub-pages show. */
export type PageOutline = Omit<Page, 'bodyHtml'>;

/** The editable fields of a page: what a revision keeps. */
export interface PageFields {
  parentId: number | null;
  slug: string;
  title: string;
  summary: string;
  bodyHtml: SafeHtml;
  position: number;
  status: PublicationStatus;
  publishAt: string | null;
}

const columns = [
  'id',
  'parent_id',
  'slug',
  'path',
  'title',
  'summary',
  'body_html',
  'position',
  'status',
  'publish_at',
  'updated_at',
] as const;

type Row = {
  id: number;
  parent_id: number | null;
  slug: string;
  path: string;
  title: string;
  summary: string;
  body_html: string;
  position: number;
  status: PublicationStatus;
  publish_at: string | null;
  updated_at: string;
};

const toPage = (r: Row): Page => ({
  id: r.id,
  parentId: r.parent_id,
  slug: r.slug,
  path: r.path,
  title: r.title,
  summary: r.summary,
  bodyHtml: storedSafeHtml(r.body_html),
  position: r.position,
  status: r.status,
  publishAt: r.publish_at,
  updatedAt: r.updated_at,
});

/** Pages the public sees at `now`: published, and their publication date reached. */
function visible(scope: TenantScope, now: Date) {
  return scope
    .selectFrom('page')
    .select(columns)
    .where('status', '=', 'publie')
    .where((eb) => eb.or([eb('publish_at', 'is', null), eb('publish_at', '<=', now.toISOString())]));
}

export async function findVisiblePageByPath(scope: TenantScope, path: string, now: Date): Promise<Page | undefined> {
  const r = await visible(scope, now).where('path', '=', path).executeTakeFirst();
  return r && toPage(r);
}

const outlineColumns = columns.filter((c) => c !== 'body_html');

const visibleOutlines = preparedRead<{ now: string }, Omit<Row, 'body_html'>>((scope, arg) =>
  scope
    .selectFrom('page')
    .select(outlineColumns)
    .where('status', '=', 'publie')
    .where((eb) => eb.or([eb('publish_at', 'is', null), eb('publish_at', '<=', arg('now'))]))
    .orderBy('position')
    .orderBy('title'),
);

/** The pages the public sees, without their bodies (menus are built from it on every page). */
export async function listVisiblePages(scope: TenantScope, now: Date): Promise<PageOutline[]> {
  const rows = await visibleOutlines(scope, { now: now.toISOString() });
  return rows.map((r) => {
    const { bodyHtml: _body, ...outline } = toPage({ ...r, body_html: '' });
    return outline;
  });
}

export async function listAllPages(scope: TenantScope): Promise<Page[]> {
  const rows = await scope.selectFrom('page').select(columns).orderBy('position').orderBy('title').execute();
  return rows.map(toPage);
}

export async function findPage(scope: TenantScope, id: number): Promise<Page | undefined> {
  const r = await scope.selectFrom('page').select(columns).where('id', '=', id).executeTakeFirst();
  return r && toPage(r);
}

export async function findPageByPath(scope: TenantScope, path: string): Promise<Page | undefined> {
  const r = await scope.selectFrom('page').select(columns).where('path', '=', path).executeTakeFirst();
  return r && toPage(r);
}

const toRow = (f: PageFields, path: string) => ({
  parent_id: f.parentId,
  slug: f.slug,
  path,
  title: f.title,
  summary: f.summary,
  body_html: f.bodyHtml,
  position: f.position,
  status: f.status,
  publish_at: f.publishAt,
});

export async function insertPage(scope: TenantScope, f: PageFields, path: string, now: string): Promise<number> {
  const r = await scope
    .insertInto('page', { ...toRow(f, path), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePage(
  scope: TenantScope,
  id: number,
  f: PageFields,
  path: string,
  now: string,
): Promise<void> {
  await scope
    .updateTable('page')
    .set({ ...toRow(f, path), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setPagePath(scope: TenantScope, id: number, path: string): Promise<void> {
  await scope.updateTable('page').set({ path }).where('id', '=', id).execute();
}

export async function deletePage(scope: TenantScope, id: number): Promise<void> {
  await scope.deleteFrom('page').where('id', '=', id).execute();
}
