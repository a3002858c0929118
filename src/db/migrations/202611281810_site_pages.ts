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
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('page_commune_path_uq', ['commune_id', 'path'])
    .execute();
}
