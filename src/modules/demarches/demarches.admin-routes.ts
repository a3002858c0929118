import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalid, isAppError } from '../../core/errors.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { demandesCsv } from './demarches.export.js';
import { readForm } from './demarches.public-routes.js';
import { isStatus, type Status } from './demarches.rules.js';
import { deposerDemande, listPublicTypes } from './demarches.service.js';
import { ajouterMessage, changerStatut, getDemandeAdmin, listInbox } from './instruction.service.js';
import { DemandeAdminPage, type InboxFilter, InboxPage } from './views/admin.page.js';
import { GuichetPage } from './views/guichet.page.js';

type Id = { Params: { id: string }; Querystring: { message?: string } };
type Post = { Params: { id: string }; Body: Record<string, string> };

function parseFilter(q: InboxFilter) {
  const statut = q.statut || undefined;
  if (statut !== undefined && !isStatus(statut)) throw invalid('Ce statut de demande n’existe pas.');
  if (q.type && !/^[a-z0-9-]{1,60}$/.test(q.type)) throw invalid('Cette démarche n’existe pas.');
  if (q.retard && q.retard !== '1') throw invalid('Le filtre de délai est mal formé.');
  if (q.q && q.q.length > 200) throw invalid('La recherche est trop longue (200 caractères au plus).');
  return {
    type: q.type || undefined,
    status: statut as Status | undefined,
    overdue: q.retard === '1',
    text: q.q?.trim() || undefined,
  };
}

function parseId(raw: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw invalid('Ce numéro de demande est mal formé.');
  return Number(raw);
}

/** /admin/demandes: the agents' inbox, a request's page and its actions, the counter, the CSV export. */
export async function demarchesAdminRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: InboxFilter }>('/admin/demandes', async (req, reply) => {
    const access = await requireBackoffice(req);
    const filter = parseFilter(req.query);
    const data = await listInbox(access.ctx, filter);
    return sendPage(reply, InboxPage({ shell: adminShell(req, reply, access), ...data, filter: req.query }));
  });

  app.get<{ Querystring: InboxFilter }>('/admin/demandes/export.csv', async (req, reply) => {
    const access = await requireBackoffice(req);
    const { demandes } = await listInbox(access.ctx, parseFilter(req.query));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="demandes.csv"')
      .header('cache-control', 'no-store')
      .send(demandesCsv(demandes));
  });

  const guichetPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    slug: string | undefined,
    extra: object,
    status = 200,
  ) => {
    const types = await listPublicTypes(access.ctx);
    const type = types.find((t) => t.slug === (slug ?? types[0]?.slug));
    if (!type) throw invalid('Cette démarche n’existe pas.');
    await listInbox(access.ctx, {}); // policy check: only the staff record requests
    return sendPage(reply, GuichetPage({ shell: adminShell(req, reply, access), types, type, ...extra }), status);
  };

  app.get<{ Querystring: { type?: string } }>('/admin/demandes/guichet', async (req, reply) =>
    guichetPage(req, reply, await requireBackoffice(req), req.query.type, {}),
  );

  app.post<{ Params: { slug: string } }, { multipartForm: boolean }>(
    '/admin/demandes/guichet/:slug',
    { config: { multipartForm: true } },
    async (req, reply) => {
      const access = await requireBackoffice(req);
      await listInbox(access.ctx, {});
      const form = await readForm(req, reply);
      try {
        const depot = await deposerDemande(
          { ...access.ctx, files: app.deps.files },
          {
            slug: req.params.slug,
            values: form.fields,
            file: form.file,
            fileTooLarge: form.fileTooLarge,
            canal: 'guichet',
            baseUrl: app.deps.config.publicUrl,
          },
        );
        return reply.redirect(`/admin/demandes/${depot.id}?message=guichet`, 303);
      } catch (error) {
        const known = isAppError(error, 'Invalid') || isAppError(error, 'Conflict');
        if (!known || Object.keys(error.fields).length === 0) throw error;
        const status = error.code === 'Conflict' ? 409 : 400;
        return guichetPage(req, reply, access, req.params.slug, { values: form.fields, errors: error.fields }, status);
      }
    },
  );

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    id: number,
    extra: object,
    status = 200,
  ) => {
    const data = await getDemandeAdmin(access.ctx, id);
    return sendPage(reply, DemandeAdminPage({ shell: adminShell(req, reply, access), ...data, ...extra }), status);
  };

  app.get<Id>('/admin/demandes/:id', async (req, reply) =>
    detail(req, reply, await requireBackoffice(req), parseId(req.params.id), { message: req.query.message }),
  );

  /** Runs an action; an Invalid error re-renders the page with the field's message and the values. */
  const action = (
    name: string,
    run: (access: BackofficeAccess, id: number, body: Record<string, string>) => Promise<void>,
  ) =>
    app.post<Post>(`/admin/demandes/:id/${name}`, async (req, reply) => {
      const access = await requireBackoffice(req);
      const id = parseId(req.params.id);
      const body = req.body ?? {};
      try {
        await run(access, id, body);
        return reply.redirect(`/admin/demandes/${id}?message=${name}`, 303);
      } catch (error) {
        if (!isAppError(error, 'Invalid') || Object.keys(error.fields).length === 0) throw error;
        return detail(req, reply, access, id, { errors: error.fields, values: body }, 400);
      }
    });

  action('statut', async (access, id, body) => {
    const to = body.to ?? '';
    if (!isStatus(to)) throw invalid('Choisissez un statut.', { to: 'Choisissez un statut.' });
    await changerStatut(access.ctx, { id, to, motif: body.motif ?? '' });
  });
  action('message', (access, id, body) =>
    ajouterMessage(access.ctx, { id, body: body.body ?? '', modele: body.modele, kind: 'message_agent' }),
  );
  action('note', (access, id, body) => ajouterMessage(access.ctx, { id, body: body.note ?? '', kind: 'note' }));
}
