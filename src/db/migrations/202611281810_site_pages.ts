import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The commune's editable pages, in a tree of at most three levels; `path` is "mairie/horaires".
  await db.schema
    .createTable('page')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('page.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    // Sanitized HTML (core/content sanitizeRichText): only sanitized HTML is ever written here.
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    // brouillon | publie | retire; a `publie` page with a future publish_at is scheduled.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('brouillon'))
    .addColumn('publish_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('page_commune_path_uq', ['commune_id', 'path'])
    .execute();
}
