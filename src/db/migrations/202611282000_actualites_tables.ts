import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The commune's news. body_html holds sanitized HTML only; status brouillon | publie | retire,
  // and a `publie` item with a future publish_at is scheduled.
  await db.schema
    .createTable('actualite')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('chapo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('image_url', 'text')
    .addColumn('image_alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('brouillon'))
    .addColumn('publish_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('actualite_commune_slug_uq', ['commune_id', 'slug'])
    .execute();
  await db.schema
    .createIndex('actualite_public_idx')
    .on('actualite')
    .columns(['commune_id', 'status', 'publish_at'])
    .execute();
}
