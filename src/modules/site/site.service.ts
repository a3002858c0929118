import type { CommuneCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import * as repo from './site.repo.js';

export type { Page, PageOutline } from './site.repo.js';

export interface PageNode<P extends repo.PageOutline = repo.PageOutline> {
  page: P;
  children: PageNode<P>[];
}

/** Builds the tree of a flat list of pages, siblings in their order. */
export function buildTree<P extends repo.PageOutline>(pages: P[]): PageNode<P>[] {
  const byParent = new Map<number | null, P[]>();
  for (const p of pages) byParent.set(p.parentId, [...(byParent.get(p.parentId) ?? []), p]);
  const build = (parentId: number | null): PageNode<P>[] =>
    (byParent.get(parentId) ?? []).map((page) => ({ page, children: build(page.id) }));
  return build(null);
}

/** Pages the public sees now, as a tree (menu, site map). A page under a hidden page is hidden. */
export async function publishedPageTree(ctx: Pick<CommuneCtx, 'db' | 'commune' | 'now'>): Promise<PageNode[]> {
  return buildTree(await repo.listVisiblePages(new TenantScope(ctx.db, ctx.commune.id), ctx.now()));
}

/** A page the public sees now, by its path ("mairie/horaires"), with its sub-pages and ancestors. */
export async function getPublishedPage(
  ctx: Pick<CommuneCtx, 'db' | 'commune' | 'now'>,
  path: string,
): Promise<{ page: repo.Page; children: repo.PageOutline[]; ancestors: repo.PageOutline[] }> {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const now = ctx.now();
  const page = await repo.findVisiblePageByPath(scope, path, now);
  if (!page) throw notFound();
  const all = await repo.listVisiblePages(scope, now);
  const ancestors: repo.PageOutline[] = [];
  let parentId = page.parentId;
  while (parentId !== null) {
    const parent = all.find((p) => p.id === parentId);
    if (!parent) throw notFound();
    ancestors.unshift(parent);
    parentId = parent.parentId;
  }
  return { page, children: all.filter((p) => p.parentId === page.id), ancestors };
}
