import type { Generated } from 'kysely';

/** One WordPress post (actualite) or page brought into the commune, by its WordPress id. */
export interface WordpressImportItemTable {
  id: Generated<number>;
  commune_id: number;
  /** The WordPress site's base URL (`wp:base_site_url`), so that two sites never mix. */
  site: string;
  wp_id: number;
  kind: 'actualite' | 'page';
  local_id: number;
  slug: string;
  hash: string;
  imported_at: string;
}
