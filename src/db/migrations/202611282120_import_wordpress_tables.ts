import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // What a WordPress import created, so that a second import of the same export finds it again:
  // one row per WordPress post id of a site (base URL), pointing at an actualite or a page.
  await db.schema
    .createTable('wordpress_import_item')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('wp_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('local_id', 'integer', (c) => c.notNull())
    // The address chosen at the first import (renamed if reserved or taken), kept by later imports.
    .addColumn('slug', 'text', (c) => c.notNull())
    // Fingerprint of what was last written: an unchanged item is skipped (its local edits are kept).
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('wordpress_import_item_key')
    .on('wordpress_import_item')
    .columns(['commune_id', 'site', 'wp_id'])
    .unique()
    .execute();
}
