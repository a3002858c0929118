import { CsvError, parse } from 'csv-parse/sync';
import { isIsoDate } from '../../core/paris-time.js';
import {
  ALLERGENS,
  type AllergenCode,
  COURSES,
  type CourseCode,
  codeFromScdl,
  LABELS,
  type LabelCode,
  labelFromText,
  PRECISION_MENU_VEGETARIEN,
  REPAS,
  type RepasCode,
  SCDL_REGIME_VEGETARIEN,
  SCDL_REGIMES,
  textKey,
} from './cantine.rules.js';

/**
 * Reads a supplier's file in the SCDL menus-collectifs format (comma or semicolon separated, as
 * spreadsheets save it) into menus, or into the list of what is wrong, line by line. Pure.
 */

export const MAX_IMPORT_LINES = 5000;

/** Columns the import needs; the schema's other columns are accepted and not read. */
const NEEDED = ['menuRestaurantNom', 'menuDate', 'menuRepasType', 'menuPlatType', 'menuPlatNom'] as const;

export interface ImportProblem {
  /** Line of the file (the header is line 1); null for the whole file. */
  line: number | null;
  column: string | null;
  message: string;
}

export interface ImportDish {
  line: number;
  type: CourseCode;
  nom: string;
  /** null when the file does not say (empty cell). */
  allergenes: AllergenCode[] | null;
  labels: LabelCode[];
  vegetarien: boolean;
}

export interface ImportMenu {
  restaurantId: number;
  date: string;
  repas: RepasCode;
  vegetarien: boolean;
  precision: string;
  plats: ImportDish[];
}

export type ImportParse = { ok: true; menus: ImportMenu[]; lines: number } | { ok: false; problems: ImportProblem[] };

const CSV_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'un guillemet ouvert n’est jamais fermé',
  CSV_INVALID_CLOSING_QUOTE: 'un guillemet est mal placé au milieu d’une valeur',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'le nombre de colonnes varie d’une ligne à l’autre',
};

/** The separator of the header line: a semicolon when it has more of them than commas. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

type RawRecord = { record: string[]; info: { lines: number } };

function readCsv(text: string): RawRecord[] | ImportProblem {
  try {
    return parse(text, {
      delimiter: delimiterOf(text),
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // `["lait"]` typed without surrounding quotes, as a spreadsheet may save it.
      relax_quotes: true,
    }) as unknown as RawRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? null;
    const why = CSV_MESSAGES[error.code] ?? 'il ne peut pas être lu comme un tableau CSV';
    return { line, column: null, message: `Le fichier n’est pas un CSV valide : ${why}.` };
  }
}

/** A JSON array cell (`["lait","oeufs"]`) → its strings, or a French reason. Empty cell → null. */
function readArray(cell: string): string[] | null | { error: string } {
  if (cell.trim() === '') return null;
  try {
    const value = JSON.parse(cell) as unknown;
    if (Array.isArray(value) && value.every((x) => typeof x === 'string')) return value as string[];
  } catch {
    // reported below
  }
  return { error: `« ${cell} » n’est pas une liste au format ["valeur 1","valeur 2"].` };
}

interface LineContext {
  line: number;
  problems: ImportProblem[];
}

