import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The registre des activités de traitement (RGPD art. 30), generated then editable.
  await db.schema
    .createTable('rgpd_traitement')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('cle', 'text', (c) => c.notNull())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('finalite', 'text', (c) => c.notNull())
    .addColumn('base_legale', 'text', (c) => c.notNull())
    .addColumn('personnes', 'text', (c) => c.notNull())
    .addColumn('donnees', 'text', (c) => c.notNull())
    .addColumn('destinataires', 'text', (c) => c.notNull())
    .addColumn('conservation', 'text', (c) => c.notNull())
    .addColumn('securite', 'text', (c) => c.notNull())
    .addColumn('transferts', 'text', (c) => c.notNull())
    .addColumn('modifie', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('actif', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rgpd_traitement_cle_uq', ['commune_id', 'cle'])
    .execute();

  // Retention periods chosen by the commune (absent: the documented default).
  await db.schema
    .createTable('rgpd_conservation')
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('categorie', 'text', (c) => c.notNull())
    .addColumn('duree', 'integer', (c) => c.notNull())
    .addColumn('archive', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rgpd_conservation_pk', ['commune_id', 'categorie'])
    .execute();

  // Bordereaux d'élimination and their items.
  await db.schema
    .createTable('rgpd_bordereau')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('categorie', 'text', (c) => c.notNull())
    .addColumn('libelle', 'text', (c) => c.notNull())
    .addColumn('archive', 'integer', (c) => c.notNull())
    .addColumn('statut', 'text', (c) => c.notNull())
    .addColumn('nb_items', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('visa_date', 'text')
    .addColumn('visa_service', 'text')
    .addColumn('visa_reference', 'text')
    .addColumn('visa_user_id', 'integer')
    .addColumn('executed_at', 'text')
    .execute();
  await db.schema
    .createIndex('rgpd_bordereau_statut_idx')
    .on('rgpd_bordereau')
    .columns(['commune_id', 'statut'])
    .execute();

  await db.schema
    .createTable('rgpd_elimination')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('bordereau_id', 'integer', (c) => c.notNull().references('rgpd_bordereau.id').onDelete('cascade'))
    .addColumn('objet_type', 'text', (c) => c.notNull())
    .addColumn('objet_id', 'integer', (c) => c.notNull())
    .addColumn('libelle', 'text', (c) => c.notNull())
    .addColumn('echeance', 'text', (c) => c.notNull())
    .addColumn('eliminated_at', 'text')
    // An object is listed on one bordereau only.
    .addUniqueConstraint('rgpd_elimination_objet_uq', ['commune_id', 'objet_type', 'objet_id'])
    .execute();
  await db.schema.createIndex('rgpd_elimination_bordereau_idx').on('rgpd_elimination').column('bordereau_id').execute();
}
