import type { TenantScope } from '../../core/tenancy/index.js';

export interface Salle {
  id: number;
  slug: string;
  nom: string;
  capacite: number;
  tarifs: string;
  description: string;
  /** One piece of equipment a line. */
  equipements?: string;
  /** Media ids of the photos. */
  photos?: number[];
  archivedAt?: string | null;
}

const salleColumns = [
  'id',
  'slug',
  'nom',
  'capacite',
  'tarifs',
  'description',
  'equipements',
  'photos',
  'archived_at',
] as const;

const toSalle = (r: {
  id: number;
  slug: string;
  nom: string;
  capacite: number;
  tarifs: string;
  description: string;
  equipements: string;
  photos: string;
  archived_at: string | null;
}): Salle => ({
  id: r.id,
  slug: r.slug,
  nom: r.nom,
  capacite: r.capacite,
  tarifs: r.tarifs,
  description: r.description,
  equipements: r.equipements,
  photos: JSON.parse(r.photos) as number[],
  archivedAt: r.archived_at,
});

/** The rooms that can be booked (archived ones left out). */
export async function listSalles(scope: TenantScope): Promise<Salle[]> {
  const rows = await scope
    .selectFrom('salle')
    .select([...salleColumns])
    .where('archived_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(toSalle);
}

/** Every room, archived ones included (the back-office list). */
export async function listAllSalles(scope: TenantScope): Promise<Salle[]> {
  const rows = await scope
    .selectFrom('salle')
    .select([...salleColumns])
    .orderBy('id')
    .execute();
  return rows.map(toSalle);
}

export async function findSalle(scope: TenantScope, id: number): Promise<Salle | null> {
  const row = await scope
    .selectFrom('salle')
    .select([...salleColumns])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toSalle(row) : null;
}

export async function findSalleIdBySlug(scope: TenantScope, slug: string): Promise<number | null> {
  const row = await scope.selectFrom('salle').select('id').where('slug', '=', slug).executeTakeFirst();
  return row?.id ?? null;
}

export async function insertSalle(scope: TenantScope, s: Omit<Salle, 'id'>, now: string): Promise<number> {
  const row = await scope
    .insertInto('salle', {
      slug: s.slug,
      nom: s.nom,
      capacite: s.capacite,
      tarifs: s.tarifs,
      description: s.description,
      equipements: s.equipements ?? '',
      photos: JSON.stringify(s.photos ?? []),
      archived_at: s.archivedAt ?? null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates a room's description (its slug, used by past requests, never changes). */
export async function updateSalle(
  scope: TenantScope,
  id: number,
  s: Pick<Salle, 'nom' | 'capacite' | 'tarifs' | 'description'> & { equipements: string; photos: number[] },
): Promise<void> {
  await scope
    .updateTable('salle')
    .set({
      nom: s.nom,
      capacite: s.capacite,
      tarifs: s.tarifs,
      description: s.description,
      equipements: s.equipements,
      photos: JSON.stringify(s.photos),
    })
    .where('id', '=', id)
    .execute();
}

export async function setArchived(scope: TenantScope, id: number, archivedAt: string | null): Promise<void> {
  await scope.updateTable('salle').set({ archived_at: archivedAt }).where('id', '=', id).execute();
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

/** Slots of the days [from, to] (held or confirmed), for the month calendar. */
export async function listSlotsBetween(
  scope: TenantScope,
  from: string,
  to: string,
): Promise<{ salleId: number; date: string; creneau: string; expiresAt: string | null }[]> {
  const rows = await scope
    .selectFrom('salle_creneau')
    .select(['salle_id', 'date', 'creneau', 'expires_at'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ salleId: r.salle_id, date: r.date, creneau: r.creneau, expiresAt: r.expires_at }));
}
