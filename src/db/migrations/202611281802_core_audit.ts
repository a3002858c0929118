import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // One chain per commune ('commune:<id>') and one for the platform ('platform').
  await db.schema
    .createTable('audit_chain')
    .addColumn('chain', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_event')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('commune_id', 'integer', (c) => c.references('commune.id'))
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    // Personal data (IP, e-mail typed at a failed sign-in…) stays outside the hashed part:
    // only its digest is chained, so erasing it never breaks the chain.
    .addColumn('personal', 'text')
    .addColumn('personal_digest', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_event_chain_seq_uq', ['chain', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_event_commune_time_idx')
    .on('audit_event')
    .columns(['commune_id', 'occurred_at'])
    .execute();
}
