import { sql } from 'kysely';
import type { TenantScope } from '../../core/tenancy/index.js';
import type { ScdlDeliberationSource } from './scdl.rules.js';

const published = (scope: TenantScope) =>
  scope
    .selectFrom('acte')
    .where('nature', '=', 'deliberation')
    .where('publie_le', 'is not', null)
    .where('matiere_code', 'is not', null);

/**
 * One batch of published délibérations after a (date, id) key, in date order: the export reads
 * them batch by batch (keyset pagination), so memory stays flat whatever their number.
 */
export async function deliberationsBatch(
  scope: TenantScope,
  after: { date: string; id: number } | null,
  year: number | null,
  limit: number,
): Promise<ScdlDeliberationSource[]> {
  let q = published(scope);
  if (year !== null) q = q.where('date_decision', '>=', `${year}-01-01`).where('date_decision', '<=', `${year}-12-31`);
  if (after) {
    const a = after;
    // A row-value comparison, which both engines turn into a range of the (commune, date, id) index;
    // the equivalent OR of two conditions made PostgreSQL filter from the first act at every batch.
    q = q.where((eb) => eb(eb.refTuple('date_decision', 'id'), '>', eb.tuple(a.date, a.id)));
  }
  const rows = await q
    .select([
      'id',
      'numero',
      'date_decision',
      'matiere_code',
      'objet',
      'pref_service',
      'ar_recu_le',
      'vote_effectif',
      'vote_pour',
      'vote_contre',
      'vote_abstention',
    ])
    .orderBy('date_decision')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    numero: r.numero,
    dateDecision: r.date_decision,
    matiereCode: r.matiere_code ?? '',
    objet: r.objet,
    prefService: r.pref_service,
    arRecuLe: r.ar_recu_le,
    vote:
      r.vote_effectif === null
        ? null
        : {
            effectif: r.vote_effectif,
            pour: r.vote_pour ?? 0,
            contre: r.vote_contre ?? 0,
            abstention: r.vote_abstention ?? 0,
          },
  }));
}

/** Dates of the published délibérations: first and last decision, first and last publication, years. */
export async function deliberationsSpan(scope: TenantScope): Promise<{
  debut: string | null;
  fin: string | null;
  premierePublication: string | null;
  dernierePublication: string | null;
  years: number[];
}> {
  const r = await published(scope)
    .select((eb) => [
      eb.fn.min('date_decision').as('debut'),
      eb.fn.max('date_decision').as('fin'),
      eb.fn.min('publie_le').as('p1'),
      eb.fn.max('publie_le').as('p2'),
    ])
    .executeTakeFirst();
  const years = await published(scope).select(sql<string>`substr(date_decision, 1, 4)`.as('y')).distinct().execute();
  return {
    debut: (r?.debut as string | null) ?? null,
    fin: (r?.fin as string | null) ?? null,
    premierePublication: (r?.p1 as string | null)?.slice(0, 10) ?? null,
    dernierePublication: (r?.p2 as string | null)?.slice(0, 10) ?? null,
    years: years.map((y) => Number(y.y)).sort((a, b) => a - b),
  };
}
