import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { SLUG_PATTERN } from '../../core/content/slug.rules.js';
import { systemActor } from '../../core/context.js';
import { invalid, notFound } from '../../core/errors.js';
import { communeCtx, requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import { actualitesRss } from './actualites.feed.js';
import { getPublishedActualite, latestActualites, publishedActualitesPage } from './actualites.public.js';
import { FEED_COUNT, parsePageNumber } from './actualites.rules.js';
import { ActualitePage, ActualitesListPage } from './views/actualites.page.js';

const visitor = systemActor('visitor');

/** /actualites (the list, 10 a page), /actualites/<slug>, and the RSS feed /actualites.xml. */
export async function actualitesPublicRoutes(app: FastifyInstance): Promise<void> {
  const ctxOf = (req: FastifyRequest) => communeCtx(req, visitor, requireCommune(req));
  const cached = (req: FastifyRequest, reply: FastifyReply, render: () => Promise<VNode>) =>
    app.deps.pageCache.serve(req, reply, requireCommune(req).id, render);

  app.get('/actualites', (req, reply) => {
    const page = parsePageNumber((req.query as Record<string, unknown>).page);
    if (page === null)
      throw invalid('Le numéro de page demandé n’est pas valide : il doit être un nombre entier à partir de 1.');
    return cached(req, reply, async () => {
      const ctx = ctxOf(req);
      const list = await publishedActualitesPage(ctx, ctx.now(), page);
      return ActualitesListPage({ shell: await publicShell(req), list });
    });
  });

  app.get('/actualites.xml', async (req, reply) => {
    const ctx = ctxOf(req);
    const now = ctx.now();
    const items = await latestActualites(ctx, now, FEED_COUNT);
    return reply
      .type('application/rss+xml; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(actualitesRss(ctx.commune, items, app.deps.config.publicUrl, now));
  });

  app.get<{ Params: { slug: string } }>('/actualites/:slug', (req, reply) => {
    const { slug } = req.params;
    if (!SLUG_PATTERN.test(slug)) throw notFound('Cette actualité n’existe pas ou n’est plus en ligne.');
    return cached(req, reply, async () => {
      const ctx = ctxOf(req);
      const a = await getPublishedActualite(ctx, ctx.now(), slug);
      return ActualitePage({ shell: await publicShell(req), a, publicUrl: app.deps.config.publicUrl });
    });
  });
}
