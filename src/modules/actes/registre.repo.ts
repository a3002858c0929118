import type { TenantScope } from '../../core/tenancy/index.js';
import type { RegistreEntry } from './registre.rules.js';

export async function registreHead(scope: TenantScope): Promise<{ seq: number; hash: string } | undefined> {
  return scope.selectFrom('acte_registre').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

export async function insertRegistreEntry(scope: TenantScope, e: RegistreEntry): Promise<void> {
  await scope
    .insertInto('acte_registre', {
      seq: e.seq,
      acte_id: e.acteId,
      kind: e.kind,
      recorded_at: e.recordedAt,
      payload: e.payload,
      prev_hash: e.prevHash,
      hash: e.hash,
    })
    .execute();
}

/** The commune's register in order. */
export async function listRegistre(scope: TenantScope): Promise<RegistreEntry[]> {
  const rows = await scope
    .selectFrom('acte_registre')
    .select(['seq', 'acte_id', 'kind', 'recorded_at', 'payload', 'prev_hash', 'hash'])
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    acteId: r.acte_id,
    kind: r.kind,
    recordedAt: r.recorded_at,
    payload: r.payload,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** The latest publication entry of an act (its published fingerprint). */
export async function publicationEntry(scope: TenantScope, acteId: number): Promise<RegistreEntry | undefined> {
  const r = await scope
    .selectFrom('acte_registre')
    .select(['seq', 'acte_id', 'kind', 'recorded_at', 'payload', 'prev_hash', 'hash'])
    .where('acte_id', '=', acteId)
    .where('kind', '=', 'publication')
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return (
    r && {
      seq: r.seq,
      acteId: r.acte_id,
      kind: r.kind,
      recordedAt: r.recorded_at,
      payload: r.payload,
      prevHash: r.prev_hash,
      hash: r.hash,
    }
  );
}
