import type { CommuneCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import * as repo from './agenda.repo.js';

/** What the public reads: published events only, as of `now`. Drafts never leave this file. */

type ReadCtx = Pick<CommuneCtx, 'db' | 'commune'>;

const scopeOf = (ctx: ReadCtx) => new TenantScope(ctx.db, ctx.commune.id);

/** Published events not over yet, the soonest first (all of them, or the first `limit`). */
export async function upcomingEvenements(ctx: ReadCtx, now: Date, limit?: number): Promise<repo.Evenement[]> {
  return repo.listUpcoming(scopeOf(ctx), now.toISOString(), limit);
}

/** A published event by its address (also once it is over); 404 for a draft, a scheduled or a withdrawn one. */
export async function getPublishedEvenement(ctx: ReadCtx, now: Date, slug: string): Promise<repo.Evenement> {
  const e = await repo.findPublishedBySlug(scopeOf(ctx), slug, now.toISOString());
  if (!e) throw notFound('Cet événement n’existe pas ou n’est plus en ligne.');
  return e;
}
