import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { z } from 'zod';
import { DeleteConfirmPage, RevisionsPage } from '../../ui/content-admin.js';
import type { PublicShell } from '../../ui/public-layout.js';
import { isAppError, notFound } from '../errors.js';
import { idParam } from '../http/fields.js';
import { type FieldErrors, formValues, parseForm, refusal } from '../http/forms.js';
import { sendPage } from '../http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../http/request-context.js';
import { adminShell, publicShell } from '../http/shells.js';
import { PUBLICATION_LABELS, publicationState } from './publication.rules.js';
import type { PublicationAction } from './publication.workflow.js';
import type { PublishableItem, PublishableService } from './publishable.service.js';
import { scheduleFormSchema } from './schedule.schema.js';

/** What the edit form of an item is given (the module's form page adds its own data). */
export interface PublishableFormView<Item> {
  item?: Item;
  values: Record<string, string>;
  errors: FieldErrors;
  message?: string;
  schedule?: { values: Record<string, string>; errors: FieldErrors };
}

/** A kind of publishable content's back-office pages: its views and words; the routes are common. */
export interface PublishableAdmin<Item extends PublishableItem, S extends z.ZodType> {
  /** e.g. /admin/actualites */
  base: string;
  /** The address of the empty form under `base`: « nouvelle », « nouveau ». */
  newSlug: string;
  notFound: string;
  service: PublishableService<Item, z.output<S>>;
  schema: S;
  valuesOf(item: Item): Record<string, string>;
  listPage(args: {
    req: FastifyRequest;
    reply: FastifyReply;
    access: BackofficeAccess;
    items: Item[];
    message?: string;
  }): VNode;
  /** The edit form (async: it may list choices, such as the media library's images). */
  formPage(args: {
    req: FastifyRequest;
    reply: FastifyReply;
    access: BackofficeAccess;
    view: PublishableFormView<Item>;
  }): Promise<VNode>;
  /** The public page of an item, shown to the agent before it is published. */
  previewPage(args: {
    shell: PublicShell;
    item: Item;
    now: Date;
    preview: { editHref: string; stateLabel: string };
  }): VNode;
  deletion: { heading: string; consequence: string };
}

type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: { message?: string } }>;

const revisionParams = idParam.extend({ revisionId: idParam.shape.id });

/** The message shown after each publication action (see the form pages' message tables). */
const MESSAGE_OF: Record<Exclude<PublicationAction, 'programmer'>, string> = {
  publier: 'publie',
  retirer: 'retire',
  deprogrammer: 'deprogramme',
};

