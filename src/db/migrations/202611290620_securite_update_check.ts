import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The last look at the release feed (platform-wide, one row per feed URL): when, what it said, or why it failed.
  await db.schema
    .createTable('securite_update_check')
    .addColumn('feed_url', 'text', (c) => c.primaryKey())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('succeeded_at', 'text')
    .addColumn('failing_since', 'text')
    .addColumn('latest_version', 'text')
    .addColumn('latest_url', 'text')
    .addColumn('security_version', 'text')
    .addColumn('error', 'text')
    .execute();
}
