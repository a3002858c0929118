import type { Generated } from 'kysely';

/** Tables of the conseil municipal: members, séances, points, convocations, attendance, votes. */

export type Mandat = 'maire' | 'adjoint' | 'conseiller';
export type SeanceType = 'ordinaire' | 'extraordinaire';
export type PvStatut = 'aucun' | 'brouillon' | 'approuve' | 'signe' | 'publie';
export type DelibStatut = 'aucune' | 'brouillon' | 'finalisee';
export type ModeScrutin = 'ordinaire' | 'public' | 'secret';
export type SensVote = 'pour' | 'contre' | 'abstention' | 'npp';

export interface ConseilMembreTable {
  id: Generated<number>;
  commune_id: number;
  prenom: string;
  nom: string;
  mandat: Mandat;
  /** Order of the adjoints (1er adjoint…); null for the others. */
  rang: number | null;
  /** YYYY-MM-DD: first and last day in office (inclusive); `fin` null while in office. */
  debut: string;
  fin: string | null;
  email: string | null;
  /** The member asked for a paper convocation at home (L2121-10). */
  convocation_papier: number;
  adresse: string;
  /** YYYY-MM-DD: the oldest wins a tie in appointments (L2121-21). */
  date_naissance: string | null;
  created_at: string;
  updated_at: string;
}

/** Per-commune settings for the rules the reference marks as unconfirmed. */
export interface ConseilReglagesTable {
  commune_id: number;
  /** Null: 3 jours francs below 3,500 inhabitants, 5 from 3,500 (L2121-11 / L2121-12). */
  delai_jours_francs: number | null;
  /** 1: Sundays and public holidays are not counted in the jours francs. */
  exclure_feries: number;
  /** Minimum days between a failed-quorum séance and the reconvened one (L2121-17). */
  delai_reconvocation: number;
  updated_at: string;
}

export interface ConseilSeanceTable {
  id: Generated<number>;
  commune_id: number;
  date: string;
  /** "HH:MM", Paris time. */
  heure: string;
  lieu: string;
  type: SeanceType;
  /** Convened in urgency: the délai may go down to 1 jour franc. */
  urgence: number;
  /** The séance whose quorum failed: this one deliberates without quorum (L2121-17). */
  reconvocation_de: number | null;
  president_id: number | null;
  secretaire_id: number | null;
  /** ISO instant the convocation was sent; null before. */
  convoquee_le: string | null;
  /** ISO instant the liste des délibérations was published (L2121-25). */
  liste_publiee_le: string | null;
  pv_texte: Generated<string>;
  pv_statut: Generated<PvStatut>;
  /** The later séance at whose opening the PV was approved (L2121-15). */
  pv_approuve_seance_id: number | null;
  pv_approuve_le: string | null;
  pv_signe_le: string | null;
  pv_publie_le: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConseilPointTable {
  id: Generated<number>;
  commune_id: number;
  seance_id: number;
  /** Numéro d'ordre within the séance (R2121-9). */
  numero: number;
  titre: string;
  rapporteur_id: number | null;
  note: Generated<string>;
  /** ACTES matière code ("7.1"), or null. */
  matiere_code: string | null;
  /** An appointment (nomination): secret ballot, rounds of L2121-21. */
  nomination: Generated<number>;
  huis_clos: Generated<number>;
  demandes_public: Generated<number>;
  demandes_secret: Generated<number>;
  secret_renonce: Generated<number>;
  mode_scrutin: ModeScrutin | null;
  pour: number | null;
  contre: number | null;
  abstention: number | null;
  npp: number | null;
  /** 'adopte' | 'rejete' | 'nomme' once voted. */
  resultat: string | null;
  voix_preponderante: Generated<number>;
  vote_le: string | null;
  delib_texte: Generated<string>;
  delib_statut: Generated<DelibStatut>;
  acte_id: number | null;
  acte_numero: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConseilDocumentTable {
  id: Generated<number>;
  commune_id: number;
  point_id: number;
  file_id: number;
  titre: string;
  created_at: string;
}

export interface ConseilConvocationTable {
  id: Generated<number>;
  commune_id: number;
  seance_id: number;
  membre_id: number;
  /** SHA-256 of the personal link's secret; the secret is only in the member's mail. */
  token_hash: string;
  canal: 'email' | 'papier';
  envoyee_le: string;
  /** First opening of the personal link: the acknowledgement. */
  ouverte_le: string | null;
  ouvertures: Generated<number>;
}

export interface ConseilPresenceTable {
  commune_id: number;
  seance_id: number;
  membre_id: number;
  /** 'present' | 'absent' | 'excuse'. */
  statut: string;
  /** Numéro of the first point attended (late arrival); null: from the opening. */
  arrivee_point: number | null;
  /** Numéro of the first point no longer attended (departure); null: until the end. */
  depart_point: number | null;
}

export interface ConseilProcurationTable {
  id: Generated<number>;
  commune_id: number;
  seance_id: number;
  mandant_id: number;
  mandataire_id: number;
  /** Illness duly established: the three-séance limit does not apply (L2121-20). */
  maladie: number;
  created_at: string;
}

/** Scrutin public: each voter's name and vote (L2121-21). */
export interface ConseilVoteNominatifTable {
  commune_id: number;
  point_id: number;
  membre_id: number;
  sens: SensVote;
  /** 1: cast by the mandataire for this absent member. */
  par_procuration: number;
}

/** One round of an appointment ballot. */
export interface ConseilTourTable {
  id: Generated<number>;
  commune_id: number;
  point_id: number;
  tour: number;
  votants: number;
  blancs_nuls: number;
  /** JSON {membreId: voix}. */
  resultats: string;
  elu_id: number | null;
  created_at: string;
}
