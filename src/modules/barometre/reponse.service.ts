import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import { canEditReponse, canSubmitReponse, canViewBarometre } from './barometre.policy.js';
import * as repo from './barometre.repo.js';
import { acceptsAnswers, hasResults } from './barometre.rules.js';
import { type TrancheCode, trancheOf } from './barometre.stats.js';
import { type Campagne, findCampagneByAnnee, findOpenCampagne, listCampagnes } from './campagnes.repo.js';
import type { Prefill } from './prefill.js';
import { applicableValeurs, missingAnswers, sanitizeStored } from './questionnaire.rules.js';
import type { Valeurs } from './questionnaire.types.js';

const scopeOf = (ctx: CommuneCtx) => new repo.RespondentScope(ctx.db, ctx.commune.insee);

function checkView(ctx: CommuneCtx): void {
  if (!canViewBarometre(ctx.actor)) throw forbidden('Votre rôle ne permet pas de consulter le baromètre.');
}

export interface OwnAnswer {
  reponse: repo.OwnReponse | undefined;
  valeurs: Valeurs;
}

export interface CommuneBarometre {
  campagne: Campagne | undefined;
  answer: OwnAnswer;
  tranche: TrancheCode | null;
  /** Closed campaigns, with the commune's answer if it gave one. */
  closes: { campagne: Campagne; repondu: boolean }[];
}

/** The commune's baromètre: the open campaign and its own answer, and the closed campaigns. */
export async function getCommuneBarometre(ctx: CommuneCtx): Promise<CommuneBarometre> {
  checkView(ctx);
  const scope = scopeOf(ctx);
  const [campagne, all, own] = await Promise.all([
    findOpenCampagne(ctx.db),
    listCampagnes(ctx.db),
    repo.listOwnReponses(scope),
  ]);
  const reponse = campagne ? own.find((r) => r.campagneId === campagne.id) : undefined;
  const answered = new Set(own.filter((r) => r.statut === 'soumise').map((r) => r.campagneId));
  return {
    campagne,
    answer: {
      reponse,
      valeurs: campagne && reponse ? sanitizeStored(campagne.questionnaire, reponse.valeurs) : {},
    },
    tranche: trancheOf(ctx.commune.population),
    closes: all.filter((c) => hasResults(c.statut)).map((c) => ({ campagne: c, repondu: answered.has(c.id) })),
  };
}

/** The commune's own answer to a campaign of a given year (404 when there is no such campaign). */
export async function getOwnAnswer(ctx: CommuneCtx, annee: number): Promise<{ campagne: Campagne } & OwnAnswer> {
  checkView(ctx);
  const campagne = await findCampagneByAnnee(ctx.db, annee);
  if (!campagne) throw notFound(`Il n’y a pas de campagne ${annee}.`);
  const reponse = await repo.findOwnReponse(scopeOf(ctx), campagne.id);
  return { campagne, reponse, valeurs: reponse ? sanitizeStored(campagne.questionnaire, reponse.valeurs) : {} };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Saves the commune's answer to the open campaign as a draft, or submits it (an administrator only,
 * every applicable question answered). A submitted answer is final.
 */
export async function saveCommuneReponse(
  ctx: CommuneCtx,
  input: { annee: number; valeurs: Valeurs; soumettre: boolean; prefill: Prefill },
): Promise<void> {
  if (!canEditReponse(ctx.actor)) throw forbidden('Votre rôle ne permet pas de répondre au baromètre.');
  if (input.soumettre && !canSubmitReponse(ctx.actor)) {
    throw forbidden('Seul un administrateur de la commune peut soumettre la réponse.');
  }
  const campagne = await findCampagneByAnnee(ctx.db, input.annee);
  if (campagne?.statut !== 'ouverte' || !acceptsAnswers(campagne.statut)) {
    throw conflict(`La campagne ${input.annee} n’est pas ouverte aux réponses.`);
  }
  const tranche = trancheOf(ctx.commune.population);
  if (!tranche) throw conflict('Le baromètre concerne les communes de moins de 10 000 habitants.');
  const valeurs = applicableValeurs(campagne.questionnaire, input.valeurs);
  if (input.soumettre) {
    const missing = missingAnswers(campagne.questionnaire, valeurs);
    if (missing.length > 0) {
      const fields = Object.fromEntries(
        missing.map((c) => [`q_${c}`, 'Répondez à cette question avant de soumettre.']),
      );
      throw invalid('Des réponses manquent.', fields);
    }
  }
  const preremplies = input.prefill.codes.filter((c) => sameValue(valeurs[c], input.prefill.valeurs[c]));
  const now = ctx.now();
  const fields: repo.OwnReponseFields = {
    nom: ctx.commune.nom,
    population: ctx.commune.population,
    tranche,
    valeurs: JSON.stringify(valeurs),
    preremplies: JSON.stringify(preremplies),
    statut: input.soumettre ? 'soumise' : 'brouillon',
    submittedAt: input.soumettre ? now.toISOString() : null,
    submittedBy: input.soumettre ? actorUserId(ctx.actor) : null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const scope = scopeOf(ctx).withExecutor(trx);
    const existing = await repo.findOwnReponse(scope, campagne.id);
    let id: number;
    if (!existing) id = await repo.insertOwnReponse(scope, campagne.id, fields, now.toISOString());
    else if (await repo.updateOwnDraft(scope, existing.id, fields, now.toISOString())) id = existing.id;
    else throw new AppError('Conflict', 'La réponse de la commune a déjà été soumise : elle ne peut plus changer.');
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: now,
      action: input.soumettre ? 'barometre.reponse.soumise' : 'barometre.reponse.enregistree',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'barometre_reponse',
      objectId: id,
      details: { annee: input.annee, reponses: Object.keys(valeurs).length },
    });
  });
}
