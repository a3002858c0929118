import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The commune's media library: images (re-encoded into responsive sizes) and PDF documents.
  await db.schema
    .createTable('media')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decorative', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    // JSON [{ width, height, sha256, size }] for images; [{ sha256, size }] for a document.
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('source_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.createIndex('media_commune_idx').on('media').columns(['commune_id', 'created_at']).execute();
  // An imported file (WordPress uploads) is recognized on a second import by its source key.
  await db.schema.createIndex('media_source_idx').on('media').columns(['commune_id', 'source_key']).execute();
}
