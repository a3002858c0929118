import { type Kysely, sql } from 'kysely';
import { engineOf } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { TenantScope } from '../tenancy/tenant-scope.js';

/**
 * Full-text search over the commune's public content. Each module keeps one document per item
 * (`indexDocument` in the transaction of the save). SQLite: FTS5, accent-insensitive with prefix
 * matching; PostgreSQL: French stemming without accents (`fr_unaccent`).
 */

export interface SearchDocumentInput {
  kind: string;
  refId: number;
  title: string;
  /** Plain text. */
  body: string;
  url: string;
  /** From when (and until when) the item is public: scheduled items are not found before. */
  visibleFrom: Date;
  visibleUntil?: Date | null;
}

export async function indexDocument(trx: Kysely<DB>, communeId: number, doc: SearchDocumentInput): Promise<void> {
  const scope = new TenantScope(trx, communeId);
  const values = {
    title: doc.title,
    body: doc.body,
    url: doc.url,
    visible_from: doc.visibleFrom.toISOString(),
    visible_until: doc.visibleUntil?.toISOString() ?? null,
  };
  const updated = await scope
    .updateTable('search_document')
    .set(values)
    .where('kind', '=', doc.kind)
    .where('ref_id', '=', doc.refId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    await scope.insertInto('search_document', { kind: doc.kind, ref_id: doc.refId, ...values }).execute();
  }
}

/** Removes an item from the index (unpublished, deleted). */
export async function unindexDocument(trx: Kysely<DB>, communeId: number, kind: string, refId: number): Promise<void> {
  await new TenantScope(trx, communeId)
    .deleteFrom('search_document')
    .where('kind', '=', kind)
    .where('ref_id', '=', refId)
    .execute();
}

export interface SearchHit {
  kind: string;
  title: string;
  url: string;
  /** Excerpt as segments; `mark` segments are the matched words (rendered as <mark>, escaped). */
  excerpt: { text: string; mark: boolean }[];
}

const START = '\u0002';
const STOP = '\u0003';

function segments(marked: string): { text: string; mark: boolean }[] {
  const out: { text: string; mark: boolean }[] = [];
  for (const part of marked.split(START)) {
    const [inside, after] = part.includes(STOP) ? part.split(STOP, 2) : [undefined, part];
    if (inside) out.push({ text: inside, mark: true });
    if (after) out.push({ text: after, mark: false });
  }
  return out;
}

/**
 * Words too common to narrow a search (articles, prepositions, elided forms such as the « l » of
 * « l’église »). Prefix-matched, « de » or « l » would match most of the index: PostgreSQL's French
 * configuration drops them, and so does queryTerms for both engines.
 */
const STOP_WORDS = new Set([
  ...['a', 'à', 'au', 'aux', 'avec', 'c', 'ce', 'ces', 'd', 'dans', 'de', 'des', 'du', 'en', 'et', 'j', 'l', 'la'],
  ...['le', 'les', 'm', 'n', 'ou', 'par', 'pour', 'qu', 'que', 'qui', 's', 'sa', 'se', 'ses', 'son', 'sur', 't'],
  ...['un', 'une', 'y'],
]);

/**
 * Words of a query, without FTS syntax: only letters and digits reach the engine. Common words
 * and lone letters are left out, unless nothing else is asked.
 */
export function queryTerms(q: string): string[] {
  const words = (q.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => t.toLowerCase());
  const meaningful = words.filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\p{N}/u.test(w)));
  return (meaningful.length > 0 ? meaningful : words).slice(0, 12);
}

/** Ranked hits for a query among the items public at `now`. */
export async function searchDocuments(
  db: Kysely<DB>,
  communeId: number,
  q: string,
  now: Date,
  limit = 30,
): Promise<SearchHit[]> {
  const terms = queryTerms(q);
  if (terms.length === 0) return [];
  const nowIso = now.toISOString();
  if (engineOf(db) === 'sqlite') {
    // Each term is quoted (no FTS operator can be injected) and prefix-matched.
    const match = terms.map((t) => `"${t}"*`).join(' ');
    const rows = await sql<{ kind: string; title: string; url: string; snip: string }>`
      select d.kind, d.title, d.url, snippet(search_fts, 1, ${START}, ${STOP}, '…', 24) as snip
      from search_fts join search_document d on d.id = search_fts.rowid
      where search_fts match ${match} and d.commune_id = ${communeId}
        and d.visible_from <= ${nowIso} and (d.visible_until is null or d.visible_until > ${nowIso})
      order by bm25(search_fts, 5.0, 1.0) limit ${limit}`.execute(db);
    return rows.rows.map((r) => ({ kind: r.kind, title: r.title, url: r.url, excerpt: segments(r.snip) }));
  }
  const tsquery = terms.map((t) => `${t.replace(/'/g, '')}:*`).join(' & ');
  const rows = await sql<{ kind: string; title: string; url: string; snip: string }>`
    select kind, title, url,
      ts_headline('fr_unaccent', body, to_tsquery('fr_unaccent', ${tsquery}),
        ${`StartSel=${START}, StopSel=${STOP}, MaxWords=30, MinWords=12, ShortWord=2`}) as snip
    from search_document
    where tsv @@ to_tsquery('fr_unaccent', ${tsquery}) and commune_id = ${communeId}
      and visible_from <= ${nowIso} and (visible_until is null or visible_until > ${nowIso})
    order by ts_rank(tsv, to_tsquery('fr_unaccent', ${tsquery})) desc limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ kind: r.kind, title: r.title, url: r.url, excerpt: segments(r.snip) }));
}
