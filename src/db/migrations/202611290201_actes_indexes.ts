import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The public register lists the newest decisions first: read in index order, it stops at the page.
  await db.schema.createIndex('acte_public_idx').on('acte').columns(['commune_id', 'date_decision', 'id']).execute();
  // The SCDL export reads the délibérations in (date, id) batches: each batch is an index range.
  await db.schema
    .createIndex('acte_scdl_idx')
    .on('acte')
    .columns(['commune_id', 'nature', 'date_decision', 'id'])
    .execute();
}
