import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../core/errors.js';
import { idParam } from '../../core/http/fields.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { dateToParisLocal } from '../../core/paris-time.js';
import type { Alerte } from './alertes.repo.js';
import { parseAlerteForm } from './alertes.schemas.js';
import {
  checkPolicy,
  creerAlerte,
  getAlerte,
  listAdminAlertes,
  modifierAlerte,
  supprimerAlerte,
  terminerAlerte,
} from './alertes.service.js';
import { AlerteFormPage } from './views/admin-form.page.js';
import { AdminAlertesPage, DeleteAlertePage } from './views/admin-list.page.js';

const parseId = (params: unknown): number => {
  const p = idParam.safeParse(params);
  if (!p.success) throw notFound('Cette alerte n’existe pas dans cette commune.');
  return p.data.id;
};

/** The form's values for an existing alert (dates on a Paris clock). */
const valuesOf = (a: Alerte): Record<string, string> => ({
  kind: a.kind,
  severity: a.severity,
  title: a.title,
  body: a.body,
  startsAt: dateToParisLocal(new Date(a.startsAt)),
  endsAt: dateToParisLocal(new Date(a.endsAt)),
});

/** /admin/alertes: list, publish, change, end now, delete (administrateur, secrétaire, agent). */
export async function alertesAdminRoutes(app: FastifyInstance): Promise<void> {
  const showForm = (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    v: { alerte?: Alerte; values: Record<string, string>; errors?: Record<string, string> },
    status = 200,
  ) => sendPage(reply, AlerteFormPage({ shell: adminShell(req, reply, access), now: access.ctx.now(), ...v }), status);

  app.get<{ Querystring: { message?: string } }>('/admin/alertes', async (req, reply) => {
    const access = await requireBackoffice(req);
    const list = await listAdminAlertes(access.ctx);
    return sendPage(
      reply,
      AdminAlertesPage({ shell: adminShell(req, reply, access), ...list, message: req.query.message }),
    );
  });

  app.get('/admin/alertes/nouvelle', async (req, reply) => {
    const access = await requireBackoffice(req);
    checkPolicy(access.ctx);
    const start = dateToParisLocal(access.ctx.now());
    return showForm(req, reply, access, { values: { kind: 'coupure_eau', severity: 'vigilance', startsAt: start } });
  });

  app.post('/admin/alertes/nouvelle', async (req, reply) => {
    const access = await requireBackoffice(req);
    checkPolicy(access.ctx);
    const form = parseAlerteForm(req.body);
    if (!form.ok) return showForm(req, reply, access, { values: form.values, errors: form.errors }, 400);
    await creerAlerte(access.ctx, form.data);
    return reply.redirect('/admin/alertes?message=cree', 303);
  });

  app.get('/admin/alertes/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    const alerte = await getAlerte(access.ctx, parseId(req.params));
    return showForm(req, reply, access, { alerte, values: valuesOf(alerte) });
  });

  app.post('/admin/alertes/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    const alerte = await getAlerte(access.ctx, parseId(req.params));
    const form = parseAlerteForm(req.body);
    if (!form.ok) return showForm(req, reply, access, { alerte, values: form.values, errors: form.errors }, 400);
    await modifierAlerte(access.ctx, alerte.id, form.data);
    return reply.redirect('/admin/alertes?message=modifie', 303);
  });

  app.post('/admin/alertes/:id/terminer', async (req, reply) => {
    const access = await requireBackoffice(req);
    await terminerAlerte(access.ctx, parseId(req.params));
    return reply.redirect('/admin/alertes?message=terminee', 303);
  });

  app.get('/admin/alertes/:id/suppression', async (req, reply) => {
    const access = await requireBackoffice(req);
    const alerte = await getAlerte(access.ctx, parseId(req.params));
    return sendPage(reply, DeleteAlertePage({ shell: adminShell(req, reply, access), alerte }));
  });

  app.post('/admin/alertes/:id/suppression', async (req, reply) => {
    const access = await requireBackoffice(req);
    await supprimerAlerte(access.ctx, parseId(req.params));
    return reply.redirect('/admin/alertes?message=supprimee', 303);
  });
}
