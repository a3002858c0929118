import type { TenantScope } from '../../core/tenancy/index.js';

export interface Salle {
  id: number;
  slug: string;
  nom: string;
  capacite: number;
  tarifs: string;
  description: string;
}

export async function listSalles(scope: TenantScope): Promise<Salle[]> {
  return scope
    .selectFrom('salle')
    .select(['id', 'slug', 'nom', 'capacite', 'tarifs', 'description'])
    .orderBy('id')
    .execute();
}

export async function insertSalle(scope: TenantScope, s: Omit<Salle, 'id'>, now: string): Promise<void> {
  await scope.insertInto('salle', { ...s, created_at: now }).execute();
}

export interface Hold {
  id: number;
  demandeId: number;
  expiresAt: string | null;
}

export async function findHold(
  scope: TenantScope,
  salleId: number,
  date: string,
  creneau: string,
): Promise<Hold | null> {
  const row = await scope
    .selectFrom('salle_creneau')
    .select(['id', 'demande_id', 'expires_at'])
    .where('salle_id', '=', salleId)
    .where('date', '=', date)
    .where('creneau', '=', creneau)
    .executeTakeFirst();
  return row ? { id: row.id, demandeId: row.demande_id, expiresAt: row.expires_at } : null;
}

export async function deleteHold(scope: TenantScope, id: number): Promise<void> {
  await scope.deleteFrom('salle_creneau').where('id', '=', id).execute();
}

export async function insertHold(
  scope: TenantScope,
  h: { salleId: number; date: string; creneau: string; demandeId: number; expiresAt: string; now: string },
): Promise<void> {
  await scope
    .insertInto('salle_creneau', {
      salle_id: h.salleId,
      date: h.date,
      creneau: h.creneau,
      demande_id: h.demandeId,
      expires_at: h.expiresAt,
      created_at: h.now,
    })
    .execute();
}

export async function confirmHolds(scope: TenantScope, demandeId: number): Promise<void> {
  await scope.updateTable('salle_creneau').set({ expires_at: null }).where('demande_id', '=', demandeId).execute();
}

export async function releaseHolds(scope: TenantScope, demandeId: number): Promise<void> {
  await scope.deleteFrom('salle_creneau').where('demande_id', '=', demandeId).execute();
}

/** Slots taken from `from` on (held or confirmed), for the availability list. */
export async function listTakenSlots(
  scope: TenantScope,
  from: string,
): Promise<{ salleId: number; date: string; creneau: string; expiresAt: string | null }[]> {
  const rows = await scope
    .selectFrom('salle_creneau')
    .select(['salle_id', 'date', 'creneau', 'expires_at'])
    .where('date', '>=', from)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ salleId: r.salle_id, date: r.date, creneau: r.creneau, expiresAt: r.expires_at }));
}
