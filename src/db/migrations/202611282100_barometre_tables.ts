import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The yearly campaigns of the baromètre numérique, each with the snapshot of its questionnaire.
  await db.schema
    .createTable('barometre_campagne')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('annee', 'integer', (c) => c.notNull().unique())
    .addColumn('statut', 'text', (c) => c.notNull())
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('questionnaire', 'text', (c) => c.notNull())
    .addColumn('ouverte_at', 'text')
    .addColumn('close_at', 'text')
    // JSON of the statistics frozen when the campaign is closed (null while it is open).
    .addColumn('resultats', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Respondents are communes known by their INSEE code: hosted ones answer from their back-office,
  // others are imported. One answer per commune per campaign.
  await db.schema
    .createTable('barometre_reponse')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('campagne_id', 'integer', (c) => c.notNull().references('barometre_campagne.id').onDelete('cascade'))
    .addColumn('insee', 'text', (c) => c.notNull())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('tranche', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('statut', 'text', (c) => c.notNull())
    .addColumn('valeurs', 'text', (c) => c.notNull())
    .addColumn('preremplies', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('barometre_reponse_commune_uq', ['campagne_id', 'insee'])
    .execute();
  await db.schema
    .createIndex('barometre_reponse_statut_idx')
    .on('barometre_reponse')
    .columns(['campagne_id', 'statut'])
    .execute();

  await db.schema
    .createTable('barometre_parametre')
    .addColumn('cle', 'text', (c) => c.primaryKey())
    .addColumn('valeur', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
