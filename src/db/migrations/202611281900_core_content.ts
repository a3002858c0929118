import { type Kysely, sql } from 'kysely';
import { autoId, engineOf } from '../dialect.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations never depend on the app's schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Bumped whenever public content of the commune changes: rendered pages cached under an older
  // version are stale (several processes compare it).
  await db.schema
    .alterTable('commune')
    .addColumn('content_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Every save of an editable content keeps a revision that can be restored.
  await db.schema
    .createTable('revision')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('revision_entity_idx')
    .on('revision')
    .columns(['commune_id', 'entity_type', 'entity_id'])
    .execute();

  // One searchable document per public content item, kept up to date by its module.
  await db.schema
    .createTable('search_document')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('commune_id', 'integer', (c) => c.notNull().references('commune.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('visible_from', 'text', (c) => c.notNull())
    .addColumn('visible_until', 'text')
    .addUniqueConstraint('search_document_ref_uq', ['commune_id', 'kind', 'ref_id'])
    .execute();

  if (engineOf(db) === 'sqlite') {
    // External-content FTS5 index over search_document, kept in sync by triggers.
    await sql`create virtual table search_fts using fts5(title, body, content='search_document', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`create trigger search_document_ai after insert on search_document begin
      insert into search_fts(rowid, title, body) values (new.id, new.title, new.body); end`.execute(db);
    await sql`create trigger search_document_ad after delete on search_document begin
      insert into search_fts(search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body); end`.execute(
      db,
    );
    await sql`create trigger search_document_au after update on search_document begin
      insert into search_fts(search_fts, rowid, title, body) values ('delete', old.id, old.title, old.body);
      insert into search_fts(rowid, title, body) values (new.id, new.title, new.body); end`.execute(db);
  } else {
    // French stemming without accents: a copy of the french configuration with unaccent first.
    await sql`create extension if not exists unaccent`.execute(db);
    await sql`do $$ begin
      if not exists (select 1 from pg_ts_config where cfgname = 'fr_unaccent') then
        create text search configuration fr_unaccent (copy = french);
        alter text search configuration fr_unaccent alter mapping for hword, hword_part, word with unaccent, french_stem;
      end if; end $$`.execute(db);
    await sql`alter table search_document add column tsv tsvector generated always as (
      setweight(to_tsvector('fr_unaccent', title), 'A') || setweight(to_tsvector('fr_unaccent', body), 'B')) stored`.execute(
      db,
    );
    await sql`create index search_document_tsv_idx on search_document using gin (tsv)`.execute(db);
  }
}
