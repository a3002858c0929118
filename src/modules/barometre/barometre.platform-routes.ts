import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, notFound } from '../../core/errors.js';
import { parseForm } from '../../core/http/forms.js';
import { MULTIPART_ROUTE, readMultipartForm } from '../../core/http/multipart.js';
import { sendPage } from '../../core/http/render.js';
import { requireOperator } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { resultatsCsv, resultatsJson, templateCsv } from './barometre.export.js';
import { renderRapportPdf } from './barometre.pdf.js';
import { anneeParam, campagneSchema, observatoireSchema } from './barometre.schemas.js';
import {
  changeCampagneStatut,
  createCampagne,
  getCampagne,
  listCampagnesOverview,
  setObservatoire,
} from './campagnes.service.js';
import { importReponses } from './import.service.js';
import { getResultatsOperateur, type Resultats } from './resultats.service.js';
import { CampagnePage, type CampagneView } from './views/campagne.page.js';
import { BarometrePlateformePage } from './views/plateforme.page.js';
import { ResultatsOperateurPage } from './views/resultats.page.js';

/** Largest CSV accepted by the upload form (about 30,000 communes). */
const MAX_CSV_BYTES = 8 * 1024 * 1024;

const anneeOf = (params: unknown): number => {
  const p = anneeParam.safeParse(params);
  if (!p.success) throw notFound('Cette campagne n’existe pas.');
  return p.data.annee;
};

/** Sends the exports of a campaign's results (shared with the public observatory). */
export async function sendExport(reply: FastifyReply, r: Resultats, kind: string, now: Date): Promise<FastifyReply> {
  const name = `barometre-${r.campagne.annee}`;
  if (kind === 'resultats.csv') {
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}-agregats.csv"`)
      .send(resultatsCsv(r));
  }
  if (kind === 'resultats.json') {
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(resultatsJson(r), null, 2));
  }
  const { pdf } = await renderRapportPdf(r, now);
  return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);
}

/** /plateforme/barometre: the operator's campaigns, imports, results, exports and the observatory switch. */
export async function barometrePlatformRoutes(app: FastifyInstance): Promise<void> {
  const listPage = async (req: FastifyRequest, reply: FastifyReply, extra: object = {}, status = 200) => {
    const op = await requireOperator(req);
    const overview = await listCampagnesOverview(op.ctx);
    const shell = adminShell(req, reply, { actor: op.actor, commune: null });
    return sendPage(reply, BarometrePlateformePage({ shell, ...overview, ...extra }), status);
  };

  app.get<{ Querystring: { message?: string } }>('/plateforme/barometre', (req, reply) =>
    listPage(req, reply, { message: req.query.message }),
  );

  app.post('/plateforme/barometre/campagnes', async (req, reply) => {
    const op = await requireOperator(req);
    const form = parseForm(campagneSchema, req.body);
    if (!form.ok) return listPage(req, reply, { values: form.values, errors: form.errors }, 400);
    try {
      await createCampagne(op.ctx, form.data);
    } catch (error) {
      if (isAppError(error, 'Invalid') || isAppError(error, 'Conflict')) {
        const values = { annee: String(form.data.annee), edition: form.data.edition };
        return listPage(req, reply, { values, errors: error.fields }, error.code === 'Conflict' ? 409 : 400);
      }
      throw error;
    }
    return reply.redirect('/plateforme/barometre?message=creee', 303);
  });

  app.post('/plateforme/barometre/observatoire', async (req, reply) => {
    const op = await requireOperator(req);
    const form = parseForm(observatoireSchema, req.body);
    if (!form.ok) return listPage(req, reply, { errors: form.errors }, 400);
    await setObservatoire(op.ctx, form.data.ouvert === '1');
    return reply.redirect('/plateforme/barometre?message=observatoire', 303);
  });

  const campagnePage = async (req: FastifyRequest, reply: FastifyReply, extra: Partial<CampagneView>, status = 200) => {
    const op = await requireOperator(req);
    const campagne = await getCampagne(op.ctx, anneeOf(req.params));
    const shell = adminShell(req, reply, { actor: op.actor, commune: null });
    return sendPage(reply, CampagnePage({ shell, campagne, ...extra }), status);
  };

  app.get<{ Querystring: { message?: string; n?: string } }>('/plateforme/barometre/:annee', (req, reply) =>
    campagnePage(req, reply, { message: req.query.message, importes: Number(req.query.n) || 0 }),
  );

  for (const action of ['ouvrir', 'clore'] as const) {
    app.post(`/plateforme/barometre/:annee/${action}`, async (req, reply) => {
      const op = await requireOperator(req);
      const annee = anneeOf(req.params);
      await changeCampagneStatut(op.ctx, annee, action);
      return reply.redirect(`/plateforme/barometre/${annee}?message=statut`, 303);
    });
  }

  app.post('/plateforme/barometre/:annee/import', MULTIPART_ROUTE, async (req, reply) => {
    const op = await requireOperator(req);
    const annee = anneeOf(req.params);
    const form = await readMultipartForm(req, reply, MAX_CSV_BYTES);
    if (form.fileTooLarge) return campagnePage(req, reply, { importError: 'Le fichier dépasse 8 Mo.' }, 400);
    if (!form.file || form.file.bytes.length === 0) {
      return campagnePage(req, reply, { importError: 'Choisissez le fichier CSV des réponses.' }, 400);
    }
    const csv = form.file.bytes.toString('utf8');
    if (csv.includes('\u0000') || csv.includes('\uFFFD')) {
      return campagnePage(req, reply, { importError: 'Le fichier doit être un CSV encodé en UTF-8.' }, 400);
    }
    const outcome = await importReponses(op.ctx, { annee, csv, filename: form.file.filename });
    if (!outcome.ok) return campagnePage(req, reply, { rejets: outcome.rejets }, 400);
    return reply.redirect(`/plateforme/barometre/${annee}?message=import&n=${outcome.count}`, 303);
  });

  app.get('/plateforme/barometre/:annee/modele.csv', async (req, reply) => {
    const op = await requireOperator(req);
    const campagne = await getCampagne(op.ctx, anneeOf(req.params));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="barometre-${campagne.annee}-modele.csv"`)
      .send(templateCsv(campagne.questionnaire));
  });

  app.get('/plateforme/barometre/:annee/resultats', async (req, reply) => {
    const op = await requireOperator(req);
    const r = await getResultatsOperateur(op.ctx, anneeOf(req.params));
    const shell = adminShell(req, reply, { actor: op.actor, commune: null });
    return sendPage(reply, ResultatsOperateurPage({ shell, r }));
  });

  for (const kind of ['resultats.csv', 'resultats.json', 'rapport.pdf']) {
    app.get(`/plateforme/barometre/:annee/${kind}`, async (req, reply) => {
      const op = await requireOperator(req);
      const r = await getResultatsOperateur(op.ctx, anneeOf(req.params));
      return sendExport(reply, r, kind, app.deps.now());
    });
  }
}
