import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The PDF of the accusé de réception, produced after the submission's commit (stored_file id).
  await db.schema.alterTable('demande').addColumn('accuse_file_id', 'integer').execute();
  // The back-office list of a commune's mails, newest first, by status.
  await db.schema
    .createIndex('mail_outbox_commune_idx')
    .on('mail_outbox')
    .columns(['commune_id', 'status', 'id'])
    .execute();
}
