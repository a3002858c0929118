import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Extra headers of a queued mail (List-Unsubscribe…), as a JSON object; null when none.
  await db.schema.alterTable('mail_outbox').addColumn('headers', 'text').execute();
}
