import type { TenantScope } from '../../core/tenancy/index.js';
import { ACTE_COLUMNS, type Acte, toActe } from './actes.repo.js';

/** The back-office list: every act of the commune, newest decision first. */
export async function listAdmin(
  scope: TenantScope,
  f: { statut: string | null; nature: string | null; page: number; limit: number },
): Promise<{ items: Acte[]; total: number }> {
  let q = scope.selectFrom('acte');
  if (f.statut) q = q.where('statut', '=', f.statut);
  if (f.nature) q = q.where('nature', '=', f.nature);
  const [rows, count] = await Promise.all([
    q
      .select(ACTE_COLUMNS)
      .orderBy('date_decision', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset((f.page - 1) * f.limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { items: rows.map(toActe), total: Number(count?.n ?? 0) };
}
