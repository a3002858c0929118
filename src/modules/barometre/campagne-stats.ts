import type { Database } from '../../db/database.js';
import { listSubmittedRespondents } from './barometre.platform.repo.js';
import { type CampaignStats, campaignStats, type Respondent, TRANCHES, type TrancheCode } from './barometre.stats.js';
import type { Campagne } from './campagnes.repo.js';
import type { Valeurs } from './questionnaire.types.js';

const TRANCHE_CODES = new Set<string>(TRANCHES.map((t) => t.code));

/** The submitted answers of a campaign as respondents of the statistics. */
async function respondentsOf(db: Database, campagneId: number): Promise<Respondent[]> {
  const rows = await listSubmittedRespondents(db, campagneId);
  const out: Respondent[] = [];
  for (const r of rows) {
    if (!TRANCHE_CODES.has(r.tranche)) continue;
    out.push({ tranche: r.tranche as TrancheCode, valeurs: JSON.parse(r.valeurs) as Valeurs });
  }
  return out;
}

/** Computes a campaign's statistics from its submitted answers. */
export async function computeCampaignStats(db: Database, campagne: Campagne): Promise<CampaignStats> {
  return campaignStats(campagne.questionnaire, await respondentsOf(db, campagne.id));
}
