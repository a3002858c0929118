import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The commune's events. Instants in UTC (typed in Paris time); an all-day event ends at Paris
  // midnight after its last day. description_html holds sanitized HTML only.
  await db.schema
    .createTable('evenement')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('all_day', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lieu', 'text', (c) => c.notNull())
    .addColumn('adresse', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('brouillon'))
    .addColumn('publish_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('evenement_commune_slug_uq', ['commune_id', 'slug'])
    .execute();
  await db.schema
    .createIndex('evenement_upcoming_idx')
    .on('evenement')
    .columns(['commune_id', 'status', 'ends_at'])
    .execute();
}
