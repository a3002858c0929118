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
import { fileForWidth, listImages, mediaUrl } from '../medias/index.js';
import { actualiteSchema } from './actualites.schemas.js';
import * as service from './actualites.service.js';
import { ActualitePage } from './views/actualites.page.js';
import {
  ActualiteFormPage,
  type ActualiteFormView,
  ActualitesAdminPage,
  actualiteValues,
} from './views/actualites-admin.page.js';

const BASE = '/admin/actualites';
type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: { message?: string } }>;

const revisionParams = idParam.extend({ revisionId: idParam.shape.id });

function parseId(params: unknown): number {
  const p = idParam.safeParse(params);
  if (!p.success) throw notFound('Cette actualité n’existe pas.');
  return p.data.id;
}

/** The images of the media library an actualité may show, by title. */
async function imageChoices(access: BackofficeAccess): Promise<{ value: string; label: string }[]> {
  return (await listImages(access.ctx)).flatMap((m) => {
    const file = fileForWidth(m.files, 1024);
    return file ? [{ value: mediaUrl(m.id, file, 'image'), label: m.title }] : [];
  });
}

/** /admin/actualites: write, edit, preview, publish, schedule, unpublish, delete, restore. */
export async function actualitesAdminRoutes(app: FastifyInstance): Promise<void> {
  const form = (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    view: Omit<ActualiteFormView, 'shell' | 'now' | 'images'>,
    status = 200,
  ) =>
    imageChoices(access).then((images) =>
      sendPage(
        reply,
        ActualiteFormPage({ shell: adminShell(req, reply, access), now: access.ctx.now(), images, ...view }),
        status,
      ),
    );

  app.get<{ Querystring: { message?: string } }>(BASE, async (req, reply) => {
    const access = await requireBackoffice(req);
    const items = await service.listActualitesForAdmin(access.ctx);
    const shell = adminShell(req, reply, access);
    return sendPage(reply, ActualitesAdminPage({ shell, items, now: access.ctx.now(), message: req.query.message }));
  });

  app.get(`${BASE}/nouvelle`, async (req, reply) => {
    const access = await requireBackoffice(req);
    service.assertCanManageActualites(access.ctx);
    return form(req, reply, access, { values: {}, errors: {} });
  });

  app.post(BASE, async (req, reply) => {
    const access = await requireBackoffice(req);
    const parsed = parseForm(actualiteSchema, req.body);
    if (!parsed.ok) return form(req, reply, access, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      const id = await service.createActualite(access.ctx, parsed.data);
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
    const item = await service.getActualiteForEdit(access.ctx, parseId(req.params));
    return form(req, reply, access, { item, values: actualiteValues(item), errors: {}, message: req.query.message });
  });

  app.post(`${BASE}/:id`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const item = await service.getActualiteForEdit(access.ctx, id);
    const parsed = parseForm(actualiteSchema, req.body);
    if (!parsed.ok) return form(req, reply, access, { item, values: parsed.values, errors: parsed.errors }, 400);
    try {
      await service.updateActualite(access.ctx, id, parsed.data);
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
    const a = await service.getActualiteForEdit(access.ctx, parseId(req.params));
    const stateLabel = PUBLICATION_LABELS[publicationState(a.status, a.publishAt, access.ctx.now())];
    const preview = { editHref: `${BASE}/${a.id}`, stateLabel };
    return sendPage(
      reply,
      ActualitePage({ shell: await publicShell(req), a, publicUrl: app.deps.config.publicUrl, preview }),
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
      await service.changeActualitePublication(access.ctx, id, action);
      return reply.redirect(`${BASE}/${id}?message=${MESSAGE_OF[action]}`, 303);
    });
  }

  app.post(`${BASE}/:id/programmer`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const item = await service.getActualiteForEdit(access.ctx, id);
    const parsed = parseForm(scheduleFormSchema, req.body);
    const rerender = (errors: Record<string, string>, values: Record<string, string>) =>
      form(req, reply, access, { item, values: actualiteValues(item), errors: {}, schedule: { values, errors } }, 400);
    if (!parsed.ok) return rerender(parsed.errors, parsed.values);
    try {
      await service.changeActualitePublication(access.ctx, id, 'programmer', parsed.data.at);
    } catch (error) {
      if (isAppError(error, 'Invalid')) return rerender(error.fields, formValues(req.body));
      throw error;
    }
    return reply.redirect(`${BASE}/${id}?message=programme`, 303);
  });

  app.get(`${BASE}/:id/suppression`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const a = await service.getActualiteForEdit(access.ctx, parseId(req.params));
    return sendPage(
      reply,
      DeleteConfirmPage({
        shell: adminShell(req, reply, access),
        heading: 'Supprimer l’actualité',
        itemTitle: a.title,
        action: `${BASE}/${a.id}/suppression`,
        backHref: `${BASE}/${a.id}`,
        consequence: 'Elle disparaîtra du site, de la recherche et du flux RSS.',
      }),
    );
  });

  app.post(`${BASE}/:id/suppression`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    await service.deleteActualite(access.ctx, parseId(req.params));
    return reply.redirect(`${BASE}?message=supprime`, 303);
  });

  app.get(`${BASE}/:id/revisions`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const a = await service.getActualiteForEdit(access.ctx, id);
    const revisions = await service.actualiteRevisions(access.ctx, id);
    const shell = adminShell(req, reply, access);
    return sendPage(
      reply,
      RevisionsPage({ shell, itemTitle: a.title, backHref: `${BASE}/${id}`, basePath: `${BASE}/${id}`, revisions }),
    );
  });

  app.post(`${BASE}/:id/revisions/:revisionId/restauration`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const p = revisionParams.safeParse(req.params);
    if (!p.success) throw notFound('Cette version n’existe pas.');
    await service.restoreActualiteRevision(access.ctx, p.data.id, p.data.revisionId);
    return reply.redirect(`${BASE}/${p.data.id}?message=restaure`, 303);
  });
}
