import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalid, isAppError } from '../../core/errors.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import type { SalleInput } from './salles.rules.js';
import {
  archiverSalle,
  creerSalle,
  getSalleAdmin,
  listSallesAdmin,
  modifierSalle,
  reglerRetenue,
} from './salles.service.js';
import { SalleFormPage, SallesPage } from './views/salles.page.js';

type Body = Record<string, string | string[] | undefined>;
type IdRoute = { Params: { id: string }; Querystring: { message?: string }; Body: Body };

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

function parseId(raw: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw invalid('Ce numéro de salle est mal formé.');
  return Number(raw);
}

const salleInput = (b: Body): SalleInput => ({
  nom: one(b.nom),
  capacite: one(b.capacite),
  tarifs: one(b.tarifs),
  description: one(b.description),
  equipements: one(b.equipements),
  photos: b.photos === undefined ? [] : ([] as string[]).concat(b.photos),
});

/** /admin/salles: the commune's rooms (create, edit, archive) and the hold duration of bookings. */
export async function sallesAdminRoutes(app: FastifyInstance): Promise<void> {
  const listPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    extra: { message?: string | undefined; errors?: Record<string, string>; values?: Body },
    status = 200,
  ) => {
    const data = await listSallesAdmin(access.ctx);
    return sendPage(reply, SallesPage({ shell: adminShell(req, reply, access), ...data, ...extra }), status);
  };

  app.get<{ Querystring: { message?: string } }>('/admin/salles', async (req, reply) =>
    listPage(req, reply, await requireBackoffice(req), { message: req.query.message }),
  );

  app.post<{ Body: Body }>('/admin/salles/retenue', async (req, reply) => {
    const access = await requireBackoffice(req);
    const body = req.body ?? {};
    try {
      await reglerRetenue(access.ctx, one(body.retenueJours));
      return reply.redirect('/admin/salles?message=retenue', 303);
    } catch (error) {
      const known = isAppError(error, 'Invalid') || isAppError(error, 'Conflict');
      if (!known || Object.keys(error.fields).length === 0) throw error;
      return listPage(req, reply, access, { errors: error.fields, values: body }, error.code === 'Invalid' ? 400 : 409);
    }
  });

  app.get('/admin/salles/nouvelle', async (req, reply) => {
    const access = await requireBackoffice(req);
    const { images } = await listSallesAdmin(access.ctx);
    return sendPage(reply, SalleFormPage({ shell: adminShell(req, reply, access), images }));
  });

  app.post<{ Body: Body }>('/admin/salles', async (req, reply) => {
    const access = await requireBackoffice(req);
    const body = req.body ?? {};
    try {
      const id = await creerSalle(access.ctx, salleInput(body));
      return reply.redirect(`/admin/salles/${id}?message=creee`, 303);
    } catch (error) {
      if (!isAppError(error, 'Invalid') || Object.keys(error.fields).length === 0) throw error;
      const { images } = await listSallesAdmin(access.ctx);
      const page = SalleFormPage({ shell: adminShell(req, reply, access), images, values: body, errors: error.fields });
      return sendPage(reply, page, 400);
    }
  });

  app.get<IdRoute>('/admin/salles/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    const data = await getSalleAdmin(access.ctx, parseId(req.params.id));
    const page = SalleFormPage({ shell: adminShell(req, reply, access), ...data, message: req.query.message });
    return sendPage(reply, page);
  });

  app.post<IdRoute>('/admin/salles/:id', async (req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params.id);
    const body = req.body ?? {};
    try {
      await modifierSalle(access.ctx, id, salleInput(body));
      return reply.redirect(`/admin/salles/${id}?message=modifiee`, 303);
    } catch (error) {
      if (!isAppError(error, 'Invalid') || Object.keys(error.fields).length === 0) throw error;
      const data = await getSalleAdmin(access.ctx, id);
      const page = SalleFormPage({
        shell: adminShell(req, reply, access),
        ...data,
        values: body,
        errors: error.fields,
      });
      return sendPage(reply, page, 400);
    }
  });

  for (const [verb, archive, message] of [
    ['archiver', true, 'archivee'],
    ['restaurer', false, 'restauree'],
  ] as const) {
    app.post<IdRoute>(`/admin/salles/:id/${verb}`, async (req, reply) => {
      const access = await requireBackoffice(req);
      const id = parseId(req.params.id);
      await archiverSalle(access.ctx, id, archive);
      return reply.redirect(`/admin/salles/${id}?message=${message}`, 303);
    });
  }
}
