import type { Generated } from 'kysely';

/** A démarche type of a commune (contact, signalement…); its form is in its revisions. */
export interface DemarcheTypeTable {
  id: Generated<number>;
  commune_id: number;
  slug: string;
  title: string;
  summary: string;
  /** Version number of the revision new requests use. */
  current_revision: number;
  /** JSON: the form builder's unpublished changes (title, summary, form, settings), or null. */
  draft: string | null;
  created_at: string;
}

/** One version of a type's form and settings (JSON), never updated once created. */
export interface DemarcheRevisionTable {
  id: Generated<number>;
  commune_id: number;
  type_id: number;
  version: number;
  /** JSON: FieldDef[] */
  form: string;
  /** JSON: DemarcheSettings */
  settings: string;
  created_at: string;
}

/** Last reference number given in a commune for a year. */
export interface DemandeCompteurTable {
  commune_id: number;
  year: number;
  last: number;
}

/** A request (dossier) made by a citizen online or recorded by an agent. */
export interface DemandeTable {
  id: Generated<number>;
  commune_id: number;
  type_id: number;
  revision_id: number;
  /** YYYY-NNNNNN, unique per commune. */
  reference: string;
  /** SHA-256 (hex) of the follow-up secret. */
  token_hash: string;
  /** recue | instruction | complements | acceptee | refusee | close */
  status: string;
  /** en_ligne | guichet */
  canal: string;
  email: string;
  nom: string;
  prenom: string;
  adresse: string;
  /** JSON: field name → answer. */
  answers: string;
  received_at: string;
  /** YYYY-MM-DD of the implicit decision, or null when the type has none. */
  decision_due: string | null;
  /** The agent in charge, or null. */
  assignee_user_id: number | null;
  /** The PDF of the accusé de réception (stored_file), once the mail worker has produced it. */
  accuse_file_id: number | null;
  updated_at: string;
}

/** Append-only history of a request. */
export interface DemandeEvenementTable {
  id: Generated<number>;
  commune_id: number;
  demande_id: number;
  /** statut | message_agent | message_usager | note | piece */
  kind: string;
  from_status: string | null;
  to_status: string | null;
  body: string;
  /** Display name of the author (agent, or « Demandeur »). */
  author: string;
  actor_user_id: number | null;
  created_at: string;
}

/** A file attached to a request. */
export interface DemandePieceTable {
  id: Generated<number>;
  commune_id: number;
  demande_id: number;
  file_id: number;
  field: string;
  created_at: string;
}

/** A room of the commune that citizens may book. */
export interface SalleTable {
  id: Generated<number>;
  commune_id: number;
  slug: string;
  nom: string;
  capacite: number;
  tarifs: string;
  description: string;
  /** Plain text, one piece of equipment a line. */
  equipements: string;
  /** JSON: media ids of the photos (media library), in order. */
  photos: string;
  /** Archived rooms can no longer be booked; their past bookings stay. */
  archived_at: string | null;
  created_at: string;
}

/** A slot held (until expires_at) or confirmed (expires_at null) by a booking request. */
export interface SalleCreneauTable {
  id: Generated<number>;
  commune_id: number;
  salle_id: number;
  /** YYYY-MM-DD */
  date: string;
  /** matin | apres_midi | soiree */
  creneau: string;
  demande_id: number;
  expires_at: string | null;
  created_at: string;
}
