/**
 * Pure code lists of the canteen: courses, allergens, quality labels, kinds of meal and of
 * restaurant. Each code carries its French label and, where the SCDL menus-collectifs schema (1.2.3)
 * has an enum, the exact value of that enum. No clock, no I/O.
 */

/** Courses of a menu, in the order they are served (SCDL `menuPlatType`). */
export const COURSES = [
  { code: 'entree', label: 'Entrée', scdl: 'entrée' },
  { code: 'plat', label: 'Plat principal', scdl: 'plat principal' },
  { code: 'garniture', label: 'Garniture', scdl: 'garniture' },
  { code: 'laitier', label: 'Produit laitier', scdl: 'produit laitier' },
  { code: 'dessert', label: 'Dessert', scdl: 'dessert' },
  { code: 'pain', label: 'Pain', scdl: 'pain' },
  { code: 'autre', label: 'Autre', scdl: 'autre' },
] as const;
export type CourseCode = (typeof COURSES)[number]['code'];

/**
 * The 14 allergens of Regulation (EU) 1169/2011 annex II, in its order; `scdl` is the value of the
 * schema's `menuPlatAllergene` enum (written "oeufs", "fruits à coques" there).
 */
export const ALLERGENS = [
  {
    code: 'gluten',
    label: 'Gluten',
    legal:
      'Céréales contenant du gluten (blé, seigle, orge, avoine, épeautre, kamut ou leurs souches hybridées) et produits à base de ces céréales',
    scdl: 'céréales contenant du gluten',
  },
  { code: 'crustaces', label: 'Crustacés', legal: 'Crustacés et produits à base de crustacés', scdl: 'crustacés' },
  { code: 'oeufs', label: 'Œufs', legal: 'Œufs et produits à base d’œufs', scdl: 'oeufs' },
  { code: 'poissons', label: 'Poisson', legal: 'Poissons et produits à base de poissons', scdl: 'poissons' },
  { code: 'arachides', label: 'Arachide', legal: 'Arachides et produits à base d’arachides', scdl: 'arachides' },
  { code: 'soja', label: 'Soja', legal: 'Soja et produits à base de soja', scdl: 'soja' },
  { code: 'lait', label: 'Lait', legal: 'Lait et produits à base de lait (y compris le lactose)', scdl: 'lait' },
  {
    code: 'fruits_a_coque',
    label: 'Fruits à coque',
    legal:
      'Fruits à coque (amandes, noisettes, noix, noix de cajou, noix de pécan, noix du Brésil, pistaches, noix de Macadamia ou du Queensland) et produits à base de ces fruits',
    scdl: 'fruits à coques',
  },
  { code: 'celeri', label: 'Céleri', legal: 'Céleri et produits à base de céleri', scdl: 'céleri' },
  { code: 'moutarde', label: 'Moutarde', legal: 'Moutarde et produits à base de moutarde', scdl: 'moutarde' },
  {
    code: 'sesame',
    label: 'Sésame',
    legal: 'Graines de sésame et produits à base de graines de sésame',
    scdl: 'graines de sésame',
  },
  {
    code: 'sulfites',
    label: 'Sulfites',
    legal: 'Anhydride sulfureux et sulfites en concentrations de plus de 10 mg/kg ou 10 mg/litre (exprimés en SO2)',
    scdl: 'anhydride sulfureux et sulfites',
  },
  { code: 'lupin', label: 'Lupin', legal: 'Lupin et produits à base de lupin', scdl: 'lupin' },
  { code: 'mollusques', label: 'Mollusques', legal: 'Mollusques et produits à base de mollusques', scdl: 'mollusques' },
] as const;
export type AllergenCode = (typeof ALLERGENS)[number]['code'];

/**
 * Quality labels counted by EGalim (Code rural L230-5-1). The official signs (SIQO) are the
 * `menuPlatSiqo` enum of the schema; the other mentions go to its free `menuPlatLabel` column.
 */
export const LABELS = [
  { code: 'bio', abbr: 'AB', label: 'Agriculture biologique', siqo: 'agriculture biologique' },
  { code: 'label_rouge', abbr: 'LR', label: 'Label Rouge', siqo: 'label rouge' },
  { code: 'aop', abbr: 'AOP', label: 'Appellation d’origine protégée', siqo: "appellation d'origine protégée" },
  { code: 'aoc', abbr: 'AOC', label: 'Appellation d’origine contrôlée', siqo: "appellation d'origine contrôlée" },
  { code: 'igp', abbr: 'IGP', label: 'Indication géographique protégée', siqo: 'indication géographique protégée' },
  { code: 'stg', abbr: 'STG', label: 'Spécialité traditionnelle garantie', siqo: 'spécialité traditionnelle garantie' },
  { code: 'hve', abbr: 'HVE', label: 'Haute valeur environnementale', siqo: null },
  { code: 'fermier', abbr: 'Fermier', label: 'Produit fermier', siqo: null },
  { code: 'peche_durable', abbr: 'Pêche durable', label: 'Écolabel Pêche durable', siqo: null },
  { code: 'rup', abbr: 'RUP', label: 'Région ultrapériphérique', siqo: null },
] as const;
export type LabelCode = (typeof LABELS)[number]['code'];

/** Kinds of meal (SCDL `menuRepasType`). The week form edits the lunch; imports may bring the others. */
export const REPAS = [
  { code: 'dejeuner', label: 'Déjeuner', scdl: 'déjeuner' },
  { code: 'petit_dejeuner', label: 'Petit-déjeuner', scdl: 'petit-déjeuner' },
  { code: 'gouter', label: 'Goûter', scdl: 'goûter' },
  { code: 'diner', label: 'Dîner', scdl: 'dîner' },
  { code: 'collation', label: 'Collation', scdl: 'collation' },
  { code: 'pique_nique', label: 'Pique-nique', scdl: 'pique-nique' },
  { code: 'autre', label: 'Autre repas', scdl: 'autre' },
] as const;
export type RepasCode = (typeof REPAS)[number]['code'];