/** Write, edit, preview, publish, schedule, unpublish, delete and restore items of one kind. */
export async function publishableAdminRoutes<Item extends PublishableItem, S extends z.ZodType>(
  app: FastifyInstance,
  spec: PublishableAdmin<Item, S>,
): Promise<void> {
  const { base, service } = spec;

  const parseId = (params: unknown): number => {
    const p = idParam.safeParse(params);
    if (!p.success) throw notFound(spec.notFound);
    return p.data.id;
  };

  const form = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    view: PublishableFormView<Item>,
    status = 200,
  ) => sendPage(reply, await spec.formPage({ req, reply, access, view }), status);

  /** A refused save shows the form again with what was typed and why (409 for a taken address). */
  const refused = (req: FastifyRequest, reply: FastifyReply, access: BackofficeAccess, error: unknown, item?: Item) => {
    const r = refusal(error);
    const view = { ...(item && { item }), values: formValues(req.body), errors: r.fields };
    return form(req, reply, access, view, r.status);
  };

  app.get<{ Querystring: { message?: string } }>(base, async (req, reply) => {
    const access = await requireBackoffice(req);
    const items = await service.listForAdmin(access.ctx);
    return sendPage(reply, spec.listPage({ req, reply, access, items, message: req.query.message }));
  });

  app.get(`${base}/${spec.newSlug}`, async (req, reply) => {
    const access = await requireBackoffice(req);
    service.assertCanManage(access.ctx);
    return form(req, reply, access, { values: {}, errors: {} });
  });

  app.post(base, async (req, reply) => {
    const access = await requireBackoffice(req);
    const parsed = parseForm(spec.schema, req.body);
    if (!parsed.ok) return form(req, reply, access, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      const id = await service.create(access.ctx, parsed.data);
      return reply.redirect(`${base}/${id}?message=cree`, 303);
    } catch (error) {
      return refused(req, reply, access, error);
    }
  });

  app.get(`${base}/:id`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const item = await service.getForEdit(access.ctx, parseId(req.params));
    return form(req, reply, access, { item, values: spec.valuesOf(item), errors: {}, message: req.query.message });
  });

  app.post(`${base}/:id`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const item = await service.getForEdit(access.ctx, id);
    const parsed = parseForm(spec.schema, req.body);
    if (!parsed.ok) return form(req, reply, access, { item, values: parsed.values, errors: parsed.errors }, 400);
    try {
      await service.update(access.ctx, id, parsed.data);
    } catch (error) {
      return refused(req, reply, access, error, item);
    }
    return reply.redirect(`${base}/${id}?message=enregistre`, 303);
  });

  app.get(`${base}/:id/apercu`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const item = await service.getForEdit(access.ctx, parseId(req.params));
    const now = access.ctx.now();
    const stateLabel = PUBLICATION_LABELS[publicationState(item.status, item.publishAt, now)];
    const preview = { editHref: `${base}/${item.id}`, stateLabel };
    return sendPage(reply, spec.previewPage({ shell: await publicShell(req), item, now, preview }));
  });

  for (const action of ['publier', 'retirer', 'deprogrammer'] as const) {
    app.post(`${base}/:id/${action}`, async (req: Req, reply) => {
      const access = await requireBackoffice(req);
      const id = parseId(req.params);
      await service.changePublication(access.ctx, id, action);
      return reply.redirect(`${base}/${id}?message=${MESSAGE_OF[action]}`, 303);
    });
  }

  app.post(`${base}/:id/programmer`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const item = await service.getForEdit(access.ctx, id);
    const parsed = parseForm(scheduleFormSchema, req.body);
    const rerender = (errors: FieldErrors, values: Record<string, string>) =>
      form(req, reply, access, { item, values: spec.valuesOf(item), errors: {}, schedule: { values, errors } }, 400);
    if (!parsed.ok) return rerender(parsed.errors, parsed.values);
    try {
      await service.changePublication(access.ctx, id, 'programmer', parsed.data.at);
    } catch (error) {
      if (isAppError(error, 'Invalid')) return rerender(error.fields, formValues(req.body));
      throw error;
    }
    return reply.redirect(`${base}/${id}?message=programme`, 303);
  });

  app.get(`${base}/:id/suppression`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const item = await service.getForEdit(access.ctx, parseId(req.params));
    return sendPage(
      reply,
      DeleteConfirmPage({
        shell: adminShell(req, reply, access),
        heading: spec.deletion.heading,
        itemTitle: item.title,
        action: `${base}/${item.id}/suppression`,
        backHref: `${base}/${item.id}`,
        consequence: spec.deletion.consequence,
      }),
    );
  });

  app.post(`${base}/:id/suppression`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    await service.remove(access.ctx, parseId(req.params));
    return reply.redirect(`${base}?message=supprime`, 303);
  });

  app.get(`${base}/:id/revisions`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const item = await service.getForEdit(access.ctx, id);
    const revisions = await service.revisions(access.ctx, id);
    const shell = adminShell(req, reply, access);
    const paths = { backHref: `${base}/${id}`, basePath: `${base}/${id}` };
    return sendPage(reply, RevisionsPage({ shell, itemTitle: item.title, ...paths, revisions }));
  });

  app.post(`${base}/:id/revisions/:revisionId/restauration`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const p = revisionParams.safeParse(req.params);
    if (!p.success) throw notFound('Cette version n’existe pas.');
    await service.restoreRevision(access.ctx, p.data.id, p.data.revisionId);
    return reply.redirect(`${base}/${p.data.id}?message=restaure`, 303);
  });
}
