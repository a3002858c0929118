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
  /** Plain text: paragraphs separated by a blank line, "- " list items, "## " headings. */
  body: Generated<string>;
  position: Generated<number>;
  published: Generated<number>;
  created_at: string;
  updated_at: string;
}
