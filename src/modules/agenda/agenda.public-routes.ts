import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { SLUG_PATTERN } from '../../core/content/slug.rules.js';
import { systemActor } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { communeCtx, requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import { agendaIcs } from './agenda.ics.js';
import { getPublishedEvenement, upcomingEvenements } from './agenda.public.js';
import { AgendaPage, EvenementPage } from './views/agenda.page.js';

const visitor = systemActor('visitor');
const ICS_TYPE = 'text/calendar; charset=utf-8';
const NOT_FOUND = 'Cet événement n’existe pas ou n’est plus en ligne.';

/** /agenda (upcoming events by month), /agenda/<slug>, and the iCalendar files /agenda.ics, /agenda/<slug>.ics. */
export async function agendaPublicRoutes(app: FastifyInstance): Promise<void> {
  const ctxOf = (req: FastifyRequest) => communeCtx(req, visitor, requireCommune(req));
  const cached = (req: FastifyRequest, reply: FastifyReply, render: () => Promise<VNode>) =>
    app.deps.pageCache.serve(req, reply, requireCommune(req).id, render);
  const sendIcs = (reply: FastifyReply, body: string, filename: string) =>
    reply
      .type(ICS_TYPE)
      .header('cache-control', 'no-cache')
      .header('content-disposition', `inline; filename="${filename}"`)
      .send(body);

  app.get('/agenda', (req, reply) =>
    cached(req, reply, async () => {
      const ctx = ctxOf(req);
      return AgendaPage({ shell: await publicShell(req), events: await upcomingEvenements(ctx, ctx.now()) });
    }),
  );

  app.get('/agenda.ics', async (req, reply) => {
    const ctx = ctxOf(req);
    const events = await upcomingEvenements(ctx, ctx.now());
    return sendIcs(reply, agendaIcs(ctx.commune, events, app.deps.config.publicUrl), `agenda-${ctx.commune.slug}.ics`);
  });

  // One route for the page and its .ics: a slug never holds a dot.
  app.get<{ Params: { slug: string } }>('/agenda/:slug', async (req, reply) => {
    const ics = req.params.slug.endsWith('.ics');
    const slug = ics ? req.params.slug.slice(0, -4) : req.params.slug;
    if (!SLUG_PATTERN.test(slug)) throw notFound(NOT_FOUND);
    if (ics) {
      const ctx = ctxOf(req);
      const e = await getPublishedEvenement(ctx, ctx.now(), slug);
      return sendIcs(reply, agendaIcs(ctx.commune, [e], app.deps.config.publicUrl), `${slug}.ics`);
    }
    return cached(req, reply, async () => {
      const ctx = ctxOf(req);
      const now = ctx.now();
      const e = await getPublishedEvenement(ctx, now, slug);
      return EvenementPage({ shell: await publicShell(req), e, now, publicUrl: app.deps.config.publicUrl });
    });
  });
}
