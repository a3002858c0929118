import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CommuneCtx, systemActor } from '../../core/context.js';
import { isAppError } from '../../core/errors.js';
import { formToken } from '../../core/http/forms.js';
import { MULTIPART_ROUTE, type MultipartForm, readMultipartForm } from '../../core/http/multipart.js';
import { sendPage } from '../../core/http/render.js';
import { communeCtx, requireCommune } from '../../core/http/request-context.js';
import { publicShell } from '../../core/http/shells.js';
import { MAX_PIECE_BYTES } from './demarches.pieces.js';
import { deposerDemande, getAccusePdf, getSuivi, getType, listPublicTypes } from './demarches.service.js';
import { repondreUsager } from './instruction.service.js';
import { listCreneauxPris, RESERVATION_SLUG } from './reservation.service.js';
import { AccusePage, DemarcheFormPage, DemarchesListPage } from './views/public.page.js';
import { SuiviPage } from './views/suivi.page.js';

const visitor = systemActor('usager');

type MultipartConfig = { multipartForm: boolean };
type Slug = { Params: { slug: string } };
type Suivi = { Params: { reference: string }; Querystring: { jeton?: string; accuse?: string; envoye?: string } };

/** Reads a posted form: multipart (token checked after parsing) or url-encoded (checked here). */
export async function readForm(req: FastifyRequest, reply: FastifyReply): Promise<MultipartForm> {
  if (req.isMultipart()) return readMultipartForm(req, reply, MAX_PIECE_BYTES);
  await new Promise<void>((resolve, reject) => {
    req.server.csrfProtection(req, reply, (error?: unknown) => (error ? reject(error) : resolve()));
  });
  const fields = Object.fromEntries(
    Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([k]) => k !== '_csrf'),
  ) as Record<string, string>;
  return { fields, files: {}, file: null, fileTooLarge: false, tooLargeField: null };
}

const takenFor = (ctx: CommuneCtx, slug: string) =>
  slug === RESERVATION_SLUG ? listCreneauxPris(ctx) : Promise.resolve(undefined);

/** The citizen side: /demarches, the forms, the acknowledgement and /suivi. No account needed. */
export async function demarchesPublicRoutes(app: FastifyInstance): Promise<void> {
  const ctxOf = (req: FastifyRequest) => ({
    ...communeCtx(req, visitor, requireCommune(req)),
    files: app.deps.files,
  });

  app.get('/demarches', async (req, reply) => {
    const types = await listPublicTypes(ctxOf(req));
    return sendPage(reply, DemarchesListPage({ shell: await publicShell(req), types }));
  });

  app.get<Slug>('/demarches/:slug', async (req, reply) => {
    const ctx = ctxOf(req);
    const type = await getType(ctx, req.params.slug);
    const taken = await takenFor(ctx, type.slug);
    return sendPage(
      reply,
      DemarcheFormPage({ shell: await publicShell(req), csrfToken: formToken(reply), type, taken }),
    );
  });

  app.post<Slug, MultipartConfig>('/demarches/:slug', MULTIPART_ROUTE, async (req, reply) => {
    const ctx = ctxOf(req);
    const type = await getType(ctx, req.params.slug);
    const form = await readForm(req, reply);
    try {
      const depot = await deposerDemande(ctx, {
        slug: type.slug,
        type,
        values: form.fields,
        file: form.file,
        fileTooLarge: form.fileTooLarge,
        canal: 'en_ligne',
        baseUrl: app.deps.config.publicUrl,
      });
      const to = `/suivi/${depot.reference}?jeton=${encodeURIComponent(depot.token)}&accuse=1`;
      return reply.redirect(to, 303);
    } catch (error) {
      if (!isAppError(error, 'Invalid') && !isAppError(error, 'Conflict')) throw error;
      const page = DemarcheFormPage({
        shell: await publicShell(req),
        csrfToken: formToken(reply),
        type,
        taken: await takenFor(ctx, type.slug),
        values: form.fields,
        errors: Object.keys(error.fields).length > 0 ? error.fields : { _form: error.message },
      });
      return sendPage(reply, page, error.code === 'Conflict' ? 409 : 400);
    }
  });

  app.get<Suivi>('/suivi/:reference', async (req, reply) => {
    const token = req.query.jeton ?? '';
    const found = await getSuivi(ctxOf(req), req.params.reference, token);
    const shell = await publicShell(req);
    const d = found.demande;
    reply.header('referrer-policy', 'no-referrer');
    if (req.query.accuse === '1') {
      reply.header('cache-control', 'no-store');
      const suiviPath = `/suivi/${d.reference}?jeton=${encodeURIComponent(token)}`;
      const page = AccusePage({
        shell,
        reference: d.reference,
        suiviPath,
        accusePath: `/suivi/${d.reference}/accuse.pdf?jeton=${encodeURIComponent(token)}`,
        typeTitle: d.typeTitle,
        settings: d.settings,
        receivedAt: d.receivedAt,
        decisionDue: d.decisionDue,
        email: d.email,
      });
      return sendPage(reply, page);
    }
    const page = SuiviPage({ shell, csrfToken: formToken(reply), token, ...found, sent: req.query.envoye === '1' });
    return sendPage(reply, page);
  });

  // The accusé de réception PDF, as mailed (the secret of the link is the credential).
  app.get<Suivi>('/suivi/:reference/accuse.pdf', async (req, reply) => {
    const pdf = await getAccusePdf(ctxOf(req), req.params.reference, req.query.jeton ?? '');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${pdf.filename}"`)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(pdf.bytes);
  });

  app.post<Suivi, MultipartConfig>('/suivi/:reference', MULTIPART_ROUTE, async (req, reply) => {
    const ctx = ctxOf(req);
    const token = req.query.jeton ?? '';
    const found = await getSuivi(ctx, req.params.reference, token);
    const form = await readForm(req, reply);
    const render = async (errors: Record<string, string>) => {
      const shell = await publicShell(req);
      const page = SuiviPage({ shell, csrfToken: formToken(reply), token, ...found, values: form.fields, errors });
      return sendPage(reply, page, 400);
    };
    if (form.fileTooLarge) return render({ piece: 'Le fichier dépasse 10 Mo.' });
    try {
      const body = form.fields.body ?? '';
      await repondreUsager(ctx, { reference: req.params.reference, token, body, file: form.file });
      return reply.redirect(`/suivi/${req.params.reference}?jeton=${encodeURIComponent(token)}&envoye=1`, 303);
    } catch (error) {
      if (!isAppError(error, 'Invalid')) throw error;
      return render(error.fields);
    }
  });
}
