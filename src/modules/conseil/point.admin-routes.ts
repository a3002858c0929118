import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalid, notFound } from '../../core/errors.js';
import { formValues, parseForm } from '../../core/http/forms.js';
import { MULTIPART_ROUTE, readMultipartForm } from '../../core/http/multipart.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { TenantScope } from '../../core/tenancy/index.js';
import * as apres from './apres.service.js';
import { formError, parseId } from './conseil.http.js';
import { canManageConseil } from './conseil.policy.js';
import * as repo from './conseil.repo.js';
import type { SensVote } from './conseil.rules.js';
import { huisClosSchema, pointSchema, texteSchema, tourSchema, voteSchema } from './conseil.schemas.js';
import * as service from './conseil.service.js';
import * as live from './seance.service.js';
import { BASE } from './views/conseil-admin.page.js';
import { PointPage, type PointView } from './views/point-admin.page.js';
import { SeancePage } from './views/seance-admin.page.js';

type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: { message?: string } }>;

/** Ids from the URL of a point: /admin/conseil/seances/:id/points/:pointId. */
const idsOf = (req: { params: Record<string, string> }) => ({
  seanceId: parseId(req.params.id),
  pointId: parseId(req.params.pointId, 'Ce point de l’ordre du jour n’existe pas.'),
});

/** Fields named `<prefix><memberId>` of a form, as a map. */
function byMember(body: Record<string, string>, prefix: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const [k, v] of Object.entries(body)) {
    const m = new RegExp(`^${prefix}(\\d{1,9})$`).exec(k);
    if (m && v !== '') out.set(Number(m[1]), v);
  }
  return out;
}

