import { type SelectQueryBuilder, sql } from 'kysely';
import type { TenantScope } from '../../core/tenancy/index.js';
import { engineOf } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { ACTE_COLUMNS, type Acte, type ActeRow, toActe } from './actes.repo.js';

export interface RegisterFilters {
  terms: string[];
  nature: string | null;
  matiere: string | null;
  annee: number | null;
  seance: number | null;
}

/**
 * Acts the public sees: published at least once (a withdrawn or annulled act stays listed with
 * its mention), never an individual decision (those are notified, L2131-1 II).
 */
function visible(scope: TenantScope): SelectQueryBuilder<DB, 'acte', object> {
  return scope
    .selectFrom('acte')
    .where('acte.publie_le', 'is not', null)
    .where('acte.nature', '!=', 'arrete_individuel');
}

function filtered(scope: TenantScope, f: RegisterFilters): SelectQueryBuilder<DB, 'acte', object> {
  let q = visible(scope);
  if (f.nature) q = q.where('acte.nature', '=', f.nature);
  if (f.matiere) {
    const m = f.matiere;
    q = q.where((eb) => eb.or([eb('acte.matiere_code', '=', m), eb('acte.matiere_code', 'like', `${m}.%`)]));
  }
  if (f.annee !== null) {
    q = q.where('acte.date_decision', '>=', `${f.annee}-01-01`).where('acte.date_decision', '<=', `${f.annee}-12-31`);
  }
  if (f.seance !== null) q = q.where('acte.seance_id', '=', f.seance);
  if (f.terms.length > 0) {
    if (engineOf(scope.db) === 'sqlite') {
      // Each term quoted (no FTS operator can be injected) and prefix-matched.
      const match = f.terms.map((t) => `"${t}"*`).join(' ');
      q = q.where(sql<boolean>`acte.id in (select rowid from acte_fts where acte_fts match ${match})`);
    } else {
      const tsquery = f.terms.map((t) => `${t.replace(/'/g, '')}:*`).join(' & ');
      q = q.where(sql<boolean>`acte.tsv @@ to_tsquery('fr_unaccent', ${tsquery})`);
    }
  }
  return q;
}

/**
 * Public acts by id, in the order given. SQLite reads them one by one: without statistics its
 * planner prefers the commune's index (every act of the commune) to a list of ids.
 */
async function byIds(scope: TenantScope, ids: number[]): Promise<ActeRow[]> {
  if (ids.length === 0) return [];
  const found =
    engineOf(scope.db) === 'sqlite'
      ? await Promise.all(
          ids.map((id) => visible(scope).select(ACTE_COLUMNS).where('acte.id', '=', id).executeTakeFirst()),
        )
      : await visible(scope).select(ACTE_COLUMNS).where('acte.id', 'in', ids).execute();
  const byId = new Map(found.flatMap((r) => (r ? [[r.id, r] as const] : [])));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Beyond this many matching acts the register says « plus de 1 000 » instead of counting them all. */
export const COUNT_CAP = 1000;

const newestFirst = (a: { d: string; id: number }, b: { d: string; id: number }) =>
  a.d === b.d ? b.id - a.id : a.d < b.d ? 1 : -1;

/**
 * One page of the public register, newest decision first, and the number of matching acts: exact up to
 * `cap` acts past the page's start; beyond, `more` is true and `total` is only a lower bound.
 *
 * The matches are first read unordered and at most `offset + cap + 1` of them (the engine follows its
 * best index: the full-text one for a search). When that is all of them, the page is cut from them
 * and its acts read by id; otherwise there are many, and the register's order (an index walk that
 * stops at the page) finds the page quickly.
 */
export async function searchRegister(
  scope: TenantScope,
  f: RegisterFilters,
  page: { limit: number; offset: number },
  cap: number = COUNT_CAP,
): Promise<{ items: Acte[]; total: number; more: boolean }> {
  const window = page.offset + cap;
  const matches = await filtered(scope, f)
    .select(['acte.id as id', 'acte.date_decision as d'])
    .limit(window + 1)
    .execute();
  const more = matches.length > window;
  let rows: ActeRow[];
  if (more) {
    rows = await filtered(scope, f)
      .select(ACTE_COLUMNS)
      .orderBy('acte.date_decision', 'desc')
      .orderBy('acte.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
  } else {
    const ids = matches
      .sort(newestFirst)
      .slice(page.offset, page.offset + page.limit)
      .map((m) => m.id);
    rows = await byIds(scope, ids);
  }
  return { items: rows.map(toActe), total: matches.length, more };
}

export async function findVisible(scope: TenantScope, id: number): Promise<Acte | undefined> {
  const r = await visible(scope).select(ACTE_COLUMNS).where('acte.id', '=', id).executeTakeFirst();
  return r && toActe(r);
}

/** The years from the first to the last public act (choices of the year filter), newest first. */
export async function registerYears(scope: TenantScope): Promise<number[]> {
  // Two index lookups: SQLite computes min() and max() together by reading every act.
  const edge = (direction: 'asc' | 'desc') =>
    visible(scope).select('acte.date_decision').orderBy('acte.date_decision', direction).limit(1).executeTakeFirst();
  const [oldest, newest] = await Promise.all([edge('asc'), edge('desc')]);
  const first = Number(String(oldest?.date_decision ?? '').slice(0, 4));
  const last = Number(String(newest?.date_decision ?? '').slice(0, 4));
  if (!first || !last) return [];
  return Array.from({ length: last - first + 1 }, (_, i) => last - i);
}
