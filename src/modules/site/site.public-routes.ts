import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { systemActor } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { sendPage } from '../../core/http/render.js';
import { communeCtx, requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import { getPublishedPage, publishedPageTree } from './site.service.js';
import { ContentPage } from './views/content.page.js';
import { HomePage } from './views/home.page.js';
import {
  AccessibilitePage,
  DonneesPersonnellesPage,
  MentionsLegalesPage,
  PlanDuSitePage,
} from './views/legal.pages.js';

const visitor = systemActor('visitor');
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Public pages are the same for every reader: shared caches may keep them a minute. */
function cacheable(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'public, max-age=60');
}

/** The public site: home, the commune's pages, and the pages every commune site must have. */
export async function sitePublicRoutes(app: FastifyInstance): Promise<void> {
  const ctxOf = (req: FastifyRequest) => communeCtx(req, visitor, requireCommune(req));

  app.get('/', async (req, reply) => {
    const ctx = ctxOf(req);
    const tree = await publishedPageTree(ctx);
    const shell = await publicShell(req);
    return sendPage(
      cacheable(reply),
      HomePage({ shell, commune: ctx.commune, pages: tree.map((n) => n.page), now: ctx.now() }),
    );
  });

  app.get('/theme.css', async (req, reply) => {
    const color = req.commune?.theme.primaryColor;
    const css =
      color && /^#[0-9a-f]{6}$/i.test(color) ? `:root{--color-primary:${color};}\n` : '/* thème par défaut */\n';
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(css);
  });

  app.get('/mentions-legales', async (req, reply) =>
    sendPage(cacheable(reply), MentionsLegalesPage({ shell: await publicShell(req), commune: requireCommune(req) })),
  );
  app.get('/accessibilite', async (req, reply) =>
    sendPage(cacheable(reply), AccessibilitePage({ shell: await publicShell(req), commune: requireCommune(req) })),
  );
  app.get('/donnees-personnelles', async (req, reply) =>
    sendPage(
      cacheable(reply),
      DonneesPersonnellesPage({ shell: await publicShell(req), commune: requireCommune(req) }),
    ),
  );
  app.get('/plan-du-site', async (req, reply) => {
    const tree = await publishedPageTree(ctxOf(req));
    return sendPage(cacheable(reply), PlanDuSitePage({ shell: await publicShell(req), tree }));
  });

  const showPage = async (req: FastifyRequest, reply: FastifyReply, slugs: string[]) => {
    if (!slugs.every((s) => SLUG.test(s))) throw notFound();
    const found = await getPublishedPage(ctxOf(req), slugs.join('/'));
    return sendPage(cacheable(reply), ContentPage({ shell: await publicShell(req), ...found }));
  };
  app.get<{ Params: { a: string } }>('/:a', (req, reply) => showPage(req, reply, [req.params.a]));
  app.get<{ Params: { a: string; b: string } }>('/:a/:b', (req, reply) =>
    showPage(req, reply, [req.params.a, req.params.b]),
  );
  app.get<{ Params: { a: string; b: string; c: string } }>('/:a/:b/:c', (req, reply) =>
    showPage(req, reply, [req.params.a, req.params.b, req.params.c]),
  );
}
