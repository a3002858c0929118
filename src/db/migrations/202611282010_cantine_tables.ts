import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  const communeId = (c: ColumnDefinitionBuilder) => c.notNull().references('commune.id').onDelete('cascade');

  await db.schema
    .createTable('cantine_restaurant')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', communeId)
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('nom_cle', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('id_type', 'text', (c) => c.notNull())
    .addColumn('identifiant', 'text')
    .addColumn('convives', 'text', (c) => c.notNull())
    .addColumn('etablissement_nom', 'text', (c) => c.notNull())
    .addColumn('etablissement_siret', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cantine_restaurant_nom_uq', ['commune_id', 'nom_cle'])
    .execute();

  await db.schema
    .createTable('cantine_plat')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', communeId)
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('nom_cle', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('allergenes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('allergenes_renseignes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('vegetarien', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cantine_plat_nom_uq', ['commune_id', 'type', 'nom_cle'])
    .execute();

  await db.schema
    .createTable('cantine_menu')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', communeId)
    .addColumn('restaurant_id', 'integer', (c) => c.notNull().references('cantine_restaurant.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('repas', 'text', (c) => c.notNull())
    .addColumn('vegetarien', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('precision', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cantine_menu_jour_uq', ['commune_id', 'restaurant_id', 'date', 'repas'])
    .execute();
  await db.schema.createIndex('cantine_menu_date_idx').on('cantine_menu').columns(['commune_id', 'date']).execute();

  await db.schema
    .createTable('cantine_menu_plat')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', communeId)
    .addColumn('menu_id', 'integer', (c) => c.notNull().references('cantine_menu.id').onDelete('cascade'))
    .addColumn('plat_id', 'integer', (c) => c.notNull().references('cantine_plat.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cantine_menu_plat_menu_idx').on('cantine_menu_plat').columns(['menu_id']).execute();
  await db.schema.createIndex('cantine_menu_plat_plat_idx').on('cantine_menu_plat').columns(['plat_id']).execute();

  await db.schema
    .createTable('cantine_egalim')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', communeId)
    .addColumn('annee', 'integer', (c) => c.notNull())
    .addColumn('achats_total', 'integer', (c) => c.notNull())
    .addColumn('achats_durables', 'integer', (c) => c.notNull())
    .addColumn('achats_bio', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('cantine_egalim_annee_uq', ['commune_id', 'annee'])
    .execute();
}
