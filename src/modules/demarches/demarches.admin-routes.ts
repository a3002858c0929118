import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordExport } from '../../core/audit/index.js';
import { invalid, isAppError } from '../../core/errors.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { requireRecentAuth } from '../comptes/index.js';
import { demandePdf } from './demande.pdf.js';
import { demandesCsv } from './demarches.export.js';
import { readForm } from './demarches.public-routes.js';
import { isStatus, type Status } from './demarches.rules.js';
import { deposerDemande, listPublicTypes } from './demarches.service.js';
import { SORTS, type Sort } from './inbox.repo.js';
import {
  ajouterMessage,
  attribuerDemande,
  changerStatut,
  cloturerDemandes,
  getDemandeAdmin,
  listInbox,
} from './instruction.service.js';
import { DemandeAdminPage, type InboxFilter, InboxPage } from './views/admin.page.js';
import { GuichetPage } from './views/guichet.page.js';

type Id = { Params: { id: string }; Querystring: { message?: string } };
type Post = { Params: { id: string }; Body: Record<string, string> };

function parseFilter(q: InboxFilter) {
  const statut = q.statut || undefined;
  if (statut !== undefined && !isStatus(statut)) throw invalid('Ce statut de demande n’existe pas.');
  if (q.type && !/^[a-z0-9-]{1,60}$/.test(q.type)) throw invalid('Cette démarche n’existe pas.');
  if (q.retard && q.retard !== '1' && q.retard !== 'proche') throw invalid('Le filtre de délai est mal formé.');
  if (q.q && q.q.length > 200) throw invalid('La recherche est trop longue (200 caractères au plus).');
  if (q.tri && !(SORTS as readonly string[]).includes(q.tri)) throw invalid('Ce tri n’existe pas.');
  if (q.attribue && !/^(moi|aucun|\d{1,12})$/.test(q.attribue)) throw invalid('Le filtre d’agent est mal formé.');
  const assignee: 'moi' | 'aucun' | number | undefined =
    q.attribue === 'moi' || q.attribue === 'aucun' ? q.attribue : q.attribue ? Number(q.attribue) : undefined;
  return {
    type: q.type || undefined,
    status: statut as Status | undefined,
    overdue: q.retard === '1',
    soon: q.retard === 'proche',
    assignee,
    sort: (q.tri || undefined) as Sort | undefined,
    text: q.q?.trim() || undefined,
  };
}

const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

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
    const closed = /^\d{1,4}$/.test(req.query.cloturees ?? '') ? Number(req.query.cloturees) : undefined;
    const page = InboxPage({ shell: adminShell(req, reply, access), ...data, filter: req.query, closed });
    return sendPage(reply, page);
  });

  app.get<{ Querystring: InboxFilter }>('/admin/demandes/export.csv', async (req, reply) => {
    const access = await requireBackoffice(req);
    const filter = parseFilter(req.query);
    // Personal data leaves the platform: a recent proof of identity, and a trace in the journal.
    if (!(await requireRecentAuth(req, reply))) return reply;
    const { demandes } = await listInbox(access.ctx, filter);
    await recordExport(access.ctx, { what: 'demandes', rows: demandes.length, filter: { ...filter } });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="demandes.csv"')
      .header('cache-control', 'no-store')
      .send(demandesCsv(demandes));
  });

  app.post<{ Body: Record<string, unknown> }>('/admin/demandes/cloture', async (req, reply) => {
    const access = await requireBackoffice(req);
    const body = req.body ?? {};
    const raw = asList(body.ids);
    if (raw.some((x) => !/^\d{1,12}$/.test(x))) throw invalid('Une des demandes cochées est mal formée.');
    const motif = typeof body.motif === 'string' ? body.motif : '';
    try {
      const n = await cloturerDemandes(access.ctx, { ids: raw.map(Number), motif });
      return reply.redirect(`/admin/demandes?cloturees=${n}`, 303);
    } catch (error) {
      if (!isAppError(error, 'Invalid') || Object.keys(error.fields).length === 0) throw error;
      const data = await listInbox(access.ctx, {});
      const page = InboxPage({
        shell: adminShell(req, reply, access),
        ...data,
        filter: {},
        errors: error.fields,
        checked: raw,
        motif,
      });
      return sendPage(reply, page, 400);
    }
  });

  app.get<Id>('/admin/demandes/:id/demande.pdf', async (req, reply) => {
    const access = await requireBackoffice(req);
    const data = await getDemandeAdmin(access.ctx, parseId(req.params.id));
    const assignee = data.members.find((m) => m.userId === data.demande.assigneeUserId)?.displayName ?? null;
    const pdf = await demandePdf({ commune: access.commune, ...data, assignee, printedAt: access.ctx.now() });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="demande-${data.demande.reference}.pdf"`)
      .header('cache-control', 'no-store')
      .send(pdf);
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
  action('attribuer', (access, id, body) => {
    const raw = body.assignee ?? '';
    if (!/^(moi|aucun|\d{1,12})$/.test(raw))
      throw invalid('Choisissez un agent.', { assignee: 'Choisissez un agent.' });
    const assignee = raw === 'moi' || raw === 'aucun' ? raw : Number(raw);
    return attribuerDemande(access.ctx, { id, assignee });
  });
}
