/** Pure rules of the campaigns: states and transitions, who may do what. */

export const CAMPAGNE_STATUTS = ['preparation', 'ouverte', 'close'] as const;
export type CampagneStatut = (typeof CAMPAGNE_STATUTS)[number];

export const STATUT_LABELS: Record<CampagneStatut, string> = {
  preparation: 'En préparation',
  ouverte: 'Ouverte aux réponses',
  close: 'Close, résultats publiés',
};

export type CampagneAction = 'ouvrir' | 'clore';

/** The transitions of a campaign; a closed one may be reopened (late answers) and closed again. */
const TRANSITIONS: readonly { action: CampagneAction; from: CampagneStatut; to: CampagneStatut }[] = [
  { action: 'ouvrir', from: 'preparation', to: 'ouverte' },
  { action: 'ouvrir', from: 'close', to: 'ouverte' },
  { action: 'clore', from: 'ouverte', to: 'close' },
];

export function transition(from: CampagneStatut, action: CampagneAction): CampagneStatut | null {
  return TRANSITIONS.find((t) => t.from === from && t.action === action)?.to ?? null;
}

export const isCampagneStatut = (v: string): v is CampagneStatut => (CAMPAGNE_STATUTS as readonly string[]).includes(v);

/** Answers can be saved or imported only while the campaign is not closed. */
export const acceptsAnswers = (statut: CampagneStatut): boolean => statut !== 'close';

/** Results are shown once a campaign is closed. */
export const hasResults = (statut: CampagneStatut): boolean => statut === 'close';

export const REPONSE_STATUTS = ['brouillon', 'soumise'] as const;
export type ReponseStatut = (typeof REPONSE_STATUTS)[number];

/** Years a campaign may be created for. */
export const MIN_ANNEE = 2020;
export const MAX_ANNEE = 2100;
