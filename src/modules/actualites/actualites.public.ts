import type { CommuneCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import * as repo from './actualites.repo.js';
import { PAGE_SIZE, pageCount } from './actualites.rules.js';

/** What the public reads: published actualités only, as of `now`. Drafts never leave this file. */

type ReadCtx = Pick<CommuneCtx, 'db' | 'commune'>;

const scopeOf = (ctx: ReadCtx) => new TenantScope(ctx.db, ctx.commune.id);

export interface ActualitesPage {
  items: repo.Actualite[];
  page: number;
  pageCount: number;
  total: number;
}

/** One page of the public list, latest first; 404 past the last page. */
export async function publishedActualitesPage(ctx: ReadCtx, now: Date, page: number): Promise<ActualitesPage> {
  const scope = scopeOf(ctx);
  const nowIso = now.toISOString();
  const total = await repo.countPublished(scope, nowIso);
  const pages = pageCount(total);
  if (page > pages) throw notFound('Cette page de la liste des actualités n’existe pas.');
  const items = await repo.listPublished(scope, nowIso, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  return { items, page, pageCount: pages, total };
}

/** A published actualité by its address; 404 for a draft, a scheduled or a withdrawn one. */
export async function getPublishedActualite(ctx: ReadCtx, now: Date, slug: string): Promise<repo.Actualite> {
  const a = await repo.findPublishedBySlug(scopeOf(ctx), slug, now.toISOString());
  if (!a) throw notFound('Cette actualité n’existe pas ou n’est plus en ligne.');
  return a;
}

/** The latest published actualités (home page, feed). */
export async function latestActualites(ctx: ReadCtx, now: Date, count: number): Promise<repo.Actualite[]> {
  return repo.listPublished(scopeOf(ctx), now.toISOString(), count);
}

/** Public paths of every published actualité (site map). */
export async function publishedActualitePaths(ctx: ReadCtx, now: Date): Promise<string[]> {
  return (await repo.listPublishedSlugs(scopeOf(ctx), now.toISOString())).map((slug) => `/actualites/${slug}`);
}
