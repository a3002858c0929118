import type { CommuneCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { memoized, type RequestMemo } from '../../core/request-memo.js';
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

type ReadCtx = Pick<CommuneCtx, 'db' | 'commune' | 'now'>;

/** The pages the public sees now, read once per request when a memo is given (menu, home, page). */
const visiblePages = (ctx: ReadCtx, memo: RequestMemo | undefined) =>
  memoized(memo, 'site:visible-pages', () => repo.listVisiblePages(new TenantScope(ctx.db, ctx.commune.id), ctx.now()));

/** Pages the public sees now, as a tree (menu, site map). A page under a hidden page is hidden. */
export async function publishedPageTree(ctx: ReadCtx, memo?: RequestMemo): Promise<PageNode[]> {
  return buildTree(await visiblePages(ctx, memo));
}

/** A page the public sees now, by its path ("mairie/horaires"), with its sub-pages and ancestors. */
export async function getPublishedPage(
  ctx: ReadCtx,
  path: string,
  memo?: RequestMemo,
): Promise<{ page: repo.Page; children: repo.PageOutline[]; ancestors: repo.PageOutline[] }> {
  const page = await repo.findVisiblePageByPath(new TenantScope(ctx.db, ctx.commune.id), path, ctx.now());
  if (!page) throw notFound();
  const all = await visiblePages(ctx, memo);
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
