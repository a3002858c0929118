import type { Generated } from 'kysely';

export interface PageTable {
  id: Generated<number>;
  commune_id: number;
  parent_id: number | null;
  slug: string;
  /** Slugs from the root: "mairie/horaires". */
  path: string;
  title: string;
  summary: Generated<string>;
  /** Sanitized HTML. */
  body_html: Generated<string>;
  position: Generated<number>;
  status: Generated<'brouillon' | 'publie' | 'retire'>;
  publish_at: string | null;
  created_at: string;
  updated_at: string;
}
