import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError, notFound } from '../../core/errors.js';
import { idParam } from '../../core/http/fields.js';
import { formValues, parseForm, refusal } from '../../core/http/forms.js';
import { MULTIPART_ROUTE, readMultipartForm } from '../../core/http/multipart.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { toParisLocal } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import * as edit from './acte-edit.service.js';
import { isNature, modePublicite, STATUTS } from './actes.rules.js';
import { acteSchema, finSchema, notificationSchema, reglageSchema, transmissionSchema } from './actes.schemas.js';
import * as service from './actes.service.js';
import { classificationOverview, importClassification } from './classification.service.js';
import { buildCtesArchive, importPrefectureReturn } from './ctes.service.js';
import { importActes, MAX_IMPORT_BYTES, readZip } from './import.service.js';
import { findReglage } from './reglage.repo.js';
import { getActesReglage, saveActesReglage } from './reglage.service.js';
import { ActeDetailPage } from './views/acte-detail.page.js';
import { ActeNewPage, ActesAdminPage, acteValues } from './views/actes-admin.page.js';
import { ImportActesPage, ReglagesPage, reglageValues } from './views/actes-outils.page.js';

const BASE = '/admin/actes';
type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string | undefined> }>;

function parseId(params: unknown): number {
  const p = idParam.safeParse(params);
  if (!p.success) throw notFound(service.ACTE_NOT_FOUND);
  return p.data.id;
}

