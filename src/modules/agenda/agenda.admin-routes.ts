import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLICATION_LABELS, publicationState } from '../../core/content/index.js';
import type { PublicationAction } from '../../core/content/publication.workflow.js';
import { scheduleFormSchema } from '../../core/content/schedule.schema.js';
import { isAppError, notFound } from '../../core/errors.js';
import { idParam } from '../../core/http/fields.js';
import { formValues, parseForm } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell, publicShell } from '../../core/http/shells.js';
import { DeleteConfirmPage, RevisionsPage } from '../../ui/content-admin.js';
import { evenementSchema } from './agenda.schemas.js';
import * as service from './agenda.service.js';
import { EvenementPage } from './views/agenda.page.js';
import {
  AgendaAdminPage,
  EvenementFormPage,
  type EvenementFormView,
  evenementValues,
} from './views/agenda-admin.page.js';

const BASE = '/admin/agenda';
type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: { message?: string } }>;

const revisionParams = idParam.extend({ revisionId: idParam.shape.id });

function parseId(params: unknown): number {
  const p = idParam.safeParse(params);
  if (!p.success) throw notFound('Cet événement n’existe pas.');
  return p.data.id;
}

/** /admin/agenda: announce, edit, preview, publish, schedule, unpublish, delete, restore. */
export async function agendaAdminRoutes(app: FastifyInstance): Promise<void> {
  const form = (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    view: Omit<EvenementFormView, 'shell' | 'now'>,
    status = 200,
  ) =>
    sendPage(
      reply,
      EvenementFormPage({ shell: adminShell(req, reply, access), now: access.ctx.now(), ...view }),
      status,
    );

  app.get<{ Querystring: { message?: string } }>(BASE, async (req, reply) => {
    const access = await requireBackoffice(req);
    const items = await service.listEvenementsForAdmin(access.ctx);
    const shell = adminShell(req, reply, access);
    return sendPage(reply, AgendaAdminPage({ shell, items, now: access.ctx.now(), message: req.query.message }));
  });

  app.get(`${BASE}/nouveau`, async (req, reply) => {
    const access = await requireBackoffice(req);
    service.assertCanManageAgenda(access.ctx);
    return form(req, reply, access, { values: {}, errors: {} });
  });

  app.post(BASE, async (req, reply) => {
    const access = await requireBackoffice(req);
    const parsed = parseForm(evenementSchema, req.body);
    if (!parsed.ok) return form(req, reply, access, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      const id = await service.createEvenement(access.ctx, parsed.data);
      return reply.redirect(`${BASE}/${id}?message=cree`, 303);
    } catch (error) {
      if (isAppError(error, 'Conflict') || isAppError(error, 'Invalid'))
        return form(
          req,
          reply,
          access,
          { values: formValues(req.body), errors: error.fields },
          error.code === 'Conflict' ? 409 : 400,
        );
      throw error;
    }
  });

  app.get(`${BASE}/:id`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const item = await service.getEvenementForEdit(access.ctx, parseId(req.params));
    return form(req, reply, access, { item, values: evenementValues(item), errors: {}, message: req.query.message });
  });

  app.post(`${BASE}/:id`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const item = await service.getEvenementForEdit(access.ctx, id);
    const parsed = parseForm(evenementSchema, req.body);
    if (!parsed.ok) return form(req, reply, access, { item, values: parsed.values, errors: parsed.errors }, 400);
    try {
      await service.updateEvenement(access.ctx, id, parsed.data);
    } catch (error) {
      if (isAppError(error, 'Conflict') || isAppError(error, 'Invalid'))
        return form(
          req,
          reply,
          access,
          { item, values: formValues(req.body), errors: error.fields },
          error.code === 'Conflict' ? 409 : 400,
        );
      throw error;
    }
    return reply.redirect(`${BASE}/${id}?message=enregistre`, 303);
  });

  app.get(`${BASE}/:id/apercu`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const e = await service.getEvenementForEdit(access.ctx, parseId(req.params));
    const stateLabel = PUBLICATION_LABELS[publicationState(e.status, e.publishAt, access.ctx.now())];
    const preview = { editHref: `${BASE}/${e.id}`, stateLabel };
    return sendPage(
      reply,
      EvenementPage({
        shell: await publicShell(req),
        e,
        now: access.ctx.now(),
        publicUrl: app.deps.config.publicUrl,
        preview,
      }),
    );
  });

  const MESSAGE_OF: Record<Exclude<PublicationAction, 'programmer'>, string> = {
    publier: 'publie',
    retirer: 'retire',
    deprogrammer: 'deprogramme',
  };
  for (const action of ['publier', 'retirer', 'deprogrammer'] as const) {
    app.post(`${BASE}/:id/${action}`, async (req: Req, reply) => {
      const access = await requireBackoffice(req);
      const id = parseId(req.params);
      await service.changeEvenementPublication(access.ctx, id, action);
      return reply.redirect(`${BASE}/${id}?message=${MESSAGE_OF[action]}`, 303);
    });
  }

  app.post(`${BASE}/:id/programmer`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const item = await service.getEvenementForEdit(access.ctx, id);
    const parsed = parseForm(scheduleFormSchema, req.body);
    const rerender = (errors: Record<string, string>, values: Record<string, string>) =>
      form(req, reply, access, { item, values: evenementValues(item), errors: {}, schedule: { values, errors } }, 400);
    if (!parsed.ok) return rerender(parsed.errors, parsed.values);
    try {
      await service.changeEvenementPublication(access.ctx, id, 'programmer', parsed.data.at);
    } catch (error) {
      if (isAppError(error, 'Invalid')) return rerender(error.fields, formValues(req.body));
      throw error;
    }
    return reply.redirect(`${BASE}/${id}?message=programme`, 303);
  });

  app.get(`${BASE}/:id/suppression`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const e = await service.getEvenementForEdit(access.ctx, parseId(req.params));
    return sendPage(
      reply,
      DeleteConfirmPage({
        shell: adminShell(req, reply, access),
        heading: 'Supprimer l’événement',
        itemTitle: e.title,
        action: `${BASE}/${e.id}/suppression`,
        backHref: `${BASE}/${e.id}`,
        consequence: 'Il disparaîtra de l’agenda, de la recherche et des calendriers abonnés.',
      }),
    );
  });

  app.post(`${BASE}/:id/suppression`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    await service.deleteEvenement(access.ctx, parseId(req.params));
    return reply.redirect(`${BASE}?message=supprime`, 303);
  });

  app.get(`${BASE}/:id/revisions`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const e = await service.getEvenementForEdit(access.ctx, id);
    const revisions = await service.evenementRevisions(access.ctx, id);
    const shell = adminShell(req, reply, access);
    return sendPage(
      reply,
      RevisionsPage({ shell, itemTitle: e.title, backHref: `${BASE}/${id}`, basePath: `${BASE}/${id}`, revisions }),
    );
  });

  app.post(`${BASE}/:id/revisions/:revisionId/restauration`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const p = revisionParams.safeParse(req.params);
    if (!p.success) throw notFound('Cette version n’existe pas.');
    await service.restoreEvenementRevision(access.ctx, p.data.id, p.data.revisionId);
    return reply.redirect(`${BASE}/${p.data.id}?message=restaure`, 303);
  });
}
