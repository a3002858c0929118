import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The form builder edits a draft (JSON: form, settings, title, summary) beside the published
  // revisions; a type never published has current_revision 0 and no revision yet.
  await db.schema.alterTable('demarche_type').addColumn('draft', 'text').execute();

  // The agent in charge of a request (a user of the commune), or null.
  await db.schema.alterTable('demande').addColumn('assignee_user_id', 'integer').execute();
  await db.schema
    .createIndex('demande_assignee_idx')
    .on('demande')
    .columns(['commune_id', 'assignee_user_id'])
    .execute();
  await db.schema.createIndex('demande_due_idx').on('demande').columns(['commune_id', 'decision_due']).execute();

  // Rooms: equipment (plain text), photos (JSON list of media ids), archived rooms kept for history.
  await db.schema
    .alterTable('salle')
    .addColumn('equipements', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('salle')
    .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('salle').addColumn('archived_at', 'text').execute();
}
