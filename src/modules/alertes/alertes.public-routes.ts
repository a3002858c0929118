import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { notFound } from '../../core/errors.js';
import { idParam } from '../../core/http/fields.js';
import { requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import { getPublicAlerte, listPublicAlertes } from './alertes.service.js';
import { AlertePage, AlertesPage } from './views/alertes.page.js';

/** /alertes and /alertes/<id>: the same for every reader, served from the page cache. */
export async function alertesPublicRoutes(app: FastifyInstance): Promise<void> {
  const cached = (req: FastifyRequest, reply: FastifyReply, render: (now: Date) => Promise<VNode>) =>
    app.deps.pageCache.serve(req, reply, requireCommune(req).id, () => render(app.deps.now()));
  const contentCtx = (req: FastifyRequest, now: Date) => ({ db: app.deps.db, commune: requireCommune(req), now });

  app.get('/alertes', (req, reply) =>
    cached(req, reply, async (now) =>
      AlertesPage({ shell: await publicShell(req), ...(await listPublicAlertes(contentCtx(req, now))) }),
    ),
  );

  app.get('/alertes/:id', (req, reply) => {
    const p = idParam.safeParse(req.params);
    if (!p.success) throw notFound('Cette alerte n’existe pas ou a été supprimée.');
    return cached(req, reply, async (now) => {
      const alerte = await getPublicAlerte(contentCtx(req, now), p.data.id);
      return AlertePage({ shell: await publicShell(req), alerte, now });
    });
  });
}
