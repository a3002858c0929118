import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalid, isAppError } from '../../core/errors.js';
import { formValues } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { toParisLocal } from '../../core/paris-time.js';
import { requireRecentAuth } from '../comptes/index.js';
import {
  consulterConservation,
  enregistrerConservations,
  getBordereau,
  listBordereaux,
  viserBordereau,
} from './conservation.service.js';
import { effacerPersonne, exporterPersonne, rechercherPersonne } from './personnes.service.js';
import { registreCsv, registrePdf } from './registre.export.js';
import { consulterRegistre, getActivity, modifierActivite } from './registre.service.js';
import { canGererRgpd, canViserBordereau } from './rgpd.policy.js';
import { BordereauPage, EliminationsPage } from './views/eliminations.page.js';
import { PersonnesPage } from './views/personnes.page.js';
import { ActivityEditPage, RegistrePage } from './views/registre.page.js';

type Id = { Params: { id: string }; Querystring: { message?: string } };
type Post = { Params: { id: string }; Body: Record<string, string> };
type Form = { Body: Record<string, string> };

function parseId(raw: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw invalid('Ce numéro est mal formé.');
  return Number(raw);
}

const moduleNames = (req: FastifyRequest) => req.server.deps.modules.map((m) => m.name);

/** Re-renders a form with its field errors (Invalid with fields), or lets the error through. */
function fieldErrors(error: unknown): Record<string, string> {
  if (!isAppError(error, 'Invalid') || Object.keys(error.fields).length === 0) throw error;
  return error.fields;
}

