import type { FastifyInstance } from 'fastify';
import { invalid } from '../../core/errors.js';
import { sendPage } from '../../core/http/render.js';
import { requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { isMailStatus } from './courriels.rules.js';
import { listCourriels, relancerCourriel } from './courriels.service.js';
import { CourrielsPage, type CourrielsQuery } from './views/courriels.page.js';

function parseFilter(q: CourrielsQuery) {
  const statut = q.statut || undefined;
  if (statut !== undefined && !isMailStatus(statut)) throw invalid('Ce statut de courriel n’existe pas.');
  if (q.q && q.q.length > 200) throw invalid('La recherche est trop longue (200 caractères au plus).');
  return { status: statut, text: q.q?.trim() || undefined };
}

/** /admin/courriels: the commune's outbox, and the retry of a failed mail. */
export async function courrielsRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: CourrielsQuery }>('/admin/courriels', async (req, reply) => {
    const access = await requireBackoffice(req);
    const data = await listCourriels(access.ctx, parseFilter(req.query));
    return sendPage(reply, CourrielsPage({ shell: adminShell(req, reply, access), ...data, filter: req.query }));
  });

  app.post<{ Params: { id: string } }>('/admin/courriels/:id/relancer', async (req, reply) => {
    const access = await requireBackoffice(req);
    if (!/^\d{1,12}$/.test(req.params.id)) throw invalid('Ce numéro de courriel est mal formé.');
    await relancerCourriel(access.ctx, Number(req.params.id));
    return reply.redirect('/admin/courriels?relance=ok', 303);
  });
}
