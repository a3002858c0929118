import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The public register: only the acts the public sees (published, not an individual decision), newest
  // first. Its pages, its year range and its searches walk this index alone, never the other acts.
  await db.schema
    .createIndex('acte_register_public_idx')
    .on('acte')
    .columns(['commune_id', 'date_decision', 'id'])
    .where(sql.ref('publie_le'), 'is not', null)
    .where(sql.ref('nature'), '!=', 'arrete_individuel')
    .execute();
}
