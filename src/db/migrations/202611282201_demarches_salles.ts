import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The commune's rooms that citizens may book (salle des fêtes…).
  await db.schema
    .createTable('salle')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('capacite', 'integer', (c) => c.notNull())
    // Plain text: « 150 € le week-end pour les habitants… »
    .addColumn('tarifs', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('salle_slug_uq', ['commune_id', 'slug'])
    .execute();

  // A slot held by a booking request (until expires_at) or confirmed (expires_at null). The unique
  // constraint is what makes two citizens unable to hold the same slot, whatever the timing.
  await db.schema
    .createTable('salle_creneau')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('salle_id', 'integer', (c) => c.notNull().references('salle.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('creneau', 'text', (c) => c.notNull())
    .addColumn('demande_id', 'integer', (c) => c.notNull().references('demande.id').onDelete('cascade'))
    .addColumn('expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('salle_creneau_uq', ['salle_id', 'date', 'creneau'])
    .execute();
  await db.schema.createIndex('salle_creneau_demande_idx').on('salle_creneau').column('demande_id').execute();
}
