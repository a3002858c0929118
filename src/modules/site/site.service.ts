import type { CommuneCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import * as repo from './site.repo.js';

export type { Page } from './site.repo.js';

export interface PageNode {
  page: repo.Page;
  children: PageNode[];
}

/** Published pages as a tree (menu, site map), siblings in their order. */
export async function publishedPageTree(ctx: Pick<CommuneCtx, 'db' | 'commune'>): Promise<PageNode[]> {
  const pages = await repo.listPublishedPages(new TenantScope(ctx.db, ctx.commune.id));
  const byParent = new Map<number | null, repo.Page[]>();
  for (const p of pages) byParent.set(p.parentId, [...(byParent.get(p.parentId) ?? []), p]);
  const build = (parentId: number | null): PageNode[] =>
    (byParent.get(parentId) ?? []).map((page) => ({ page, children: build(page.id) }));
  return build(null);
}

/** A published page by its path ("mairie/horaires"), with its sub-pages and its parent chain. */
export async function getPublishedPage(
  ctx: Pick<CommuneCtx, 'db' | 'commune'>,
  path: string,
): Promise<{ page: repo.Page; children: repo.Page[]; ancestors: repo.Page[] }> {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const page = await repo.findPublishedPageByPath(scope, path);
  if (!page) throw notFound();
  const all = await repo.listPublishedPages(scope);
  const ancestors: repo.Page[] = [];
  let parentId = page.parentId;
  while (parentId !== null) {
    const parent = all.find((p) => p.id === parentId);
    if (!parent) break;
    ancestors.unshift(parent);
    parentId = parent.parentId;
  }
  return { page, children: all.filter((p) => p.parentId === page.id), ancestors };
}
