import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { systemActor } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { communeCtx, requestMemo, requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import type { HomeSection } from '../../core/module.js';
import { darker } from '../reglages/index.js';
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

/** The public site: home, the commune's pages, and the pages every commune site must have. */
export async function sitePublicRoutes(app: FastifyInstance): Promise<void> {
  const ctxOf = (req: FastifyRequest) => communeCtx(req, visitor, requireCommune(req));
  /** Public pages are the same for every reader: served from the page cache. */
  const cached = (req: FastifyRequest, reply: FastifyReply, render: () => Promise<VNode>) =>
    app.deps.pageCache.serve(req, reply, requireCommune(req).id, render);

  app.get('/', (req, reply) =>
    cached(req, reply, async () => {
      const ctx = ctxOf(req);
      const now = ctx.now();
      const memo = requestMemo(req);
      const tree = await publishedPageTree(ctx, memo);
      const sections: HomeSection[] = [];
      for (const m of app.deps.modules) {
        if (m.homeSections) sections.push(...(await m.homeSections({ db: ctx.db, commune: ctx.commune, now, memo })));
      }
      sections.sort((x, y) => x.order - y.order);
      return HomePage({
        shell: await publicShell(req),
        commune: ctx.commune,
        pages: tree.map((n) => n.page),
        sections: sections.map((x) => x.node),
        now,
      });
    }),
  );

  app.get('/theme.css', async (req, reply) => {
    const color = req.commune?.theme.primaryColor;
    const css =
      color && /^#[0-9a-f]{6}$/i.test(color)
        ? `:root{--color-primary:${color};--color-primary-dark:${darker(color)};}\n`
        : '/* thème par défaut */\n';
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(css);
  });

  app.get('/mentions-legales', (req, reply) =>
    cached(req, reply, async () =>
      MentionsLegalesPage({ shell: await publicShell(req), commune: requireCommune(req) }),
    ),
  );
  app.get('/accessibilite', (req, reply) =>
    cached(req, reply, async () => AccessibilitePage({ shell: await publicShell(req), commune: requireCommune(req) })),
  );
  app.get('/donnees-personnelles', (req, reply) =>
    cached(req, reply, async () =>
      DonneesPersonnellesPage({ shell: await publicShell(req), commune: requireCommune(req) }),
    ),
  );
  app.get('/plan-du-site', (req, reply) =>
    cached(req, reply, async () =>
      PlanDuSitePage({ shell: await publicShell(req), tree: await publishedPageTree(ctxOf(req), requestMemo(req)) }),
    ),
  );

  const showPage = (req: FastifyRequest, reply: FastifyReply, slugs: string[]) => {
    if (!slugs.every((s) => SLUG.test(s))) throw notFound();
    return cached(req, reply, async () => {
      const found = await getPublishedPage(ctxOf(req), slugs.join('/'), requestMemo(req));
      return ContentPage({ shell: await publicShell(req), ...found });
    });
  };
  app.get<{ Params: { a: string } }>('/:a', (req, reply) => showPage(req, reply, [req.params.a]));
  app.get<{ Params: { a: string; b: string } }>('/:a/:b', (req, reply) =>
    showPage(req, reply, [req.params.a, req.params.b]),
  );
  app.get<{ Params: { a: string; b: string; c: string } }>('/:a/:b/:c', (req, reply) =>
    showPage(req, reply, [req.params.a, req.params.b, req.params.c]),
  );
}