/** Kinds of restaurant (SCDL `menuRestaurantType`). */
export const RESTAURANT_TYPES = [
  { code: 'creche', label: 'Crèche', scdl: 'crèche' },
  { code: 'maternelle', label: 'École maternelle', scdl: 'maternelle' },
  { code: 'elementaire', label: 'École élémentaire', scdl: 'élémentaire' },
  { code: 'college', label: 'Collège', scdl: 'collège' },
  { code: 'lycee', label: 'Lycée', scdl: 'lycée' },
  { code: 'universite', label: 'Université', scdl: 'université' },
  { code: 'centre_formation', label: 'Centre de formation', scdl: 'centre de formation' },
  { code: 'administration', label: 'Restaurant administratif', scdl: 'administration' },
  { code: 'residence_senior', label: 'Résidence pour seniors', scdl: 'résidence sénior' },
  { code: 'ehpad', label: 'EHPAD', scdl: 'EHPAD' },
  { code: 'repas_domicile', label: 'Portage de repas à domicile', scdl: 'repas à domicile' },
  { code: 'centre_loisirs', label: 'Centre de loisirs', scdl: 'centre de loisirs' },
  { code: 'restaurant_entreprise', label: 'Restaurant d’entreprise', scdl: "restaurant d'entreprise" },
  { code: 'autre', label: 'Autre', scdl: 'autre' },
] as const;
export type RestaurantTypeCode = (typeof RESTAURANT_TYPES)[number]['code'];

/** How a restaurant is identified (SCDL `menuRestaurantIdType`). */
export const ID_TYPES = [
  { code: 'sans', label: 'Aucun identifiant', scdl: 'sans' },
  { code: 'siret', label: 'Numéro SIRET', scdl: 'SIRET' },
  { code: 'uai', label: 'Code UAI de l’école (Éducation nationale)', scdl: 'EN' },
  { code: 'autre', label: 'Identifiant interne', scdl: 'autre' },
] as const;
export type IdTypeCode = (typeof ID_TYPES)[number]['code'];

/** Values of the schema's `menuPlatRegime` enum we write; "sans porc " keeps the schema's trailing space. */
export const SCDL_REGIME_VEGETARIEN = 'végétarien';
export const SCDL_REGIMES = ['végétarien', 'sans sel', 'sans porc ', 'sans sucre ajouté'] as const;

/** Written in `menuPlatPrecision` for every dish of the week's vegetarian menu (L230-5-6). */
export const PRECISION_MENU_VEGETARIEN = 'menu végétarien';

type Coded = { readonly code: string };
const codesOf = <T extends Coded>(list: readonly T[]) => list.map((x) => x.code) as [T['code'], ...T['code'][]];

export const COURSE_CODES = codesOf(COURSES);
export const ALLERGEN_CODES = codesOf(ALLERGENS);
export const LABEL_CODES = codesOf(LABELS);
export const REPAS_CODES = codesOf(REPAS);
export const RESTAURANT_TYPE_CODES = codesOf(RESTAURANT_TYPES);
export const ID_TYPE_CODES = codesOf(ID_TYPES);

/** The entry of a code list, by code. */
export function entryOf<T extends Coded>(list: readonly T[], code: string): T | undefined {
  return list.find((x) => x.code === code);
}

export const courseLabel = (code: string): string => entryOf(COURSES, code)?.label ?? code;
export const repasLabel = (code: string): string => entryOf(REPAS, code)?.label ?? code;
export const courseRank = (code: string): number => {
  const i = COURSES.findIndex((c) => c.code === code);
  return i < 0 ? COURSES.length : i;
};

/** Keeps the codes that belong to the list, in the list's order, without duplicates. */
export function knownCodes<T extends Coded>(list: readonly T[], codes: readonly string[]): T['code'][] {
  return list.filter((x) => codes.includes(x.code)).map((x) => x.code);
}

/**
 * Comparison key of a free text (a dish or restaurant name, a value typed in a supplier's file):
 * case, accents, "œ" and repeated spaces do not matter.
 */
export function textKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The code whose SCDL value (or label, or code) matches a value read from a file, leniently. */
export function codeFromScdl<T extends Coded & { scdl: string }>(list: readonly T[], value: string): T['code'] | null {
  const key = textKey(value);
  if (key === '') return null;
  return list.find((x) => textKey(x.scdl) === key || textKey(x.code) === key)?.code ?? null;
}

/** A label from a SIQO value or from a free mention ("HVE", "Label Rouge", "produit fermier"…). */
export function labelFromText(value: string): LabelCode | null {
  const key = textKey(value);
  if (key === '') return null;
  const found = LABELS.find(
    (l) => textKey(l.abbr) === key || textKey(l.label) === key || (l.siqo !== null && textKey(l.siqo) === key),
  );
  return found?.code ?? null;
}

/** Public text of a dish's allergens: "gluten, lait", or why there is none to show. */
export function allergensText(codes: readonly string[], known: boolean): string {
  if (!known) return 'non renseignés, demandez au restaurant';
  const labels = ALLERGENS.filter((a) => codes.includes(a.code)).map((a) => a.label.toLowerCase());
  return labels.length === 0 ? 'aucun allergène à déclarer' : labels.join(', ');
}
