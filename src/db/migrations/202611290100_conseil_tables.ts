import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { autoId } from '../dialect.js';

const commune = (c: ColumnDefinitionBuilder) => c.notNull().references('commune.id').onDelete('cascade');

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Members of the conseil municipal with their mandate; "in office" is derived from the dates.
  await db.schema
    .createTable('conseil_membre')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', commune)
    .addColumn('prenom', 'text', (c) => c.notNull())
    .addColumn('nom', 'text', (c) => c.notNull())
    .addColumn('mandat', 'text', (c) => c.notNull())
    .addColumn('rang', 'integer')
    .addColumn('debut', 'text', (c) => c.notNull())
    .addColumn('fin', 'text')
    .addColumn('email', 'text')
    .addColumn('convocation_papier', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('adresse', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('date_naissance', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conseil_membre_commune_idx').on('conseil_membre').column('commune_id').execute();

  await db.schema
    .createTable('conseil_reglages')
    .addColumn('commune_id', 'integer', (c) => c.primaryKey().references('commune.id').onDelete('cascade'))
    .addColumn('delai_jours_francs', 'integer')
    .addColumn('exclure_feries', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('delai_reconvocation', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('conseil_seance')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', commune)
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('heure', 'text', (c) => c.notNull())
    .addColumn('lieu', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('urgence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reconvocation_de', 'integer', (c) => c.references('conseil_seance.id'))
    .addColumn('president_id', 'integer', (c) => c.references('conseil_membre.id'))
    .addColumn('secretaire_id', 'integer', (c) => c.references('conseil_membre.id'))
    .addColumn('convoquee_le', 'text')
    .addColumn('liste_publiee_le', 'text')
    .addColumn('pv_texte', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('pv_statut', 'text', (c) => c.notNull().defaultTo('aucun'))
    .addColumn('pv_approuve_seance_id', 'integer', (c) => c.references('conseil_seance.id'))
    .addColumn('pv_approuve_le', 'text')
    .addColumn('pv_signe_le', 'text')
    .addColumn('pv_publie_le', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conseil_seance_date_idx').on('conseil_seance').columns(['commune_id', 'date']).execute();

  await db.schema
    .createTable('conseil_point')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', commune)
    .addColumn('seance_id', 'integer', (c) => c.notNull().references('conseil_seance.id').onDelete('cascade'))
    .addColumn('numero', 'integer', (c) => c.notNull())
    .addColumn('titre', 'text', (c) => c.notNull())
    .addColumn('rapporteur_id', 'integer', (c) => c.references('conseil_membre.id'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('matiere_code', 'text')
    .addColumn('nomination', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('huis_clos', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('demandes_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('demandes_secret', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('secret_renonce', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mode_scrutin', 'text')
    .addColumn('pour', 'integer')
    .addColumn('contre', 'integer')
    .addColumn('abstention', 'integer')
    .addColumn('npp', 'integer')
    .addColumn('resultat', 'text')
    .addColumn('voix_preponderante', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('vote_le', 'text')
    .addColumn('delib_texte', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('delib_statut', 'text', (c) => c.notNull().defaultTo('aucune'))
    .addColumn('acte_id', 'integer')
    .addColumn('acte_numero', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('conseil_point_numero_uq', ['seance_id', 'numero'])
    .execute();

  await db.schema
    .createTable('conseil_document')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', commune)
    .addColumn('point_id', 'integer', (c) => c.notNull().references('conseil_point.id').onDelete('cascade'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('stored_file.id'))
    .addColumn('titre', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('conseil_convocation')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', commune)
    .addColumn('seance_id', 'integer', (c) => c.notNull().references('conseil_seance.id').onDelete('cascade'))
    .addColumn('membre_id', 'integer', (c) => c.notNull().references('conseil_membre.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('canal', 'text', (c) => c.notNull())
    .addColumn('envoyee_le', 'text', (c) => c.notNull())
    .addColumn('ouverte_le', 'text')
    .addColumn('ouvertures', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('conseil_convocation_uq', ['seance_id', 'membre_id'])
    .execute();

  await db.schema
    .createTable('conseil_presence')
    .addColumn('commune_id', 'integer', commune)
    .addColumn('seance_id', 'integer', (c) => c.notNull().references('conseil_seance.id').onDelete('cascade'))
    .addColumn('membre_id', 'integer', (c) => c.notNull().references('conseil_membre.id'))
    .addColumn('statut', 'text', (c) => c.notNull())
    .addColumn('arrivee_point', 'integer')
    .addColumn('depart_point', 'integer')
    .addPrimaryKeyConstraint('conseil_presence_pk', ['seance_id', 'membre_id'])
    .execute();

  // At most one proxy given and one held per member and séance (L2121-20): the database says so too.
  await db.schema
    .createTable('conseil_procuration')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', commune)
    .addColumn('seance_id', 'integer', (c) => c.notNull().references('conseil_seance.id').onDelete('cascade'))
    .addColumn('mandant_id', 'integer', (c) => c.notNull().references('conseil_membre.id'))
    .addColumn('mandataire_id', 'integer', (c) => c.notNull().references('conseil_membre.id'))
    .addColumn('maladie', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('conseil_procuration_mandant_uq', ['seance_id', 'mandant_id'])
    .addUniqueConstraint('conseil_procuration_mandataire_uq', ['seance_id', 'mandataire_id'])
    .execute();

  await db.schema
    .createTable('conseil_vote_nominatif')
    .addColumn('commune_id', 'integer', commune)
    .addColumn('point_id', 'integer', (c) => c.notNull().references('conseil_point.id').onDelete('cascade'))
    .addColumn('membre_id', 'integer', (c) => c.notNull().references('conseil_membre.id'))
    .addColumn('sens', 'text', (c) => c.notNull())
    .addColumn('par_procuration', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('conseil_vote_nominatif_pk', ['point_id', 'membre_id'])
    .execute();

  await db.schema
    .createTable('conseil_tour')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', commune)
    .addColumn('point_id', 'integer', (c) => c.notNull().references('conseil_point.id').onDelete('cascade'))
    .addColumn('tour', 'integer', (c) => c.notNull())
    .addColumn('votants', 'integer', (c) => c.notNull())
    .addColumn('blancs_nuls', 'integer', (c) => c.notNull())
    .addColumn('resultats', 'text', (c) => c.notNull())
    .addColumn('elu_id', 'integer', (c) => c.references('conseil_membre.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('conseil_tour_uq', ['point_id', 'tour'])
    .execute();
}
