import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * A yearly campaign with the snapshot of its questionnaire (the edition it was created with never
 * changes afterwards: answers keep their form version).
 */
export interface BarometreCampagneTable {
  id: Generated<number>;
  annee: number;
  /** preparation | ouverte | close */
  statut: string;
  edition: string;
  /** JSON of the Questionnaire. */
  questionnaire: string;
  ouverte_at: string | null;
  close_at: string | null;
  /** JSON of the CampaignStats frozen at closing; null while the campaign is not closed. */
  resultats: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * One commune's answer to one campaign, keyed by campaign and INSEE code: respondents are communes,
 * hosted (they answer from their back-office) or imported from CSV (not tenants of the platform).
 */
export interface BarometreReponseTable {
  id: Generated<number>;
  campagne_id: number;
  insee: string;
  nom: string;
  population: number;
  tranche: string;
  /** plateforme | import */
  source: string;
  /** brouillon | soumise */
  statut: string;
  /** JSON of Valeurs (applicable answers only). */
  valeurs: string;
  /** JSON array of the question codes whose answer was pre-filled by the platform. */
  preremplies: Generated<string>;
  submitted_at: string | null;
  submitted_by: number | null;
  created_at: string;
  updated_at: string;
}

/** Platform-wide settings of the baromètre (the public observatory switch). */
export interface BarometreParametreTable {
  cle: string;
  valeur: string;
  updated_at: string;
}

export type CampagneRow = Selectable<BarometreCampagneTable>;
export type ReponseRow = Selectable<BarometreReponseTable>;
export type NewReponseRow = Insertable<BarometreReponseTable>;