/** /admin/rgpd: registre des traitements, conservation and éliminations, citizens' rights. */
export async function rgpdRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/rgpd', async (_req, reply) => reply.redirect('/admin/rgpd/registre', 303));

  app.get<{ Querystring: { message?: string } }>('/admin/rgpd/registre', async (req, reply) => {
    const access = await requireBackoffice(req);
    const activities = await consulterRegistre(access.ctx, moduleNames(req));
    return sendPage(
      reply,
      RegistrePage({
        shell: adminShell(req, reply, access),
        activities,
        dpo: access.commune.info.dpo ?? '',
        canEdit: canGererRgpd(access.actor),
        message: req.query.message,
      }),
    );
  });

  app.get('/admin/rgpd/registre.csv', async (req, reply) => {
    const access = await requireBackoffice(req);
    const activities = await consulterRegistre(access.ctx, moduleNames(req));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="registre-traitements.csv"')
      .header('cache-control', 'no-store')
      .send(registreCsv(activities));
  });

  app.get('/admin/rgpd/registre.pdf', async (req, reply) => {
    const access = await requireBackoffice(req);
    const activities = await consulterRegistre(access.ctx, moduleNames(req));
    const pdf = await registrePdf(activities, {
      communeNom: access.commune.nom,
      responsable: `Commune de ${access.commune.nom}, représentée par son maire`,
      dpo: access.commune.info.dpo || 'non renseigné',
      date: toParisLocal(access.ctx.now()).date,
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', 'attachment; filename="registre-traitements.pdf"')
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  const editPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    id: number,
    extra: { values?: Record<string, string>; errors?: Record<string, string> } = {},
    status = 200,
  ) => {
    const activity = await getActivity(access.ctx, id);
    return sendPage(reply, ActivityEditPage({ shell: adminShell(req, reply, access), activity, ...extra }), status);
  };

  app.get<Id>('/admin/rgpd/registre/:id', async (req, reply) =>
    editPage(req, reply, await requireBackoffice(req), parseId(req.params.id)),
  );

  app.post<Post>('/admin/rgpd/registre/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params.id);
    try {
      await modifierActivite(access.ctx, id, req.body);
      return reply.redirect('/admin/rgpd/registre?message=modifie', 303);
    } catch (error) {
      return editPage(req, reply, access, id, { values: formValues(req.body), errors: fieldErrors(error) }, 400);
    }
  });

  const eliminationsPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string | undefined } = {},
    status = 200,
  ) => {
    const [bordereaux, categories] = await Promise.all([listBordereaux(access.ctx), consulterConservation(access.ctx)]);
    return sendPage(
      reply,
      EliminationsPage({
        shell: adminShell(req, reply, access),
        bordereaux,
        categories,
        canEdit: canGererRgpd(access.actor),
        ...extra,
      }),
      status,
    );
  };

  app.get<{ Querystring: { message?: string } }>('/admin/rgpd/eliminations', async (req, reply) =>
    eliminationsPage(req, reply, await requireBackoffice(req), { message: req.query.message }),
  );

  app.post<Form>('/admin/rgpd/conservation', async (req, reply) => {
    const access = await requireBackoffice(req);
    try {
      await enregistrerConservations(access.ctx, formValues(req.body));
      return reply.redirect('/admin/rgpd/eliminations?message=conservation', 303);
    } catch (error) {
      return eliminationsPage(req, reply, access, { values: formValues(req.body), errors: fieldErrors(error) }, 400);
    }
  });

  const bordereauPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    id: number,
    extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string | undefined } = {},
    status = 200,
  ) => {
    const data = await getBordereau(access.ctx, id);
    return sendPage(
      reply,
      BordereauPage({
        shell: adminShell(req, reply, access),
        ...data,
        canVisa: canViserBordereau(access.actor),
        ...extra,
      }),
      status,
    );
  };

  app.get<Id>('/admin/rgpd/eliminations/:id', async (req, reply) =>
    bordereauPage(req, reply, await requireBackoffice(req), parseId(req.params.id), { message: req.query.message }),
  );

  app.post<Post>('/admin/rgpd/eliminations/:id/visa', async (req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params.id);
    try {
      await viserBordereau(access.ctx, id, req.body);
      return reply.redirect(`/admin/rgpd/eliminations/${id}?message=vise`, 303);
    } catch (error) {
      return bordereauPage(req, reply, access, id, { values: formValues(req.body), errors: fieldErrors(error) }, 400);
    }
  });

  // The address is posted, never put in a URL: it stays out of the logs and the history.
  app.get('/admin/rgpd/personnes', async (req, reply) => {
    const access = await requireBackoffice(req);
    await listBordereaux(access.ctx); // policy check before showing the form
    return sendPage(reply, PersonnesPage({ shell: adminShell(req, reply, access) }));
  });

  app.post<Form>('/admin/rgpd/personnes', async (req, reply) => {
    const access = await requireBackoffice(req);
    const email = req.body?.email ?? '';
    try {
      const data = await rechercherPersonne(access.ctx, email);
      return sendPage(reply, PersonnesPage({ shell: adminShell(req, reply, access), email: data.email, data }));
    } catch (error) {
      const errors = fieldErrors(error);
      return sendPage(reply, PersonnesPage({ shell: adminShell(req, reply, access), email, errors }), 400);
    }
  });

  // Personal data leaves the platform, or is erased: a recent proof of identity first. The address
  // is not carried through the confirmation (never in a URL): the agent searches again.
  app.post<Form>('/admin/rgpd/personnes/export', async (req, reply) => {
    const access = await requireBackoffice(req);
    if (!(await requireRecentAuth(req, reply, '/admin/rgpd/personnes'))) return reply;
    const json = await exporterPersonne(access.ctx, req.body?.email ?? '');
    const day = toParisLocal(access.ctx.now()).date;
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="donnees-personnelles-${day}.json"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(json, null, 2));
  });

  app.post<Form>('/admin/rgpd/personnes/effacement', async (req, reply) => {
    const access = await requireBackoffice(req);
    if (!(await requireRecentAuth(req, reply, '/admin/rgpd/personnes'))) return reply;
    const email = req.body?.email ?? '';
    if (req.body?.confirme !== 'on') {
      const data = await rechercherPersonne(access.ctx, email);
      const errors = { confirme: 'Cochez la case pour confirmer la demande d’effacement.' };
      return sendPage(
        reply,
        PersonnesPage({ shell: adminShell(req, reply, access), email: data.email, data, errors }),
        400,
      );
    }
    const result = await effacerPersonne({ ...access.ctx, files: app.deps.files }, email);
    const data = await rechercherPersonne(access.ctx, email);
    return sendPage(reply, PersonnesPage({ shell: adminShell(req, reply, access), email: data.email, result }));
  });
}
