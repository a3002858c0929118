import { type Kysely, sql } from 'kysely';
import { autoId, engineOf } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The register of the commune's administrative acts (délibérations, arrêtés, contrats…). A row is
  // never deleted: a retrait or an annulation is recorded on it. Once published, its document and
  // the fields chained in acte_registre never change.
  await db.schema
    .createTable('acte')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('numero', 'text', (c) => c.notNull())
    .addColumn('nature', 'text', (c) => c.notNull())
    .addColumn('matiere_code', 'text')
    .addColumn('matiere_libelle', 'text')
    .addColumn('classification_date', 'text')
    .addColumn('objet', 'text', (c) => c.notNull())
    .addColumn('date_decision', 'text', (c) => c.notNull())
    .addColumn('auteur_nom', 'text', (c) => c.notNull())
    .addColumn('auteur_qualite', 'text', (c) => c.notNull())
    .addColumn('texte', 'text', (c) => c.notNull().defaultTo(''))
    // The conseil module's séance and agenda item, for délibérations (no cross-module foreign key).
    .addColumn('seance_id', 'integer')
    .addColumn('point_id', 'integer')
    .addColumn('vote_effectif', 'integer')
    .addColumn('vote_presents', 'integer')
    .addColumn('vote_representes', 'integer')
    .addColumn('vote_pour', 'integer')
    .addColumn('vote_contre', 'integer')
    .addColumn('vote_abstention', 'integer')
    .addColumn('vote_npp', 'integer')
    .addColumn('statut', 'text', (c) => c.notNull())
    .addColumn('document_file_id', 'integer', (c) => c.references('stored_file.id'))
    .addColumn('document_source', 'text')
    .addColumn('signe_le', 'text')
    .addColumn('publicite_mode', 'text')
    .addColumn('publie_le', 'text')
    .addColumn('notifie_le', 'text')
    .addColumn('transmission_requise', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('transmission_exception', 'text')
    .addColumn('transmission_id', 'text')
    .addColumn('transmis_le', 'text')
    .addColumn('ar_recu_le', 'text')
    .addColumn('anomalie', 'text')
    .addColumn('pref_service', 'text')
    .addColumn('fin_le', 'text')
    .addColumn('fin_motif', 'text')
    .addColumn('importe', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('acte_commune_numero_uq', ['commune_id', 'numero'])
    .addUniqueConstraint('acte_commune_point_uq', ['commune_id', 'point_id'])
    .execute();
  await db.schema
    .createIndex('acte_register_idx')
    .on('acte')
    .columns(['commune_id', 'statut', 'date_decision'])
    .execute();
  await db.schema.createIndex('acte_seance_idx').on('acte').columns(['commune_id', 'seance_id']).execute();

  // Annexes of an act, in order (files of the commune's store).
  await db.schema
    .createTable('acte_annexe')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('acte_id', 'integer', (c) => c.notNull().references('acte.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('stored_file.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('type_pj', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acte_annexe_acte_idx').on('acte_annexe').columns(['commune_id', 'acte_id']).execute();

  // The integrity register: each publication (and each retrait) appends an entry whose hash chains
  // the previous entry of the commune's register with the published facts and documents' SHA-256.
  await db.schema
    .createTable('acte_registre')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('acte_id', 'integer', (c) => c.notNull().references('acte.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('acte_registre_seq_uq', ['commune_id', 'seq'])
    .execute();

  // Versions of the préfecture's matière classification (ACTES 7-2), by classification date.
  await db.schema
    .createTable('acte_classification')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('date_version', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('types_pj', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('acte_classification_version_uq', ['commune_id', 'date_version'])
    .execute();

  // The commune's choices for its acts: publicity mode (< 3,500 inhabitants, CGCT L2131-1 IV) and
  // the délibération that chose it; @CTES details of the emitter.
  await db.schema
    .createTable('acte_reglage')
    .addColumn('commune_id', 'integer', (c) => c.primaryKey().references('commune.id').onDelete('cascade'))
    .addColumn('publicite_mode', 'text', (c) => c.notNull())
    .addColumn('publicite_deliberation', 'text')
    .addColumn('publicite_deliberation_date', 'text')
    .addColumn('arrondissement', 'text')
    .addColumn('referent_nom', 'text')
    .addColumn('referent_email', 'text')
    .addColumn('referent_telephone', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Messages exchanged with the préfecture through @CTES (1-1 sent, 1-2 AR, 1-3 anomaly…).
  await db.schema
    .createTable('acte_echange')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('acte_id', 'integer', (c) => c.notNull().references('acte.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acte_echange_acte_idx').on('acte_echange').columns(['commune_id', 'acte_id']).execute();

  if (engineOf(db) === 'sqlite') {
    // External-content FTS5 index over the acts' objet and text, kept in sync by triggers.
    await sql`create virtual table acte_fts using fts5(objet, texte, content='acte', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`create trigger acte_ai after insert on acte begin
      insert into acte_fts(rowid, objet, texte) values (new.id, new.objet, new.texte); end`.execute(db);
    await sql`create trigger acte_au after update of objet, texte on acte begin
      insert into acte_fts(acte_fts, rowid, objet, texte) values ('delete', old.id, old.objet, old.texte);
      insert into acte_fts(rowid, objet, texte) values (new.id, new.objet, new.texte); end`.execute(db);
  } else {
    // fr_unaccent exists since the core content migration.
    await sql`alter table acte add column tsv tsvector generated always as (
      setweight(to_tsvector('fr_unaccent', objet), 'A') || setweight(to_tsvector('fr_unaccent', texte), 'B')) stored`.execute(
      db,
    );
    await sql`create index acte_tsv_idx on acte using gin (tsv)`.execute(db);
  }
}
