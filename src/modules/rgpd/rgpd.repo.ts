import type { TenantScope } from '../../core/tenancy/index.js';
import type { Activity, Retention, StoredActivity } from './rgpd.rules.js';

/** The module's own tables: registre, retention settings, bordereaux and their items. */

const activityColumns = [
  'id',
  'cle',
  'nom',
  'finalite',
  'base_legale',
  'personnes',
  'donnees',
  'destinataires',
  'conservation',
  'securite',
  'transferts',
  'modifie',
  'actif',
] as const;

export async function listActivities(scope: TenantScope): Promise<StoredActivity[]> {
  const rows = await scope.selectFrom('rgpd_traitement').select(activityColumns).orderBy('id').execute();
  return rows.map((r) => ({ ...r, modifie: r.modifie === 1, actif: r.actif === 1 }));
}

export async function insertActivity(scope: TenantScope, a: Activity, now: string): Promise<void> {
  await scope.insertInto('rgpd_traitement', { ...a, modifie: 0, actif: 1, created_at: now, updated_at: now }).execute();
}

export async function updateActivity(
  scope: TenantScope,
  id: number,
  a: Omit<Activity, 'cle'>,
  modifie: boolean,
  now: string,
): Promise<boolean> {
  const { nom, finalite, base_legale, personnes, donnees, destinataires, conservation, securite, transferts } = a;
  const res = await scope
    .updateTable('rgpd_traitement')
    .set({
      nom,
      finalite,
      base_legale,
      personnes,
      donnees,
      destinataires,
      conservation,
      securite,
      transferts,
      ...(modifie ? { modifie: 1 } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setActive(scope: TenantScope, ids: number[], actif: boolean, now: string): Promise<void> {
  if (ids.length === 0) return;
  await scope
    .updateTable('rgpd_traitement')
    .set({ actif: actif ? 1 : 0, updated_at: now })
    .where('id', 'in', ids)
    .execute();
}

export async function listRetentionSettings(scope: TenantScope): Promise<Map<string, Retention>> {
  const rows = await scope.selectFrom('rgpd_conservation').select(['categorie', 'duree', 'archive']).execute();
  return new Map(rows.map((r) => [r.categorie, { duree: r.duree, archive: r.archive === 1 }]));
}

export async function saveRetention(scope: TenantScope, categorie: string, r: Retention, now: string): Promise<void> {
  const row = { duree: r.duree, archive: r.archive ? 1 : 0, updated_at: now };
  const res = await scope
    .updateTable('rgpd_conservation')
    .set(row)
    .where('categorie', '=', categorie)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) await scope.insertInto('rgpd_conservation', { categorie, ...row }).execute();
}

export type BordereauStatut = 'a_viser' | 'vise' | 'execute';

export interface Bordereau {
  id: number;
  categorie: string;
  libelle: string;
  archive: boolean;
  statut: BordereauStatut;
  nbItems: number;
  createdAt: string;
  visaDate: string | null;
  visaService: string | null;
  visaReference: string | null;
  executedAt: string | null;
}

const bordereauColumns = [
  'id',
  'categorie',
  'libelle',
  'archive',
  'statut',
  'nb_items',
  'created_at',
  'visa_date',
  'visa_service',
  'visa_reference',
  'executed_at',
] as const;

type BordereauRow = {
  id: number;
  categorie: string;
  libelle: string;
  archive: number;
  statut: string;
  nb_items: number;
  created_at: string;
  visa_date: string | null;
  visa_service: string | null;
  visa_reference: string | null;
  executed_at: string | null;
};

const toBordereau = (r: BordereauRow): Bordereau => ({
  id: r.id,
  categorie: r.categorie,
  libelle: r.libelle,
  archive: r.archive === 1,
  statut: r.statut as BordereauStatut,
  nbItems: r.nb_items,
  createdAt: r.created_at,
  visaDate: r.visa_date,
  visaService: r.visa_service,
  visaReference: r.visa_reference,
  executedAt: r.executed_at,
});

export async function listBordereaux(scope: TenantScope, limit = 200): Promise<Bordereau[]> {
  const rows = await scope
    .selectFrom('rgpd_bordereau')
    .select(bordereauColumns)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toBordereau);
}

export async function findBordereau(scope: TenantScope, id: number): Promise<Bordereau | null> {
  const row = await scope.selectFrom('rgpd_bordereau').select(bordereauColumns).where('id', '=', id).executeTakeFirst();
  return row ? toBordereau(row) : null;
}

export async function listBordereauxByStatut(scope: TenantScope, statut: BordereauStatut): Promise<Bordereau[]> {
  const rows = await scope
    .selectFrom('rgpd_bordereau')
    .select(bordereauColumns)
    .where('statut', '=', statut)
    .orderBy('id')
    .execute();
  return rows.map(toBordereau);
}

export interface NewItem {
  objetType: string;
  objetId: number;
  libelle: string;
  echeance: string;
}

export async function insertBordereau(
  scope: TenantScope,
  b: { categorie: string; libelle: string; archive: boolean; statut: BordereauStatut; items: NewItem[]; now: string },
): Promise<number> {
  const { id } = await scope
    .insertInto('rgpd_bordereau', {
      categorie: b.categorie,
      libelle: b.libelle,
      archive: b.archive ? 1 : 0,
      statut: b.statut,
      nb_items: b.items.length,
      created_at: b.now,
      executed_at: b.statut === 'execute' ? b.now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const eliminated = b.statut === 'execute' ? b.now : null;
  for (let i = 0; i < b.items.length; i += 200) {
    await scope
      .insertInto(
        'rgpd_elimination',
        b.items.slice(i, i + 200).map((it) => ({
          bordereau_id: id,
          objet_type: it.objetType,
          objet_id: it.objetId,
          libelle: it.libelle,
          echeance: it.echeance,
          eliminated_at: eliminated,
        })),
      )
      .execute();
  }
  return id;
}

export interface Item {
  id: number;
  objetType: string;
  objetId: number;
  libelle: string;
  echeance: string;
  eliminatedAt: string | null;
}

export async function listItems(scope: TenantScope, bordereauId: number): Promise<Item[]> {
  const rows = await scope
    .selectFrom('rgpd_elimination')
    .select(['id', 'objet_type', 'objet_id', 'libelle', 'echeance', 'eliminated_at'])
    .where('bordereau_id', '=', bordereauId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    objetType: r.objet_type,
    objetId: r.objet_id,
    libelle: r.libelle,
    echeance: r.echeance,
    eliminatedAt: r.eliminated_at,
  }));
}

/** Ids of the objects of a type already listed on a bordereau. */
export async function listedObjectIds(scope: TenantScope, objetType: string): Promise<Set<number>> {
  const rows = await scope
    .selectFrom('rgpd_elimination')
    .select('objet_id')
    .where('objet_type', '=', objetType)
    .execute();
  return new Set(rows.map((r) => r.objet_id));
}

/** Records the archives service's visa: only a bordereau still awaiting it (compare-and-set). */
export async function recordVisa(
  scope: TenantScope,
  id: number,
  v: { date: string; service: string; reference: string; userId: number | null },
): Promise<boolean> {
  const res = await scope
    .updateTable('rgpd_bordereau')
    .set({
      statut: 'vise',
      visa_date: v.date,
      visa_service: v.service,
      visa_reference: v.reference,
      visa_user_id: v.userId,
    })
    .where('id', '=', id)
    .where('statut', '=', 'a_viser')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Marks a visaed bordereau executed (compare-and-set: one runner only). */
export async function markExecuted(scope: TenantScope, id: number, now: string): Promise<boolean> {
  const res = await scope
    .updateTable('rgpd_bordereau')
    .set({ statut: 'execute', executed_at: now })
    .where('id', '=', id)
    .where('statut', '=', 'vise')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await scope.updateTable('rgpd_elimination').set({ eliminated_at: now }).where('bordereau_id', '=', id).execute();
  return true;
}
