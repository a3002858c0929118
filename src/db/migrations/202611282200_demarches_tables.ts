import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // A démarche type (contact, signalement…) of one commune; its form lives in its revisions.
  await db.schema
    .createTable('demarche_type')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('current_revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('demarche_type_slug_uq', ['commune_id', 'slug'])
    .execute();

  // Versions of a type's form (JSON list of typed fields) and settings (JSON); never updated.
  await db.schema
    .createTable('demarche_revision')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('type_id', 'integer', (c) => c.notNull().references('demarche_type.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('demarche_revision_version_uq', ['type_id', 'version'])
    .execute();

  // Reference counters, one row per commune and year, taken under a lock.
  await db.schema
    .createTable('demande_compteur')
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('demande_compteur_pk', ['commune_id', 'year'])
    .execute();

  // A request (dossier): it keeps the revision it was made with.
  await db.schema
    .createTable('demande')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('type_id', 'integer', (c) => c.notNull().references('demarche_type.id'))
    .addColumn('revision_id', 'integer', (c) => c.notNull().references('demarche_revision.id'))
    .addColumn('reference', 'text', (c) => c.notNull())
    // SHA-256 of the follow-up secret: the secret itself is only in the citizen's mail and screen.
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('canal', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('prenom', 'text', (c) => c.notNull())
    .addColumn('adresse', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('decision_due', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('demande_reference_uq', ['commune_id', 'reference'])
    .execute();
  await db.schema.createIndex('demande_commune_status_idx').on('demande').columns(['commune_id', 'status']).execute();

  // Append-only history: status changes (with their reason), messages both ways, internal notes.
  await db.schema
    .createTable('demande_evenement')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('demande_id', 'integer', (c) => c.notNull().references('demande.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('demande_evenement_demande_idx').on('demande_evenement').column('demande_id').execute();

  // Files attached to a request (stored in the core file store).
  await db.schema
    .createTable('demande_piece')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('demande_id', 'integer', (c) => c.notNull().references('demande.id').onDelete('cascade'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('stored_file.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('demande_piece_demande_idx').on('demande_piece').column('demande_id').execute();
}
