import type { Generated, Insertable, Selectable } from 'kysely';

export interface EpciTable {
  id: Generated<number>;
  siren: string;
  nom: string;
  type: string;
  created_at: string;
}

export interface CommuneTable {
  id: Generated<number>;
  slug: string;
  insee: string;
  siren: string | null;
  siret: string | null;
  nom: string;
  population: number;
  departement: string;
  epci_id: number | null;
  /** JSON of CommuneTheme. */
  theme: Generated<string>;
  /** JSON of MairieInfo. */
  info: Generated<string>;
  is_demo: Generated<number>;
  content_version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CommuneHostTable {
  host: string;
  commune_id: number;
}

export type CommuneRow = Selectable<CommuneTable>;
export type NewCommuneRow = Insertable<CommuneTable>;
