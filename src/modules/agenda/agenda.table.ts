import type { Generated } from 'kysely';
import type { PublicationStatus } from '../../core/content/index.js';

export interface EvenementTable {
  id: Generated<number>;
  commune_id: number;
  /** Unique in the commune: /agenda/<slug>. */
  slug: string;
  title: string;
  /** Sanitized HTML (core/content sanitizeRichText). */
  description_html: Generated<string>;
  /** ISO instants (UTC). An all-day event runs from Paris midnight of its first day to Paris midnight after its last. */
  starts_at: string;
  ends_at: string;
  all_day: Generated<number>;
  lieu: string;
  adresse: Generated<string>;
  status: Generated<PublicationStatus>;
  publish_at: string | null;
  created_at: string;
  updated_at: string;
}
