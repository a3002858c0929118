import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Failed sign-ins, to slow down password guessing. The account and the address are kept as
  // keyed hashes (no e-mail or IP in clear); rows older than a day are purged.
  await db.schema
    .createTable('sign_in_failure')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('ip_key', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_failure_account_idx')
    .on('sign_in_failure')
    .columns(['account_key', 'at'])
    .execute();
  await db.schema.createIndex('sign_in_failure_ip_idx').on('sign_in_failure').columns(['ip_key', 'at']).execute();
}
