import type { CommuneCtx, PlatformCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import type { Database } from '../../db/database.js';
import { hasResults } from './barometre.rules.js';
import { type CampaignStats, trancheOf } from './barometre.stats.js';
import { computeCampaignStats } from './campagne-stats.js';
import { type Campagne, findCampagneByAnnee, findFrozenStats, listCampagnes } from './campagnes.repo.js';
import { getCampagne, isObservatoireOuvert } from './campagnes.service.js';
import { getOwnAnswer } from './reponse.service.js';

export interface Resultats {
  campagne: Campagne;
  stats: CampaignStats;
  /** The previous closed campaign, for the year-over-year change of the questions both share. */
  precedente: { annee: number; stats: CampaignStats } | null;
}

const NUMERIC_KEYS = new Set(['moyenne', 'mediane']);

/**
 * A campaign's statistics: those frozen when it was closed (a closed campaign's answers cannot change:
 * saves and imports need it open), else computed from its answers (provisional results).
 */
async function statsOf(db: Database, campagne: Campagne): Promise<CampaignStats> {
  if (hasResults(campagne.statut)) {
    const frozen = await findFrozenStats(db, campagne.id);
    // JSON has no NaN (the mean of no answer): it comes back as null.
    if (frozen)
      return JSON.parse(frozen, (k, v) => (v === null && NUMERIC_KEYS.has(k) ? Number.NaN : v)) as CampaignStats;
  }
  return computeCampaignStats(db, campagne);
}

/** The statistics of one campaign and of the closed one before it. */
export async function computeResultats(db: Database, campagne: Campagne): Promise<Resultats> {
  const stats = await statsOf(db, campagne);
  const before = (await listCampagnes(db)).find((c) => c.annee < campagne.annee && hasResults(c.statut));
  const precedente = before ? { annee: before.annee, stats: await statsOf(db, before) } : null;
  return { campagne, stats, precedente };
}

/** The operator's results of a campaign, provisional while it is open. */
export async function getResultatsOperateur(ctx: PlatformCtx, annee: number): Promise<Resultats> {
  return computeResultats(ctx.db, await getCampagne(ctx, annee));
}

/** The closed campaigns shown by the public observatory; 404 while the operator keeps it closed. */
export async function listCampagnesPubliques(db: Database): Promise<Campagne[]> {
  if (!(await isObservatoireOuvert(db))) throw notFound('L’observatoire du numérique n’est pas ouvert.');
  return (await listCampagnes(db)).filter((c) => hasResults(c.statut));
}

/** A closed campaign's results for the public observatory; 404 when not published. */
export async function getResultatsPublics(db: Database, annee: number): Promise<Resultats> {
  if (!(await isObservatoireOuvert(db))) throw notFound('L’observatoire du numérique n’est pas ouvert.');
  const campagne = await findCampagneByAnnee(db, annee);
  if (!campagne || !hasResults(campagne.statut)) throw notFound(`Les résultats ${annee} ne sont pas publiés.`);
  return computeResultats(db, campagne);
}

/** A closed campaign's answers of the commune beside the figures of its band and of all communes. */
export async function getComparaisonCommune(ctx: CommuneCtx, annee: number) {
  const own = await getOwnAnswer(ctx, annee);
  if (!hasResults(own.campagne.statut)) throw notFound(`Les résultats ${annee} ne sont pas encore publiés.`);
  const resultats = await computeResultats(ctx.db, own.campagne);
  return { ...own, resultats, tranche: trancheOf(ctx.commune.population) };
}
