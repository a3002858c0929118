import type { Kysely } from 'kysely';
import { autoId } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('epci')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('siren', 'text', (c) => c.notNull().unique())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('commune')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('insee', 'text', (c) => c.notNull().unique())
    .addColumn('siren', 'text')
    .addColumn('siret', 'text')
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('departement', 'text', (c) => c.notNull())
    .addColumn('epci_id', 'integer', (c) => c.references('epci.id'))
    .addColumn('theme', 'text', (c) => c.notNull().defaultTo('{}'))
    // Contact details and opening hours of the mairie (JSON of MairieInfo).
    .addColumn('info', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('commune_host')
    .addColumn('host', 'text', (c) => c.primaryKey())
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('commune_host_commune_idx').on('commune_host').column('commune_id').execute();
}
