import { preparedRead, type TenantScope } from '../../core/tenancy/index.js';
import {
  ALLERGENS,
  type AllergenCode,
  type CourseCode,
  type IdTypeCode,
  LABELS,
  type LabelCode,
  type RestaurantTypeCode,
  textKey,
} from './cantine.rules.js';
import type { PlatRow, RestaurantRow } from './cantine.table.js';
import type { EgalimAmounts } from './egalim.rules.js';

/** Restaurants, dishes and EGalim years of a commune. Rows are mapped to domain types here. */

export interface Restaurant {
  id: number;
  nom: string;
  type: RestaurantTypeCode;
  idType: IdTypeCode;
  identifiant: string | null;
  convives: string;
  etablissementNom: string;
  etablissementSiret: string | null;
  position: number;
}

export type RestaurantInput = Omit<Restaurant, 'id' | 'position'>;

export interface Plat {
  id: number;
  nom: string;
  type: CourseCode;
  allergenes: AllergenCode[];
  allergenesRenseignes: boolean;
  labels: LabelCode[];
  vegetarien: boolean;
}

export type PlatInput = Omit<Plat, 'id'>;

export interface EgalimYear extends EgalimAmounts {
  annee: number;
  updatedAt: string;
}

const restaurantColumns = [
  'id',
  'nom',
  'type',
  'id_type',
  'identifiant',
  'convives',
  'etablissement_nom',
  'etablissement_siret',
  'position',
] as const;

const toRestaurant = (r: Pick<RestaurantRow, (typeof restaurantColumns)[number]>): Restaurant => ({
  id: r.id,
  nom: r.nom,
  type: r.type as RestaurantTypeCode,
  idType: r.id_type as IdTypeCode,
  identifiant: r.identifiant,
  convives: r.convives,
  etablissementNom: r.etablissement_nom,
  etablissementSiret: r.etablissement_siret,
  position: r.position,
});

function codesFromJson<T extends { code: string }>(list: readonly T[], text: string): T['code'][] {
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? list.filter((x) => value.includes(x.code)).map((x) => x.code) : [];
  } catch {
    return [];
  }
}

export const platColumns = [
  'cantine_plat.id',
  'cantine_plat.nom',
  'cantine_plat.type',
  'cantine_plat.allergenes',
  'cantine_plat.allergenes_renseignes',
  'cantine_plat.labels',
  'cantine_plat.vegetarien',
] as const;

export const toPlat = (
  r: Pick<PlatRow, 'id' | 'nom' | 'type' | 'allergenes' | 'allergenes_renseignes' | 'labels' | 'vegetarien'>,
): Plat => ({
  id: r.id,
  nom: r.nom,
  type: r.type as CourseCode,
  allergenes: codesFromJson(ALLERGENS, r.allergenes),
  allergenesRenseignes: r.allergenes_renseignes === 1,
  labels: codesFromJson(LABELS, r.labels),
  vegetarien: r.vegetarien === 1,
});

const restaurantValues = (v: RestaurantInput, now: string) => ({
  nom: v.nom,
  nom_cle: textKey(v.nom),
  type: v.type,
  id_type: v.idType,
  identifiant: v.identifiant,
  convives: v.convives,
  etablissement_nom: v.etablissementNom,
  etablissement_siret: v.etablissementSiret,
  updated_at: now,
});

/** Read on every public page (whether the menu shows « Cantine »): built once. */
const restaurants = preparedRead<Record<string, never>, Pick<RestaurantRow, (typeof restaurantColumns)[number]>>(
  (scope) => scope.selectFrom('cantine_restaurant').select(restaurantColumns).orderBy('position').orderBy('id'),
);

export async function listRestaurants(scope: TenantScope): Promise<Restaurant[]> {
  return (await restaurants(scope, {})).map(toRestaurant);
}

export async function findRestaurant(scope: TenantScope, id: number): Promise<Restaurant | undefined> {
  const r = await scope
    .selectFrom('cantine_restaurant')
    .select(restaurantColumns)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toRestaurant(r);
}