/** /admin/actes: the register, writing, signature, publication, transmission, import, settings. */
export async function actesAdminRoutes(app: FastifyInstance): Promise<void> {
  const filesCtx = (access: BackofficeAccess) => ({ ...access.ctx, files: app.deps.files });

  const detail = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    id: number,
    more: { values?: Record<string, string>; errors?: Record<string, string>; error?: string; message?: string },
    status = 200,
  ) => {
    const d = await edit.getActeDetail(access.ctx, id);
    const { current } = await classificationOverview(access.ctx);
    const reglage = await findReglage(new TenantScope(access.ctx.db, access.commune.id));
    return sendPage(
      reply,
      ActeDetailPage({
        shell: adminShell(req, reply, access),
        d,
        values: more.values ?? acteValues(d.acte),
        errors: more.errors ?? {},
        error: more.error,
        message: more.message,
        matieres: current.items,
        modePublicite: modePublicite(access.commune.population, reglage.publiciteMode),
        today: toParisLocal(access.ctx.now()).date,
      }),
      status,
    );
  };

  /** Runs an action on an act; a refused action shows the act again with the French reason. */
  const action = (
    name: string,
    run: (access: BackofficeAccess, id: number, req: Req, reply: FastifyReply) => Promise<unknown>,
    message: string,
  ) =>
    app.post(`${BASE}/:id/${name}`, async (req: Req, reply) => {
      const access = await requireBackoffice(req);
      const id = parseId(req.params);
      try {
        const done = await run(access, id, req, reply);
        if (done === 'sent') return reply;
      } catch (error) {
        const r = refusal(error);
        const values = { ...acteValues((await edit.getActeDetail(access.ctx, id)).acte), ...formValues(req.body) };
        return detail(req, reply, access, id, { values, errors: r.fields, error: r.message }, r.status);
      }
      return reply.redirect(`${BASE}/${id}?message=${message}`, 303);
    });

  app.get(BASE, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const statut =
      req.query.statut && (STATUTS as readonly string[]).includes(req.query.statut) ? req.query.statut : null;
    const nature = req.query.nature && isNature(req.query.nature) ? req.query.nature : null;
    const page = req.query.page && /^[1-9]\d{0,5}$/.test(req.query.page) ? Number(req.query.page) : 1;
    const { items, total } = await edit.listActesForAdmin(access.ctx, { statut, nature, page });
    return sendPage(
      reply,
      ActesAdminPage({
        shell: adminShell(req, reply, access),
        items,
        total,
        page,
        pageCount: Math.max(1, Math.ceil(total / edit.ADMIN_PAGE_SIZE)),
        filters: { statut, nature },
        message: req.query.message,
      }),
    );
  });

  const newForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    values: Record<string, string>,
    errors: Record<string, string>,
    status = 200,
  ) => {
    const { current } = await classificationOverview(access.ctx);
    const shell = adminShell(req, reply, access);
    return sendPage(
      reply,
      ActeNewPage({ shell, values, errors, matieres: current.items, csrfToken: shell.csrfToken }),
      status,
    );
  };

  app.get(`${BASE}/nouveau`, async (req, reply) => {
    const access = await requireBackoffice(req);
    service.manageScope(access.ctx);
    const today = toParisLocal(access.ctx.now()).date;
    const values = { nature: 'arrete_reglementaire', dateDecision: today, auteurQualite: 'Maire' };
    return newForm(req, reply, access, values, {});
  });

  app.post(BASE, async (req, reply) => {
    const access = await requireBackoffice(req);
    const parsed = parseForm(acteSchema, req.body);
    if (!parsed.ok) return newForm(req, reply, access, parsed.values, parsed.errors, 400);
    try {
      const id = await edit.createActe(access.ctx, parsed.data);
      return reply.redirect(`${BASE}/${id}?message=cree`, 303);
    } catch (error) {
      if (isAppError(error, 'Conflict') || isAppError(error, 'Invalid'))
        return newForm(req, reply, access, formValues(req.body), error.fields, error.code === 'Conflict' ? 409 : 400);
      throw error;
    }
  });

  app.get(`${BASE}/:id`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    return detail(req, reply, access, parseId(req.params), { message: req.query.message });
  });

  app.post(`${BASE}/:id`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const parsed = parseForm(acteSchema, req.body);
    if (!parsed.ok) return detail(req, reply, access, id, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      await edit.updateActe(access.ctx, id, parsed.data);
    } catch (error) {
      const r = refusal(error);
      return detail(
        req,
        reply,
        access,
        id,
        { values: formValues(req.body), errors: r.fields, error: r.message },
        r.status,
      );
    }
    return reply.redirect(`${BASE}/${id}?message=enregistre`, 303);
  });

  action('signer', (access, id) => service.signActe(filesCtx(access), { acteId: id }), 'signe');
  action('publier', (access, id) => service.publishActe(access.ctx, { acteId: id }), 'publie');
  action(
    'notifier',
    async (access, id, req) => {
      const p = parseForm(notificationSchema, req.body);
      if (!p.ok) throw new AppError('Invalid', 'La notification n’a pas été enregistrée.', p.errors);
      await service.notifyActe(access.ctx, { acteId: id, notifieLe: p.data.notifieLe });
    },
    'notifie',
  );
  action(
    'transmission',
    async (access, id, req) => {
      const p = parseForm(transmissionSchema, req.body);
      if (!p.ok) throw new AppError('Invalid', 'La transmission n’a pas été enregistrée.', p.errors);
      await service.recordTransmission(access.ctx, { acteId: id, ...p.data });
    },
    'transmis',
  );
  action(
    'fin',
    async (access, id, req) => {
      const p = parseForm(finSchema, req.body);
      if (!p.ok) throw new AppError('Invalid', 'Le retrait n’a pas été enregistré.', p.errors);
      await service.endActe(access.ctx, { acteId: id, ...p.data });
    },
    'fin',
  );

  /** A file sent for an act (its signed PDF, an annex); a refusal shows the act again, next to the field. */
  const upload = (
    name: string,
    field: string,
    missing: string,
    run: (
      access: BackofficeAccess,
      id: number,
      file: { bytes: Buffer; filename: string },
      fields: Record<string, string>,
    ) => Promise<unknown>,
    message: string,
  ) =>
    app.post(`${BASE}/:id/${name}`, MULTIPART_ROUTE, async (req, reply) => {
      const access = await requireBackoffice(req);
      const id = parseId(req.params);
      const form = await readMultipartForm(req, reply, 20 * 1024 * 1024);
      const fail = (msg: string, status: number) =>
        detail(req, reply, access, id, { errors: { [field]: msg }, error: msg }, status);
      if (form.fileTooLarge) return fail('Le fichier dépasse 20 Mo.', 413);
      const file = form.files[field];
      if (!file || file.bytes.length === 0) return fail(missing, 400);
      try {
        await run(access, id, file, form.fields);
      } catch (error) {
        const r = refusal(error);
        return fail(r.message, r.status);
      }
      return reply.redirect(`${BASE}/${id}?message=${message}`, 303);
    });

  upload(
    'document',
    'document',
    'Choisissez le PDF signé de l’acte.',
    (access, id, file) =>
      edit.attachSignedPdf(filesCtx(access), { acteId: id, bytes: file.bytes, filename: file.filename }),
    'document',
  );
  upload(
    'annexes',
    'annexe',
    'Choisissez le fichier de l’annexe.',
    (access, id, file, fields) =>
      edit.addAnnexe(filesCtx(access), {
        acteId: id,
        bytes: file.bytes,
        filename: file.filename,
        typePj: (fields.typePj ?? '').trim().toUpperCase() || null,
      }),
    'annexe',
  );

  app.post(`${BASE}/:id/annexes/:annexeId/supprimer`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const annexeId = parseId({ id: req.params.annexeId });
    try {
      await edit.removeAnnexe(access.ctx, { acteId: id, annexeId });
    } catch (error) {
      return detail(req, reply, access, id, { error: refusal(error).message }, 409);
    }
    return reply.redirect(`${BASE}/${id}?message=annexe_supprimee`, 303);
  });

  app.get(`${BASE}/:id/fichiers/:fileId`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    const fileId = parseId({ id: req.params.fileId });
    const d = await edit.getActeDetail(access.ctx, id);
    const file = [d.document, ...d.annexes.map((x) => x.file)].find((f) => f?.id === fileId);
    if (!file) throw notFound('Ce document n’existe pas.');
    return reply
      .type(file.mime)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`)
      .send(app.deps.files.stream(file.sha256));
  });

  app.get(`${BASE}/:id/ctes`, async (req: Req, reply) => {
    const access = await requireBackoffice(req);
    const id = parseId(req.params);
    try {
      const archive = await buildCtesArchive(filesCtx(access), id);
      return reply
        .type('application/gzip')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${archive.name}"`)
        .send(archive.bytes);
    } catch (error) {
      const r = refusal(error);
      return detail(req, reply, access, id, { error: r.message }, r.status);
    }
  });

  app.post(`${BASE}/retour-prefecture`, MULTIPART_ROUTE, async (req, reply) => {
    const access = await requireBackoffice(req);
    const form = await readMultipartForm(req, reply, 20 * 1024 * 1024);
    const file = form.files.fichier;
    const page = (msg: string, status: number) => listWithError(req, reply, access, msg, status);
    if (form.fileTooLarge) return page('Le fichier dépasse 20 Mo.', 413);
    if (!file || file.bytes.length === 0) return page('Choisissez le fichier reçu de la préfecture.', 400);
    try {
      const r = await importPrefectureReturn(access.ctx, { bytes: file.bytes, filename: file.filename });
      return reply.redirect(`${BASE}/${r.acteId}?message=retour`, 303);
    } catch (error) {
      // A return that names no act of the commune is a 404 shown on the list, with its reason.
      if (isAppError(error, 'NotFound')) return page(error.message, 404);
      return page(refusal(error).message, 400);
    }
  });

  const listWithError = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    error: string,
    status: number,
  ) => {
    const { items, total } = await edit.listActesForAdmin(access.ctx, { statut: null, nature: null, page: 1 });
    const pageCount = Math.max(1, Math.ceil(total / edit.ADMIN_PAGE_SIZE));
    const shell = adminShell(req, reply, access);
    const filters = { statut: null, nature: null };
    return sendPage(reply, ActesAdminPage({ shell, items, total, page: 1, pageCount, filters, error }), status);
  };

  const reglagesPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    more: {
      values?: Record<string, string>;
      errors?: Record<string, string>;
      classificationError?: string;
      message?: string;
    },
    status = 200,
  ) => {
    const reglage = await getActesReglage(access.ctx);
    const shell = adminShell(req, reply, access);
    return sendPage(
      reply,
      ReglagesPage({
        shell,
        reglage,
        values: more.values ?? reglageValues(reglage),
        errors: more.errors ?? {},
        classification: await classificationOverview(access.ctx),
        classificationError: more.classificationError,
        message: more.message,
        population: access.commune.population,
      }),
      status,
    );
  };

  app.get(`${BASE}/reglages`, async (req: Req, reply) =>
    reglagesPage(req, reply, await requireBackoffice(req), { message: req.query.message }),
  );

  app.post(`${BASE}/reglages`, async (req, reply) => {
    const access = await requireBackoffice(req);
    const parsed = parseForm(reglageSchema, req.body);
    if (!parsed.ok) return reglagesPage(req, reply, access, { values: parsed.values, errors: parsed.errors }, 400);
    try {
      await saveActesReglage(access.ctx, parsed.data);
    } catch (error) {
      if (!isAppError(error, 'Invalid')) throw error;
      return reglagesPage(req, reply, access, { values: formValues(req.body), errors: error.fields }, 400);
    }
    return reply.redirect(`${BASE}/reglages?message=reglages`, 303);
  });

  app.post(`${BASE}/classification`, MULTIPART_ROUTE, async (req, reply) => {
    const access = await requireBackoffice(req);
    const form = await readMultipartForm(req, reply, 5 * 1024 * 1024);
    const fail = (msg: string, status: number) =>
      reglagesPage(req, reply, access, { classificationError: msg }, status);
    if (form.fileTooLarge) return fail('Le fichier dépasse 5 Mo.', 413);
    const file = form.files.classification;
    if (!file || file.bytes.length === 0) return fail('Choisissez le fichier de classification de la préfecture.', 400);
    try {
      const text = /encoding=["']UTF-8/i.test(file.bytes.subarray(0, 100).toString('latin1'))
        ? file.bytes.toString('utf8')
        : file.bytes.toString('latin1');
      await importClassification(access.ctx, text);
    } catch (error) {
      if (!isAppError(error, 'Invalid') && !isAppError(error, 'Conflict')) throw error;
      return fail(error.message, error.code === 'Conflict' ? 409 : 400);
    }
    return reply.redirect(`${BASE}/reglages?message=classification`, 303);
  });

  app.get<{ Querystring: { importes?: string } }>(`${BASE}/import`, async (req, reply) => {
    const access = await requireBackoffice(req);
    service.manageScope(access.ctx);
    const n = req.query.importes && /^\d{1,6}$/.test(req.query.importes) ? Number(req.query.importes) : undefined;
    return sendPage(
      reply,
      ImportActesPage({ shell: adminShell(req, reply, access), ...(n !== undefined && { done: n }) }),
    );
  });

  app.post(`${BASE}/import`, MULTIPART_ROUTE, async (req, reply) => {
    const access = await requireBackoffice(req);
    service.manageScope(access.ctx);
    const form = await readMultipartForm(req, reply, MAX_IMPORT_BYTES, { maxFiles: 2 });
    const page = (status: number, more: { error?: string; problems?: { line: number; message: string }[] }) =>
      sendPage(reply, ImportActesPage({ shell: adminShell(req, reply, access), ...more }), status);
    if (form.fileTooLarge) return page(413, { error: 'L’archive dépasse 200 Mo : découpez l’import.' });
    const csv = form.files.csv;
    const archive = form.files.archive;
    if (!csv || csv.bytes.length === 0) return page(400, { error: 'Choisissez le fichier CSV des actes.' });
    if (!archive || archive.bytes.length === 0) return page(400, { error: 'Choisissez l’archive ZIP des PDF.' });
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(csv.bytes);
    } catch {
      return page(400, { error: 'Le fichier CSV n’est pas encodé en UTF-8 : enregistrez-le au format « CSV UTF-8 ».' });
    }
    try {
      const files = await readZip(archive.bytes);
      const result = await importActes(filesCtx(access), { csv: text, files });
      if (!result.ok) return page(400, { problems: result.problems });
      return reply.redirect(`${BASE}/import?importes=${result.count}`, 303);
    } catch (error) {
      if (!isAppError(error, 'Invalid')) throw error;
      return page(400, { error: error.message });
    }
  });
}
