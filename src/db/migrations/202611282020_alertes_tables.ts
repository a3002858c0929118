import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Urgent notices (coupure d'eau, route barrée…), current while starts_at <= now < ends_at.
  await db.schema
    .createTable('alerte')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // Plain text: never HTML.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('diffusee_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerte_commune_end_idx').on('alerte').columns(['commune_id', 'ends_at']).execute();

  // Subscribers by e-mail (double opt-in); the row is deleted when they unsubscribe.
  await db.schema
    .createTable('alerte_abonne')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_mail_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addUniqueConstraint('alerte_abonne_email_uq', ['commune_id', 'email'])
    .execute();

  // Links sent by mail (confirmation, unsubscribe): the SHA-256 of the token, never the token.
  await db.schema
    .createTable('alerte_jeton')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('abonne_id', 'integer', (c) => c.notNull().references('alerte_abonne.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('alerte_jeton_abonne_idx').on('alerte_jeton').column('abonne_id').execute();
}
