import type { Generated } from 'kysely';

export interface RevisionTable {
  id: Generated<number>;
  commune_id: number;
  entity_type: string;
  entity_id: number;
  created_at: string;
  author_user_id: number | null;
  /** JSON snapshot of the editable fields at that save. */
  data: string;
}

export interface SearchDocumentTable {
  id: Generated<number>;
  commune_id: number;
  kind: string;
  ref_id: number;
  title: string;
  body: string;
  url: string;
  visible_from: string;
  visible_until: string | null;
}
