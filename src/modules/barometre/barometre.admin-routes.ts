import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalid, isAppError, notFound } from '../../core/errors.js';
import type { FieldErrors } from '../../core/http/forms.js';
import { parseForm } from '../../core/http/forms.js';
import { sendPage } from '../../core/http/render.js';
import { type BackofficeAccess, requireBackoffice } from '../../core/http/request-context.js';
import { adminShell } from '../../core/http/shells.js';
import { canEditReponse, canSubmitReponse } from './barometre.policy.js';
import { anneeParam, answerActionSchema, readAnswerForm, toRaw } from './barometre.schemas.js';
import { computePrefill, type Prefill } from './prefill.js';
import { type CommuneBarometre, getCommuneBarometre, saveCommuneReponse } from './reponse.service.js';
import { getComparaisonCommune } from './resultats.service.js';
import { ComparaisonPage } from './views/comparaison.page.js';
import { QuestionnairePage } from './views/questionnaire.page.js';

/** /admin/barometre: the commune answers the open campaign and compares itself with its band. */
export async function barometreAdminRoutes(app: FastifyInstance): Promise<void> {
  const prefillOf = async (access: BackofficeAccess, data: CommuneBarometre): Promise<Prefill> =>
    data.campagne
      ? computePrefill(
          app.deps.modules,
          { db: app.deps.db, commune: access.commune, now: app.deps.now() },
          data.campagne.questionnaire,
        )
      : { valeurs: {}, codes: [] };

  const render = (
    req: FastifyRequest,
    reply: FastifyReply,
    access: BackofficeAccess,
    view: { data: CommuneBarometre; raw: Record<string, string>; prerempli: Set<string>; errors?: FieldErrors },
    status = 200,
  ) =>
    sendPage(
      reply,
      QuestionnairePage({
        shell: adminShell(req, reply, access),
        ...view,
        message: (req.query as { message?: string }).message,
        canEdit: canEditReponse(access.actor),
        canSubmit: canSubmitReponse(access.actor),
      }),
      status,
    );

  app.get('/admin/barometre', async (req, reply) => {
    const access = await requireBackoffice(req);
    const data = await getCommuneBarometre(access.ctx);
    const prefill = await prefillOf(access, data);
    const reponse = data.answer.reponse;
    const q = data.campagne?.questionnaire;
    const raw = q ? toRaw(q, reponse ? data.answer.valeurs : prefill.valeurs) : {};
    const prerempli = new Set(reponse ? reponse.preremplies : prefill.codes);
    return render(req, reply, access, { data, raw, prerempli });
  });

  app.post('/admin/barometre', async (req, reply) => {
    const access = await requireBackoffice(req);
    const action = parseForm(answerActionSchema, req.body);
    if (!action.ok) throw invalid('Le formulaire envoyé est incomplet : rechargez la page.');
    const data = await getCommuneBarometre(access.ctx);
    if (!data.campagne || data.campagne.annee !== action.data.annee) {
      throw invalid(`La campagne ${action.data.annee} n’est pas ouverte aux réponses.`);
    }
    const form = readAnswerForm(data.campagne.questionnaire, req.body);
    const prefill = await prefillOf(access, data);
    const prerempli = new Set(
      prefill.codes.filter((c) => JSON.stringify(form.valeurs[c]) === JSON.stringify(prefill.valeurs[c])),
    );
    if (Object.keys(form.errors).length > 0) {
      return render(req, reply, access, { data, raw: form.raw, prerempli, errors: form.errors }, 400);
    }
    const soumettre = action.data.action === 'soumettre';
    try {
      await saveCommuneReponse(access.ctx, { annee: action.data.annee, valeurs: form.valeurs, soumettre, prefill });
    } catch (error) {
      if (isAppError(error, 'Invalid')) {
        return render(req, reply, access, { data, raw: form.raw, prerempli, errors: error.fields }, 400);
      }
      throw error;
    }
    return reply.redirect(`/admin/barometre?message=${soumettre ? 'soumis' : 'enregistre'}`, 303);
  });

  app.get('/admin/barometre/:annee', async (req, reply) => {
    const access = await requireBackoffice(req);
    const p = anneeParam.safeParse(req.params);
    if (!p.success) throw notFound('Cette campagne n’existe pas.');
    const c = await getComparaisonCommune(access.ctx, p.data.annee);
    return sendPage(
      reply,
      ComparaisonPage({
        shell: adminShell(req, reply, access),
        annee: p.data.annee,
        repondu: c.reponse?.statut === 'soumise',
        valeurs: c.valeurs,
        resultats: c.resultats,
        tranche: c.tranche,
      }),
    );
  });
}