/** /admin/conseil/seances/:id/points/…: the ordre du jour, documents, votes and délibérations. */
export async function pointAdminRoutes(app: FastifyInstance): Promise<void> {
  const P = `${BASE}/seances/:id/points/:pointId`;

  const pointPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    a: BackofficeAccess,
    ids: { seanceId: number; pointId: number },
    extra: Partial<Pick<PointView, 'forms' | 'message' | 'error'>> & { delibTexte?: string },
    status = 200,
  ) => {
    const d = await service.getDossier(a.ctx, ids.seanceId);
    const p = d.points.find((x) => x.id === ids.pointId);
    if (!p) throw notFound('Ce point de l’ordre du jour n’existe pas.');
    const scope = new TenantScope(a.ctx.db, a.ctx.commune.id);
    const [tours, votes] = await Promise.all([repo.listTours(scope, p.id), repo.listVotesNominatifs(scope, p.id)]);
    const page = PointPage({
      shell: adminShell(req, reply, a),
      d,
      p,
      canManage: canManageConseil(a.actor),
      tours,
      nominatifs: new Map(votes.map((v) => [v.membreId, v.sens])),
      delibTexte: extra.delibTexte ?? (await apres.getDeliberationText(a.ctx, ids.seanceId, ids.pointId)),
      forms: extra.forms ?? {},
      message: extra.message,
      error: extra.error,
    });
    return sendPage(reply, page, status);
  };

  app.post(`${BASE}/seances/:id/points`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const seanceId = parseId(req.params.id);
    const parsed = parseForm(pointSchema, req.body);
    const again = async (values: Record<string, string>, errors: Record<string, string>, status: number) => {
      const d = await service.getDossier(a.ctx, seanceId);
      const page = SeancePage({
        shell: adminShell(req, reply, a),
        d,
        canManage: canManageConseil(a.actor),
        pointValues: values,
        pointErrors: errors,
      });
      return sendPage(reply, page, status);
    };
    if (!parsed.ok) return again(parsed.values, parsed.errors, 400);
    try {
      await service.addPoint(a.ctx, seanceId, parsed.data);
    } catch (error) {
      const e = formError(error);
      return again(formValues(req.body), e.errors, e.status);
    }
    return reply.redirect(`${BASE}/seances/${seanceId}?message=point`, 303);
  });

  app.get(P, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const ids = idsOf(req);
    await service.getDossier(a.ctx, ids.seanceId);
    return pointPage(req, reply, a, ids, { message: req.query.message });
  });

  app.post(P, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const ids = idsOf(req);
    const parsed = parseForm(pointSchema, req.body);
    try {
      if (!parsed.ok) throw invalid('Le point n’a pas été enregistré.', parsed.errors);
      await service.updatePoint(a.ctx, ids.seanceId, ids.pointId, parsed.data);
    } catch (error) {
      const e = formError(error);
      return pointPage(
        req,
        reply,
        a,
        ids,
        { forms: { point: { values: formValues(req.body), errors: e.errors } } },
        e.status,
      );
    }
    return reply.redirect(`${BASE}/seances/${ids.seanceId}/points/${ids.pointId}?message=point`, 303);
  });

  app.post(`${P}/documents`, MULTIPART_ROUTE, async (req, reply) => {
    const a = await requireBackoffice(req);
    const ids = idsOf(req as { params: Record<string, string> });
    const form = await readMultipartForm(req, reply, service.DOCUMENT_RULES.maxBytes);
    try {
      if (form.fileTooLarge) throw invalid('Le fichier dépasse 20 Mo.', { document: 'Le fichier dépasse 20 Mo.' });
      if (!form.file) throw invalid('Choisissez un fichier PDF.', { document: 'Choisissez un fichier PDF.' });
      await service.addDocument({ ...a.ctx, files: app.deps.files }, ids.seanceId, ids.pointId, {
        titre: form.fields.titre ?? '',
        bytes: form.file.bytes,
        filename: form.file.filename,
      });
    } catch (error) {
      const e = formError(error);
      return pointPage(req, reply, a, ids, { forms: { document: { errors: e.errors } } }, e.status);
    }
    return reply.redirect(`${BASE}/seances/${ids.seanceId}/points/${ids.pointId}?message=document`, 303);
  });

  app.get(`${BASE}/seances/:id/documents/:docId`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const doc = await service.getDocumentAdmin(
      a.ctx,
      parseId(req.params.id),
      parseId(req.params.docId, 'Ce document n’existe pas.'),
    );
    return reply
      .type(doc.mime)
      .header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(doc.originalName)}`)
      .send(await app.deps.files.get(doc.sha256));
  });

  app.post(`${P}/vote`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const ids = idsOf(req);
    const body = formValues(req.body);
    const parsed = parseForm(voteSchema, req.body);
    try {
      if (!parsed.ok) throw invalid('Le vote n’a pas été enregistré.', parsed.errors);
      await live.enregistrerVote(a.ctx, ids.seanceId, ids.pointId, {
        ...parsed.data,
        figures: parsed.data,
        votePresident: parsed.data.votePresident as SensVote | null,
        nominatifs: byMember(body, 'sens_'),
      });
    } catch (error) {
      const e = formError(error);
      return pointPage(req, reply, a, ids, { forms: { vote: { values: body, errors: e.errors } } }, e.status);
    }
    return reply.redirect(`${BASE}/seances/${ids.seanceId}/points/${ids.pointId}?message=vote`, 303);
  });

  app.post(`${P}/tour`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const ids = idsOf(req);
    const body = formValues(req.body);
    const parsed = parseForm(tourSchema, req.body);
    const voix = new Map<number, number>();
    const bad: Record<string, string> = {};
    for (const [id, v] of byMember(body, 'voix_')) {
      if (/^\d{1,4}$/.test(v)) voix.set(id, Number(v));
      else bad.votants = 'Chaque nombre de voix doit être un entier positif ou nul.';
    }
    const count = (v: string | undefined) => (v && /^\d{1,4}$/.test(v) ? Number(v) : 0);
    try {
      if (!parsed.ok || Object.keys(bad).length > 0) {
        throw invalid('Le tour n’a pas été enregistré.', { ...(parsed.ok ? {} : parsed.errors), ...bad });
      }
      await live.enregistrerTour(a.ctx, ids.seanceId, ids.pointId, {
        ...parsed.data,
        voix,
        demandesPublic: count(body.demandesPublic),
        demandesSecret: count(body.demandesSecret),
        secretRenonce: body.secretRenonce !== undefined,
      });
    } catch (error) {
      const e = formError(error);
      return pointPage(req, reply, a, ids, { forms: { tour: { values: body, errors: e.errors } } }, e.status);
    }
    return reply.redirect(`${BASE}/seances/${ids.seanceId}/points/${ids.pointId}?message=tour`, 303);
  });

  app.post(`${P}/huis-clos`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const ids = idsOf(req);
    const parsed = parseForm(huisClosSchema, req.body);
    try {
      if (!parsed.ok) throw invalid('Le huis clos n’a pas été décidé.', parsed.errors);
      await live.deciderHuisClos(a.ctx, ids.seanceId, ids.pointId, parsed.data);
    } catch (error) {
      const e = formError(error);
      const values = formValues(req.body);
      return pointPage(req, reply, a, ids, { forms: { huisClos: { values, errors: e.errors } } }, e.status);
    }
    return reply.redirect(`${BASE}/seances/${ids.seanceId}/points/${ids.pointId}?message=huisclos`, 303);
  });

  app.post(`${P}/deliberation`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const ids = idsOf(req);
    const parsed = parseForm(texteSchema, req.body);
    try {
      if (!parsed.ok) throw invalid('Le texte n’a pas été enregistré.', parsed.errors);
      await apres.saveDeliberation(a.ctx, ids.seanceId, ids.pointId, parsed.data.texte);
    } catch (error) {
      const e = formError(error);
      const delibTexte = formValues(req.body).texte ?? '';
      return pointPage(req, reply, a, ids, { delibTexte, forms: { delib: { errors: e.errors } } }, e.status);
    }
    return reply.redirect(`${BASE}/seances/${ids.seanceId}/points/${ids.pointId}?message=delib`, 303);
  });

  app.post(`${P}/finalisation`, async (req: Req, reply) => {
    const a = await requireBackoffice(req);
    const ids = idsOf(req);
    try {
      await apres.finaliserDeliberation(a.ctx, ids.seanceId, ids.pointId);
    } catch (error) {
      const e = formError(error);
      return pointPage(req, reply, a, ids, { error: e.message }, e.status);
    }
    return reply.redirect(`${BASE}/seances/${ids.seanceId}/points/${ids.pointId}?message=finalisee`, 303);
  });
}
