import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The commune's security checklist: which good practice is in place, since when, ticked by whom.
  await db.schema
    .createTable('securite_point')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text', (c) => c.notNull())
    .addColumn('done_by', 'integer', (c) => c.references('app_user.id'))
    .addUniqueConstraint('securite_point_item_uq', ['commune_id', 'item'])
    .execute();
}
