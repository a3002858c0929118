import { stringify } from 'csv-stringify/sync';
import type { Restaurant } from './cantine.repo.js';
import {
  ALLERGENS,
  COURSES,
  entryOf,
  ID_TYPES,
  LABELS,
  PRECISION_MENU_VEGETARIEN,
  REPAS,
  RESTAURANT_TYPES,
  SCDL_REGIME_VEGETARIEN,
} from './cantine.rules.js';
import type { Menu } from './menus.repo.js';

/**
 * The SCDL "menus-collectifs" open-data file, version 1.2.3 (schema.data.gouv.fr): one row per
 * dish per day, the columns in the schema's order. The schema gives no dialect, so the file uses
 * the Table Schema default: comma-separated, double quotes, UTF-8 without BOM. Arrays are JSON
 * (`["lait","oeufs"]`); an empty cell is a missing value. Pure.
 */

export const SCDL_COLUMNS = [
  'menuCollNom',
  'menuCollSiret',
  'menuEtablissementNom',
  'menuEtablissementSiret',
  'menuRestaurantNom',
  'menuRestaurantInsee',
  'menuRestaurantId',
  'menuRestaurantIdType',
  'menuRestaurantType',
  'menuRestaurantConvive',
  'menuDate',
  'menuRepasType',
  'menuPlatType',
  'menuPlatNom',
  'menuPlatCode',
  'menuPlatSiqo',
  'menuPlatLabel',
  'menuPlatPrecision',
  'menuPlatRegime',
  'menuPlatAllergene',
  'menuPlatTexture',
  'menuPlatNutriscore',
  'menuPlatPrix',
  'menuPublicationDate',
  'menuModificationDate',
  'menuModificationInfo',
] as const;
export type ScdlColumn = (typeof SCDL_COLUMNS)[number];
export type ScdlRecord = Record<ScdlColumn, string>;

/** Who publishes the file: the commune (SCDL menuColl*). */
export interface ScdlProducer {
  nom: string;
  siret: string;
  insee: string;
}

/** Table Schema's default datetime format has no milliseconds: "2026-11-28T18:17:00Z". */
export const scdlDatetime = (iso: string): string => `${new Date(iso).toISOString().slice(0, 19)}Z`;

const jsonArray = (values: readonly string[]) => (values.length === 0 ? '' : JSON.stringify(values));

/** One record per dish of each menu, in the menus' order. */
export function menusToScdlRecords(
  producer: ScdlProducer,
  restaurants: readonly Restaurant[],
  menus: readonly Menu[],
): ScdlRecord[] {
  const records: ScdlRecord[] = [];
  for (const menu of menus) {
    const r = restaurants.find((x) => x.id === menu.restaurantId);
    if (!r) continue;
    const precision = [menu.vegetarien ? PRECISION_MENU_VEGETARIEN : '', menu.precision].filter(Boolean).join(';');
    for (const plat of menu.plats) {
      const labels = LABELS.filter((l) => plat.labels.includes(l.code));
      records.push({
        menuCollNom: producer.nom,
        menuCollSiret: producer.siret,
        menuEtablissementNom: r.etablissementNom,
        menuEtablissementSiret: r.etablissementSiret ?? '',
        menuRestaurantNom: r.nom,
        menuRestaurantInsee: producer.insee,
        menuRestaurantId: r.identifiant ?? '',
        menuRestaurantIdType: entryOf(ID_TYPES, r.idType)?.scdl ?? 'sans',
        menuRestaurantType: entryOf(RESTAURANT_TYPES, r.type)?.scdl ?? 'autre',
        menuRestaurantConvive: r.convives,
        menuDate: menu.date,
        menuRepasType: entryOf(REPAS, menu.repas)?.scdl ?? 'autre',
        menuPlatType: entryOf(COURSES, plat.type)?.scdl ?? 'autre',
        menuPlatNom: plat.nom,
        menuPlatCode: String(plat.id),
        menuPlatSiqo: jsonArray(labels.flatMap((l) => (l.siqo ? [l.siqo] : []))),
        menuPlatLabel: labels
          .filter((l) => !l.siqo)
          .map((l) => l.label)
          .join(';'),
        menuPlatPrecision: precision,
        menuPlatRegime: plat.vegetarien ? jsonArray([SCDL_REGIME_VEGETARIEN]) : '',
        // "[]" says the dish holds none of the 14 allergens; an empty cell, that nobody said.
        menuPlatAllergene: plat.allergenesRenseignes ? JSON.stringify(scdlAllergens(plat.allergenes)) : '',
        menuPlatTexture: '',
        menuPlatNutriscore: '',
        menuPlatPrix: '',
        menuPublicationDate: scdlDatetime(menu.publishedAt),
        menuModificationDate: menu.updatedAt !== menu.publishedAt ? scdlDatetime(menu.updatedAt) : '',
        menuModificationInfo: '',
      });
    }
  }
  return records;
}

const scdlAllergens = (codes: readonly string[]) => ALLERGENS.filter((a) => codes.includes(a.code)).map((a) => a.scdl);

/** The CSV text: header row, then the records. */
export function toScdlCsv(records: readonly ScdlRecord[]): string {
  return stringify(records as ScdlRecord[], {
    header: true,
    columns: [...SCDL_COLUMNS],
    delimiter: ',',
    record_delimiter: 'unix',
  });
}
