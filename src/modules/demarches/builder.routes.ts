import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalid, isAppError } from '../../core/errors.js';
import { refusal } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell, publicShell } from '../../core/http/shells.js';
import { isFieldType } from './builder.rules.js';
import {
  abandonnerBrouillon,
  ajouterChamp,
  creerType,
  deplacerChamp,
  enregistrerReglages,
  getBuilder,
  listTypesConfig,
  modifierChamp,
  publierType,
  supprimerChamp,
} from './builder.service.js';
import { ApercuPage } from './views/apercu.page.js';
import { BuilderListPage, BuilderPage, FieldEditPage } from './views/builder.page.js';

type Body = Record<string, string | string[] | undefined>;
type IdRoute = { Params: { id: string }; Querystring: { message?: string }; Body: Body };
type FieldRoute = { Params: { id: string; name: string }; Body: Body };

function parseId(raw: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw invalid('Ce numéro de démarche est mal formé.');
  return Number(raw);
}

function parseName(raw: string): string {
  if (!/^[a-z0-9_]{1,60}$/.test(raw)) throw invalid('Ce nom de champ est mal formé.');
  return raw;
}

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined): string[] => (v === undefined ? [] : ([] as string[]).concat(v));

/** /admin/demarches: the form builder (no JavaScript: every change is a form post). */
export async function builderRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/demarches', async (req, reply) => {
    const access = await requireBackoffice(req);
    const types = await listTypesConfig(access.ctx);
    return sendPage(reply, BuilderListPage({ shell: adminShell(req, reply, access), types }));
  });

  app.post<{ Body: Body }>('/admin/demarches', async (req, reply) => {
    const access = await requireBackoffice(req);
    const body = req.body ?? {};
    try {
      const id = await creerType(access.ctx, {
        title: one(body.title),
        slug: one(body.slug),
        summary: one(body.summary),
      });
      return reply.redirect(`/admin/demarches/${id}?message=cree`, 303);
    } catch (error) {
      const r = refusal(error);
      if (Object.keys(r.fields).length === 0) throw error;
      const types = await listTypesConfig(access.ctx);
      const page = BuilderListPage({
        shell: adminShell(req, reply, access),
        types,
        values: body,
        errors: r.fields,
      });
      return sendPage(reply, page, r.status);
    }
  });

  const builderPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    id: number,
    extra: { message?: string | undefined; failure?: string; errors?: Record<string, string>; values?: Body },
    status = 200,
  ) => {
    const b = await getBuilder(access.ctx, id);
    return sendPage(reply, BuilderPage({ shell: adminShell(req, reply, access), b, ...extra }), status);
  };

  app.get<IdRoute>('/admin/demarches/:id', async (req, reply) =>
    builderPage(req, reply, await requireBackoffice(req), parseId(req.params.id), { message: req.query.message }),
  );

  app.get<IdRoute>('/admin/demarches/:id/apercu', async (req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params.id);
    const b = await getBuilder(access.ctx, id);
    return sendPage(reply, ApercuPage({ shell: await publicShell(req), id, draft: b.draft }));
  });

  /** A change of the draft: redirect to the builder, or show the errors there. */
  const change = (path: string, message: string, run: (access: BackofficeAccess, id: number, body: Body) => unknown) =>
    app.post<IdRoute>(`/admin/demarches/:id${path}`, async (req, reply) => {
      const access = await requireBackoffice(req);
      const id = parseId(req.params.id);
      const body = req.body ?? {};
      try {
        await run(access, id, body);
        return reply.redirect(`/admin/demarches/${id}?message=${message}`, 303);
      } catch (error) {
        const r = refusal(error);
        const extra = Object.keys(r.fields).length > 0 ? { errors: r.fields, values: body } : { failure: r.message };
        return builderPage(req, reply, access, id, extra, r.status);
      }
    });

  change('/reglages', 'reglages', (access, id, body) =>
    enregistrerReglages(access.ctx, id, {
      title: one(body.title),
      summary: one(body.summary),
      settings: {
        serviceNom: one(body.serviceNom),
        serviceEmail: one(body.serviceEmail),
        serviceAdresse: one(body.serviceAdresse),
        serviceTelephone: one(body.serviceTelephone),
        silence: one(body.silence),
        delaiUnite: one(body.delaiUnite),
        delai: one(body.delai),
        conservationMois: one(body.conservationMois),
        roles: many(body.roles),
        retenueJours: body.retenueJours === undefined ? undefined : one(body.retenueJours),
      },
    }),
  );
  change('/champs', 'champ', (access, id, body) => {
    const type = one(body.type);
    if (!isFieldType(type)) throw invalid('Choisissez un type de champ.', { type: 'Choisissez un type de champ.' });
    return ajouterChamp(access.ctx, id, { type, label: one(body.label) });
  });
  change('/publier', 'publie', (access, id) => publierType(access.ctx, id));
  change('/abandonner', 'abandonne', (access, id) => abandonnerBrouillon(access.ctx, id));

  const fieldAction = (verb: string, run: (access: BackofficeAccess, id: number, name: string) => Promise<void>) =>
    app.post<FieldRoute>(`/admin/demarches/:id/champs/:name/${verb}`, async (req, reply) => {
      const access = await requireBackoffice(req);
      const id = parseId(req.params.id);
      try {
        await run(access, id, parseName(req.params.name));
        return reply.redirect(`/admin/demarches/${id}?message=champ`, 303);
      } catch (error) {
        return builderPage(req, reply, access, id, { failure: refusal(error).message }, 409);
      }
    });
  fieldAction('monter', (access, id, name) => deplacerChamp(access.ctx, id, name, 'up'));
  fieldAction('descendre', (access, id, name) => deplacerChamp(access.ctx, id, name, 'down'));
  fieldAction('supprimer', (access, id, name) => supprimerChamp(access.ctx, id, name));

  const fieldPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    id: number,
    name: string,
    extra: { values?: Body; errors?: Record<string, string> },
    status = 200,
  ) => {
    const b = await getBuilder(access.ctx, id);
    if (!b.draft.form.some((f) => f.name === name)) return reply.callNotFound();
    return sendPage(reply, FieldEditPage({ shell: adminShell(req, reply, access), b, name, ...extra }), status);
  };

  app.get<FieldRoute>('/admin/demarches/:id/champs/:name', async (req, reply) =>
    fieldPage(req, reply, await requireBackoffice(req), parseId(req.params.id), parseName(req.params.name), {}),
  );

  app.post<FieldRoute>('/admin/demarches/:id/champs/:name', async (req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params.id);
    const name = parseName(req.params.name);
    const body = req.body ?? {};
    const showIfField = one(body.showIfField);
    try {
      await modifierChamp(access.ctx, id, name, {
        label: one(body.label),
        hint: one(body.hint),
        required: one(body.required) === 'on',
        options: one(body.options),
        showIfField,
        showIfValues: /^[a-z0-9_]{1,60}$/.test(showIfField) ? many(body[`si_${showIfField}`]) : [],
      });
      return reply.redirect(`/admin/demarches/${id}?message=champ`, 303);
    } catch (error) {
      if (!isAppError(error, 'Invalid') || Object.keys(error.fields).length === 0) throw error;
      return fieldPage(req, reply, access, id, name, { values: body, errors: error.fields }, 400);
    }
  });
}
