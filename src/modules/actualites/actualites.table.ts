import type { Generated } from 'kysely';
import type { PublicationStatus } from '../../core/content/index.js';

export interface ActualiteTable {
  id: Generated<number>;
  commune_id: number;
  /** Unique in the commune: /actualites/<slug>. */
  slug: string;
  title: string;
  /** The chapô: a short summary shown in lists, feeds and search. Plain text. */
  chapo: Generated<string>;
  /** Sanitized HTML (core/content sanitizeRichText): only sanitized HTML is ever written here. */
  body_html: Generated<string>;
  /** Relative URL of the commune's media library (/medias/…), or null. */
  image_url: string | null;
  image_alt: Generated<string>;
  status: Generated<PublicationStatus>;
  /** ISO instant; a `publie` item with a future publish_at is scheduled. */
  publish_at: string | null;
  created_at: string;
  updated_at: string;
}
