import type { TenantScope } from '../../core/tenancy/index.js';

export interface Page {
  id: number;
  parentId: number | null;
  slug: string;
  path: string;
  title: string;
  summary: string;
  body: string;
  position: number;
  published: boolean;
  updatedAt: string;
}

const columns = [
  'id',
  'parent_id',
  'slug',
  'path',
  'title',
  'summary',
  'body',
  'position',
  'published',
  'updated_at',
] as const;

type Row = {
  id: number;
  parent_id: number | null;
  slug: string;
  path: string;
  title: string;
  summary: string;
  body: string;
  position: number;
  published: number;
  updated_at: string;
};

const toPage = (r: Row): Page => ({
  id: r.id,
  parentId: r.parent_id,
  slug: r.slug,
  path: r.path,
  title: r.title,
  summary: r.summary,
  body: r.body,
  position: r.position,
  published: r.published === 1,
  updatedAt: r.updated_at,
});

export async function findPublishedPageByPath(scope: TenantScope, path: string): Promise<Page | undefined> {
  const r = await scope
    .selectFrom('page')
    .select(columns)
    .where('path', '=', path)
    .where('published', '=', 1)
    .executeTakeFirst();
  return r && toPage(r);
}

export async function listPublishedPages(scope: TenantScope): Promise<Page[]> {
  const rows = await scope
    .selectFrom('page')
    .select(columns)
    .where('published', '=', 1)
    .orderBy('position')
    .orderBy('title')
    .execute();
  return rows.map(toPage);
}

export async function insertPage(
  scope: TenantScope,
  v: {
    parentId: number | null;
    slug: string;
    path: string;
    title: string;
    summary: string;
    body: string;
    position: number;
    published: boolean;
    now: string;
  },
): Promise<number> {
  const r = await scope
    .insertInto('page', {
      parent_id: v.parentId,
      slug: v.slug,
      path: v.path,
      title: v.title,
      summary: v.summary,
      body: v.body,
      position: v.position,
      published: v.published ? 1 : 0,
      created_at: v.now,
      updated_at: v.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
