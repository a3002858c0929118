import { type SelectQueryBuilder, sql } from 'kysely';
import type { TenantScope } from '../../core/tenancy/index.js';
import { engineOf } from '../../db/dialect.js';
import type { DB } from '../../db/schema.js';
import { ACTE_COLUMNS, type Acte, toActe } from './actes.repo.js';

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

/** One page of the public register, newest decision first, and the number of matching acts. */
export async function searchRegister(
  scope: TenantScope,
  f: RegisterFilters,
  page: { limit: number; offset: number },
): Promise<{ items: Acte[]; total: number }> {
  const q = filtered(scope, f);
  const [rows, count] = await Promise.all([
    q
      .select(ACTE_COLUMNS)
      .orderBy('acte.date_decision', 'desc')
      .orderBy('acte.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(toActe), total: Number(count?.n ?? 0) };
}

export async function findVisible(scope: TenantScope, id: number): Promise<Acte | undefined> {
  const r = await visible(scope).select(ACTE_COLUMNS).where('acte.id', '=', id).executeTakeFirst();
  return r && toActe(r);
}

/** The years from the first to the last public act (choices of the year filter), newest first. */
export async function registerYears(scope: TenantScope): Promise<number[]> {
  const r = await visible(scope)
    .select((eb) => [eb.fn.min('acte.date_decision').as('first'), eb.fn.max('acte.date_decision').as('last')])
    .executeTakeFirst();
  const first = Number(String(r?.first ?? '').slice(0, 4));
  const last = Number(String(r?.last ?? '').slice(0, 4));
  if (!first || !last) return [];
  return Array.from({ length: last - first + 1 }, (_, i) => last - i);
}