function arrayOf<T extends string>(
  lc: LineContext,
  column: string,
  cell: string,
  read: (value: string) => T | null,
  what: string,
): T[] | null {
  const values = readArray(cell);
  if (values === null) return null;
  if (!Array.isArray(values)) {
    lc.problems.push({ line: lc.line, column, message: values.error });
    return [];
  }
  const codes: T[] = [];
  for (const v of values) {
    const code = read(v);
    if (code === null) lc.problems.push({ line: lc.line, column, message: `« ${v} » n’est pas ${what}.` });
    else if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

type ImportRow = {
  restaurantId: number;
  date: string;
  repas: RepasCode;
  menuVegetarien: boolean;
  precision: string;
  dish: ImportDish;
};

type Cell = (name: string) => string;

/** Where and what a line serves: restaurant, day, meal, course and dish name. */
function readWhat(lc: LineContext, cell: Cell, restaurants: readonly { id: number; nom: string }[]) {
  const problem = (column: string, message: string) => lc.problems.push({ line: lc.line, column, message });
  const nomRestaurant = cell('menuRestaurantNom').trim();
  const restaurant = restaurants.find((r) => textKey(r.nom) === textKey(nomRestaurant));
  if (nomRestaurant === '') problem('menuRestaurantNom', 'Le nom du restaurant est vide.');
  else if (!restaurant) {
    problem('menuRestaurantNom', `« ${nomRestaurant} » n’est le nom d’aucun restaurant de la commune.`);
  }
  const date = cell('menuDate').trim();
  if (!isIsoDate(date)) problem('menuDate', `« ${date} » n’est pas une date au format AAAA-MM-JJ.`);
  const repas = codeFromScdl(REPAS, cell('menuRepasType'));
  if (!repas) problem('menuRepasType', `« ${cell('menuRepasType')} » n’est pas un type de repas du schéma.`);
  const type = codeFromScdl(COURSES, cell('menuPlatType'));
  if (!type) problem('menuPlatType', `« ${cell('menuPlatType')} » n’est pas un type de plat du schéma.`);
  const nom = cell('menuPlatNom').replace(/\s+/g, ' ').trim();
  if (nom === '') problem('menuPlatNom', 'Le nom du plat est vide.');
  else if (nom.length > 160) problem('menuPlatNom', 'Le nom du plat dépasse 160 caractères.');
  return restaurant && repas && type ? { restaurantId: restaurant.id, date, repas, type, nom } : null;
}

const isVegMark = (p: string) => textKey(p) === textKey(PRECISION_MENU_VEGETARIEN);

/** What a line says of its dish (allergens, labels, diet) and of its menu (vegetarian mark, note). */
function readDetails(lc: LineContext, cell: Cell) {
  const allergenes = arrayOf(
    lc,
    'menuPlatAllergene',
    cell('menuPlatAllergene'),
    (v) => codeFromScdl(ALLERGENS, v),
    'un des 14 allergènes du schéma',
  );
  const siqo = arrayOf(
    lc,
    'menuPlatSiqo',
    cell('menuPlatSiqo'),
    labelFromText,
    'un signe officiel de qualité du schéma',
  );
  const regime = (v: string) => SCDL_REGIMES.find((r) => textKey(r) === textKey(v)) ?? null;
  const regimes = arrayOf(lc, 'menuPlatRegime', cell('menuPlatRegime'), regime, 'un régime du schéma') ?? [];
  const free = cell('menuPlatLabel').split(';').map(labelFromText);
  const parts = cell('menuPlatPrecision')
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  return {
    allergenes,
    labels: LABELS.filter((l) => siqo?.includes(l.code) || free.includes(l.code)).map((l) => l.code),
    vegetarien: regimes.includes(SCDL_REGIME_VEGETARIEN),
    menuVegetarien: parts.some(isVegMark),
    precision: parts
      .filter((p) => !isVegMark(p))
      .join(' ; ')
      .slice(0, 200),
  };
}

function readLine(lc: LineContext, cell: Cell, restaurants: readonly { id: number; nom: string }[]): ImportRow | null {
  const before = lc.problems.length;
  const what = readWhat(lc, cell, restaurants);
  const d = readDetails(lc, cell);
  if (!what || lc.problems.length > before) return null;
  const { type, nom, ...menu } = what;
  const dish = { line: lc.line, type, nom, allergenes: d.allergenes, labels: d.labels, vegetarien: d.vegetarien };
  return { ...menu, menuVegetarien: d.menuVegetarien, precision: d.precision, dish };
}

/** Lines of one menu become one menu; it is vegetarian when marked so, or when all its main dishes are. */
function groupMenus(rows: ImportRow[]): ImportMenu[] {
  const byKey = new Map<string, ImportMenu>();
  for (const r of rows) {
    const key = `${r.restaurantId}|${r.date}|${r.repas}`;
    const menu = byKey.get(key) ?? { ...r, vegetarien: false, plats: [] };
    byKey.set(key, menu);
    menu.vegetarien ||= r.menuVegetarien;
    if (menu.precision === '') menu.precision = r.precision;
    const same = menu.plats.some((p) => p.type === r.dish.type && textKey(p.nom) === textKey(r.dish.nom));
    if (!same) menu.plats.push(r.dish);
  }
  for (const m of byKey.values()) {
    const mains = m.plats.filter((p) => p.type === 'plat');
    if (mains.length > 0 && mains.every((p) => p.vegetarien)) m.vegetarien = true;
  }
  return [...byKey.values()];
}

/** Checks a whole file: every problem is listed with its line; menus only when there is none. */
export function parseScdlImport(text: string, restaurants: readonly { id: number; nom: string }[]): ImportParse {
  if (text.replace(/^\uFEFF/, '').trim() === '') {
    return { ok: false, problems: [{ line: null, column: null, message: 'Le fichier est vide.' }] };
  }
  const records = readCsv(text);
  if (!Array.isArray(records)) return { ok: false, problems: [records] };
  const [header, ...body] = records;
  const names = (header?.record ?? []).map((h) => h.trim());
  const missing = NEEDED.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    const problems = missing.map((c) => ({
      line: 1,
      column: c,
      message: `La colonne obligatoire « ${c} » est absente.`,
    }));
    return { ok: false, problems };
  }
  if (body.length === 0)
    return { ok: false, problems: [{ line: null, column: null, message: 'Le fichier ne contient aucun plat.' }] };
  if (body.length > MAX_IMPORT_LINES) {
    const message = `Le fichier dépasse ${MAX_IMPORT_LINES} lignes : découpez-le en plusieurs fichiers.`;
    return { ok: false, problems: [{ line: null, column: null, message }] };
  }
  const problems: ImportProblem[] = [];
  const rows: ImportRow[] = [];
  for (const { record, info } of body) {
    const lc = { line: info.lines, problems };
    if (record.length !== names.length) {
      problems.push({
        line: info.lines,
        column: null,
        message: `La ligne compte ${record.length} colonnes au lieu de ${names.length}.`,
      });
      continue;
    }
    const cell = (name: string) => record[names.indexOf(name)] ?? '';
    const row = readLine(lc, cell, restaurants);
    if (row) rows.push(row);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, menus: groupMenus(rows), lines: rows.length };
}
