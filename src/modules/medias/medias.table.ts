import type { Generated } from 'kysely';

export interface MediaTable {
  id: Generated<number>;
  commune_id: number;
  kind: 'image' | 'document';
  title: string;
  alt: Generated<string>;
  decorative: Generated<number>;
  original_name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  /** JSON of MediaFile[]. */
  files: string;
  /** Where an imported file came from (e.g. "wp:2024/05/photo.jpg"). */
  source_key: string | null;
  created_at: string;
  created_by: number | null;
}
