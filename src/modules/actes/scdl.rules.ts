import { level2Code, type MatiereItem, matiereNomScdl } from './classification.rules.js';

/** SCDL deliberations 2.1.5: column order of the schema. */
export const SCDL_DELIBERATIONS_COLUMNS = [
  'COLL_NOM',
  'COLL_SIRET',
  'DELIB_ID',
  'DELIB_DATE',
  'DELIB_MATIERE_CODE',
  'DELIB_MATIERE_NOM',
  'DELIB_OBJET',
  'BUDGET_ANNEE',
  'BUDGET_NOM',
  'PREF_ID',
  'PREF_DATE',
  'VOTE_EFFECTIF',
  'VOTE_REEL',
  'VOTE_POUR',
  'VOTE_CONTRE',
  'VOTE_ABSTENTION',
  'DELIB_URL',
] as const;

export interface ScdlDeliberationSource {
  id: number;
  numero: string;
  dateDecision: string;
  matiereCode: string;
  objet: string;
  prefService: string | null;
  arRecuLe: string | null;
  vote: { effectif: number; pour: number; contre: number; abstention: number } | null;
}

const PREF_ID = /^(PREF\d{3}|SPREF\d{4}|SGAR\d{3})$/;

/**
 * One SCDL row. VOTE_EFFECTIF is the members in office, VOTE_REEL = POUR + CONTRE + ABSTENTION
 * (the schema's sum check); the vote columns are all filled or all empty (its cohesion check).
 * PREF_DATE (the préfecture's acknowledgement) is given only when not before the decision.
 */
export function scdlDeliberationRow(
  coll: { nom: string; siret: string },
  d: ScdlDeliberationSource,
  items: readonly MatiereItem[],
  url: string,
): string[] | null {
  const code = level2Code(d.matiereCode);
  if (!code || !/^\d\.\d{1,2}$/.test(code)) return null;
  const nom = matiereNomScdl(code, items);
  if (!nom) return null;
  const v = d.vote;
  const reel = v ? v.pour + v.contre + v.abstention : null;
  const voteOk = v !== null && reel !== null && v.effectif >= reel;
  const prefDate = d.arRecuLe && d.arRecuLe >= d.dateDecision ? d.arRecuLe : '';
  return [
    coll.nom,
    coll.siret,
    d.numero,
    d.dateDecision,
    code,
    nom,
    d.objet,
    '',
    '',
    d.prefService && PREF_ID.test(d.prefService) ? d.prefService : '',
    prefDate,
    voteOk ? String(v.effectif) : '',
    voteOk ? String(reel) : '',
    voteOk ? String(v.pour) : '',
    voteOk ? String(v.contre) : '',
    voteOk ? String(v.abstention) : '',
    url,
  ];
}
