import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Security settings: one row per commune, and one platform row (commune_id null). A second
  // factor may be required of every back-office account, after a grace period counted from
  // required_since; the platform row also holds the audit trail's retention.
  await db.schema
    .createTable('security_policy')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.references('commune.id').onDelete('cascade'))
    .addColumn('require_second_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('grace_days', 'integer', (c) => c.notNull().defaultTo(14))
    .addColumn('required_since', 'text')
    .addColumn('audit_retention_days', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('app_user.id'))
    .execute();
  await db.schema
    .createIndex('security_policy_commune_uq')
    .on('security_policy')
    .column('commune_id')
    .unique()
    .execute();
  // The last time the session's user proved who they are (password or second factor) for a
  // sensitive action; sign-in itself counts (created_at).
  await db.schema.alterTable('user_session').addColumn('reauthenticated_at', 'text').execute();
}
