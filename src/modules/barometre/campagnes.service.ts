import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type PlatformCtx } from '../../core/context.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { countReponsesByCampagne, type ReponseCounts } from './barometre.platform.repo.js';
import { canManageBarometre } from './barometre.policy.js';
import { type CampagneAction, MAX_ANNEE, MIN_ANNEE, transition } from './barometre.rules.js';
import { computeCampaignStats } from './campagne-stats.js';
import * as repo from './campagnes.repo.js';
import { EDITIONS } from './questionnaire.data.js';

export type { Campagne } from './campagnes.repo.js';

const OBSERVATOIRE = 'observatoire_ouvert';

export function checkOperator(ctx: PlatformCtx): void {
  if (!canManageBarometre(ctx.actor)) throw forbidden('Le baromètre se pilote depuis la console de la plateforme.');
}

/** Is the public observatory (/observatoire) open? */
export async function isObservatoireOuvert(db: Database): Promise<boolean> {
  return (await repo.getParametre(db, OBSERVATOIRE)) === '1';
}

export interface CampagneOverview {
  campagne: repo.Campagne;
  counts: ReponseCounts;
}

/** The operator's list: every campaign with its numbers of answers, and the observatory switch. */
export async function listCampagnesOverview(ctx: PlatformCtx) {
  checkOperator(ctx);
  const [campagnes, counts, observatoire] = await Promise.all([
    repo.listCampagnes(ctx.db),
    countReponsesByCampagne(ctx.db),
    isObservatoireOuvert(ctx.db),
  ]);
  const empty: ReponseCounts = { soumises: 0, brouillons: 0, importees: 0 };
  return { campagnes: campagnes.map((c) => ({ campagne: c, counts: counts.get(c.id) ?? empty })), observatoire };
}

/** One campaign, for the operator; 404 when there is none for that year. */
export async function getCampagne(ctx: PlatformCtx, annee: number): Promise<repo.Campagne> {
  checkOperator(ctx);
  const campagne = await repo.findCampagneByAnnee(ctx.db, annee);
  if (!campagne) throw notFound(`Il n’y a pas de campagne ${annee}.`);
  return campagne;
}

/** Creates the campaign of a year with a snapshot of the chosen questionnaire edition. */
export async function createCampagne(ctx: PlatformCtx, input: { annee: number; edition: string }): Promise<void> {
  checkOperator(ctx);
  if (!Number.isInteger(input.annee) || input.annee < MIN_ANNEE || input.annee > MAX_ANNEE) {
    throw invalid('Année invalide.', { annee: `Saisissez une année entre ${MIN_ANNEE} et ${MAX_ANNEE}.` });
  }
  const questionnaire = EDITIONS.find((e) => e.edition === input.edition);
  if (!questionnaire) throw invalid('Édition inconnue.', { edition: 'Choisissez une édition du questionnaire.' });
  const now = ctx.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (await repo.findCampagneByAnnee(trx, input.annee)) {
      throw conflict('Campagne existante.', { annee: `Une campagne ${input.annee} existe déjà.` });
    }
    const id = await repo.insertCampagne(trx, { annee: input.annee, edition: input.edition, questionnaire, now });
    await appendAuditEvent(trx, {
      communeId: null,
      occurredAt: ctx.now(),
      action: 'barometre.campagne.creee',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'barometre_campagne',
      objectId: id,
      details: { annee: input.annee, edition: input.edition },
    });
  });
}

const ACTION_ERRORS: Record<CampagneAction, string> = {
  ouvrir: 'Cette campagne est déjà ouverte.',
  clore: 'Seule une campagne ouverte peut être close.',
};

/** Opens a campaign to answers, or closes it (its results are then published). */
export async function changeCampagneStatut(ctx: PlatformCtx, annee: number, action: CampagneAction): Promise<void> {
  const campagne = await getCampagne(ctx, annee);
  const to = transition(campagne.statut, action);
  if (!to) throw new AppError('InvalidTransition', ACTION_ERRORS[action]);
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    // Closing freezes the statistics: the results pages then read them without recomputing.
    const resultats = to === 'close' ? JSON.stringify(await computeCampaignStats(trx, campagne)) : null;
    if (!(await repo.updateCampagneStatut(trx, campagne.id, campagne.statut, to, now.toISOString(), resultats))) {
      throw new AppError('InvalidTransition', 'La campagne a changé entre-temps : rechargez la page.');
    }
    await appendAuditEvent(trx, {
      communeId: null,
      occurredAt: now,
      action: `barometre.campagne.${action === 'ouvrir' ? 'ouverte' : 'close'}`,
      actorUserId: actorUserId(ctx.actor),
      objectType: 'barometre_campagne',
      objectId: campagne.id,
      details: { annee, from: campagne.statut, to },
    });
  });
}

/** Opens or closes the public observatory of the closed campaigns' results. */
export async function setObservatoire(ctx: PlatformCtx, ouvert: boolean): Promise<void> {
  checkOperator(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setParametre(trx, OBSERVATOIRE, ouvert ? '1' : '0', ctx.now().toISOString());
    await appendAuditEvent(trx, {
      communeId: null,
      occurredAt: ctx.now(),
      action: ouvert ? 'barometre.observatoire.ouvert' : 'barometre.observatoire.ferme',
      actorUserId: actorUserId(ctx.actor),
    });
  });
}

/** The year of the campaign open to answers, if any. */
export async function openCampagneAnnee(db: Database): Promise<number | undefined> {
  return (await repo.findOpenCampagne(db))?.annee;
}
