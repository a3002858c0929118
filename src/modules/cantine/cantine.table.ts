import type { Generated, Insertable, Selectable } from 'kysely';

/** A restaurant of the commune where meals are served (a school canteen, a centre de loisirs…). */
export interface CantineRestaurantTable {
  id: Generated<number>;
  commune_id: number;
  nom: string;
  /** textKey(nom): two restaurants of a commune may not share it. */
  nom_cle: string;
  /** RestaurantTypeCode */
  type: string;
  /** IdTypeCode: how `identifiant` reads (SIRET, UAI…). */
  id_type: string;
  identifiant: string | null;
  /** Who eats there (SCDL menuRestaurantConvive), "tous" by default. */
  convives: string;
  /** Who cooks the meals: the commune's own kitchen or a supplier (SCDL menuEtablissement*). */
  etablissement_nom: string;
  etablissement_siret: string | null;
  position: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A dish, reused from week to week. */
export interface CantinePlatTable {
  id: Generated<number>;
  commune_id: number;
  nom: string;
  /** textKey(nom): unique per course. */
  nom_cle: string;
  /** CourseCode */
  type: string;
  /** JSON array of AllergenCode. */
  allergenes: string;
  /** 0 while nobody has said which allergens the dish holds (a dish typed in the week form). */
  allergenes_renseignes: number;
  /** JSON array of LabelCode. */
  labels: string;
  vegetarien: number;
  created_at: string;
  updated_at: string;
}

/** A meal served in a restaurant on a day. */
export interface CantineMenuTable {
  id: Generated<number>;
  commune_id: number;
  restaurant_id: number;
  /** YYYY-MM-DD */
  date: string;
  /** RepasCode */
  repas: string;
  /** The week's vegetarian menu (Code rural L230-5-6). */
  vegetarien: number;
  /** A note on the whole meal: "Repas de Noël", "Semaine du goût". */
  precision: string;
  published_at: string;
  updated_at: string;
}

/** The dishes of a menu, in order. */
export interface CantineMenuPlatTable {
  id: Generated<number>;
  commune_id: number;
  menu_id: number;
  plat_id: number;
  position: number;
}

/** Purchases of a year, entered by the commune, from which the EGalim shares are computed. */
export interface CantineEgalimTable {
  id: Generated<number>;
  commune_id: number;
  annee: number;
  /** Cents, excluding VAT. */
  achats_total: number;
  achats_durables: number;
  achats_bio: number;
  updated_at: string;
}

export type RestaurantRow = Selectable<CantineRestaurantTable>;
export type NewRestaurantRow = Omit<Insertable<CantineRestaurantTable>, 'commune_id'>;
export type PlatRow = Selectable<CantinePlatTable>;
export type MenuRow = Selectable<CantineMenuTable>;