/** Another restaurant of the commune with this name (any case and accents), if any. */
export async function restaurantNameTaken(scope: TenantScope, nom: string, exceptId: number | null): Promise<boolean> {
  let q = scope.selectFrom('cantine_restaurant').select('id').where('nom_cle', '=', textKey(nom));
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertRestaurant(scope: TenantScope, v: RestaurantInput, now: string): Promise<number> {
  const max = await scope
    .selectFrom('cantine_restaurant')
    .select((eb) => eb.fn.max<number>('position').as('p'))
    .executeTakeFirst();
  const r = await scope
    .insertInto('cantine_restaurant', { ...restaurantValues(v, now), position: (max?.p ?? -1) + 1, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateRestaurant(scope: TenantScope, id: number, v: RestaurantInput, now: string) {
  await scope.updateTable('cantine_restaurant').set(restaurantValues(v, now)).where('id', '=', id).execute();
}

export async function deleteRestaurant(scope: TenantScope, id: number): Promise<void> {
  await scope.deleteFrom('cantine_restaurant').where('id', '=', id).execute();
}

export async function listPlats(scope: TenantScope): Promise<Plat[]> {
  const rows = await scope.selectFrom('cantine_plat').select(platColumns).orderBy('nom_cle').execute();
  return rows.map(toPlat);
}

export async function findPlat(scope: TenantScope, id: number): Promise<Plat | undefined> {
  const r = await scope.selectFrom('cantine_plat').select(platColumns).where('id', '=', id).executeTakeFirst();
  return r && toPlat(r);
}

/** The dish of this course with this name (any case and accents), if any. */
export async function findPlatByName(scope: TenantScope, type: CourseCode, nom: string): Promise<Plat | undefined> {
  const r = await scope
    .selectFrom('cantine_plat')
    .select(platColumns)
    .where('type', '=', type)
    .where('nom_cle', '=', textKey(nom))
    .executeTakeFirst();
  return r && toPlat(r);
}

const platValues = (v: PlatInput, now: string) => ({
  nom: v.nom,
  nom_cle: textKey(v.nom),
  type: v.type,
  allergenes: JSON.stringify(v.allergenes),
  allergenes_renseignes: v.allergenesRenseignes ? 1 : 0,
  labels: JSON.stringify(v.labels),
  vegetarien: v.vegetarien ? 1 : 0,
  updated_at: now,
});

export async function insertPlat(scope: TenantScope, v: PlatInput, now: string): Promise<Plat> {
  const r = await scope
    .insertInto('cantine_plat', { ...platValues(v, now), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...v, id: r.id };
}

export async function updatePlat(scope: TenantScope, id: number, v: PlatInput, now: string): Promise<void> {
  await scope.updateTable('cantine_plat').set(platValues(v, now)).where('id', '=', id).execute();
}

const egalimColumns = ['annee', 'achats_total', 'achats_durables', 'achats_bio', 'updated_at'] as const;

const toEgalim = (r: {
  annee: number;
  achats_total: number;
  achats_durables: number;
  achats_bio: number;
  updated_at: string;
}): EgalimYear => ({
  annee: r.annee,
  totalCents: Number(r.achats_total),
  durableCents: Number(r.achats_durables),
  bioCents: Number(r.achats_bio),
  updatedAt: r.updated_at,
});

export async function listEgalim(scope: TenantScope): Promise<EgalimYear[]> {
  const rows = await scope.selectFrom('cantine_egalim').select(egalimColumns).orderBy('annee', 'desc').execute();
  return rows.map(toEgalim);
}

/** The latest year entered up to `year` included. */
export async function latestEgalim(scope: TenantScope, year: number): Promise<EgalimYear | undefined> {
  const r = await scope
    .selectFrom('cantine_egalim')
    .select(egalimColumns)
    .where('annee', '<=', year)
    .orderBy('annee', 'desc')
    .executeTakeFirst();
  return r && toEgalim(r);
}

/** Inserts or replaces the amounts of a year; returns whether the year existed. */
export async function saveEgalimYear(scope: TenantScope, annee: number, a: EgalimAmounts, now: string) {
  const values = {
    achats_total: a.totalCents,
    achats_durables: a.durableCents,
    achats_bio: a.bioCents,
    updated_at: now,
  };
  const updated = await scope.updateTable('cantine_egalim').set(values).where('annee', '=', annee).executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return true;
  await scope.insertInto('cantine_egalim', { ...values, annee }).execute();
  return false;
}
