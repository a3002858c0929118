import type { Generated } from 'kysely';

export interface ActeTable {
  id: Generated<number>;
  commune_id: number;
  /** Numéro interne, unique in the commune (@CTES NumeroInterne). */
  numero: string;
  /** NatureActe key (actes.rules.ts). */
  nature: string;
  /** ACTES classification code ("5.2", "8.3.1") and its label, from the version dated classification_date. */
  matiere_code: string | null;
  matiere_libelle: string | null;
  classification_date: string | null;
  objet: string;
  /** YYYY-MM-DD */
  date_decision: string;
  auteur_nom: string;
  auteur_qualite: string;
  /** Full text (generated PDF, search); may be empty for an uploaded document. */
  texte: Generated<string>;
  seance_id: number | null;
  point_id: number | null;
  vote_effectif: number | null;
  vote_presents: number | null;
  vote_representes: number | null;
  vote_pour: number | null;
  vote_contre: number | null;
  vote_abstention: number | null;
  vote_npp: number | null;
  /** ActeStatut (actes.rules.ts). */
  statut: string;
  document_file_id: number | null;
  /** 'genere' | 'depose' */
  document_source: string | null;
  /** ISO instants. */
  signe_le: string | null;
  publicite_mode: string | null;
  publie_le: string | null;
  notifie_le: string | null;
  transmission_requise: Generated<number>;
  transmission_exception: string | null;
  /** @CTES IDActe given back by the préfecture. */
  transmission_id: string | null;
  /** YYYY-MM-DD */
  transmis_le: string | null;
  ar_recu_le: string | null;
  anomalie: string | null;
  pref_service: string | null;
  /** Retrait or annulation: date (YYYY-MM-DD) and reason. */
  fin_le: string | null;
  fin_motif: string | null;
  importe: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ActeAnnexeTable {
  id: Generated<number>;
  commune_id: number;
  acte_id: number;
  file_id: number;
  position: number;
  type_pj: string | null;
  created_at: string;
}

export interface ActeRegistreTable {
  id: Generated<number>;
  commune_id: number;
  seq: number;
  acte_id: number;
  /** 'publication' | 'retrait' | 'annulation' */
  kind: string;
  recorded_at: string;
  /** Canonical JSON of the chained facts (RegistrePayload). */
  payload: string;
  prev_hash: string;
  hash: string;
}

export interface ActeClassificationTable {
  id: Generated<number>;
  commune_id: number;
  /** YYYY-MM-DD (DateClassification of the préfecture's file). */
  date_version: string;
  /** JSON: MatiereItem[] */
  items: string;
  /** JSON: TypePjItem[] */
  types_pj: string;
  imported_at: string;
}

export interface ActeReglageTable {
  commune_id: number;
  publicite_mode: string;
  publicite_deliberation: string | null;
  publicite_deliberation_date: string | null;
  arrondissement: string | null;
  referent_nom: string | null;
  referent_email: string | null;
  referent_telephone: string | null;
  updated_at: string;
}

export interface ActeEchangeTable {
  id: Generated<number>;
  commune_id: number;
  acte_id: number;
  /** ACTES message type: '1-1', '1-2', '1-3'… */
  type: string;
  occurred_at: string;
  /** JSON */
  details: string;
}
