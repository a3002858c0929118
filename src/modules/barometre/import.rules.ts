import { CsvError, parse } from 'csv-parse/sync';
import { type TrancheCode, trancheOf } from './barometre.stats.js';
import { isApplicable, parseValue } from './questionnaire.rules.js';
import { allQuestions, type Question, type Questionnaire, type Valeurs } from './questionnaire.types.js';

/**
 * Validation of a CSV of answers of communes not hosted by the platform: one row per commune, its
 * INSEE code then one column per question code. Every problem is reported with its line, commune
 * and column; the caller imports nothing when any line is rejected.
 */

export const INSEE_COLUMN = 'code_insee';
const INSEE_PATTERN = /^(\d{2}|2A|2B)\d{3}$/;

export interface Rejet {
  ligne: number;
  insee: string;
  colonne: string;
  motif: string;
}

export interface ImportedRow {
  ligne: number;
  insee: string;
  nom: string;
  population: number;
  tranche: TrancheCode;
  valeurs: Valeurs;
}

export interface ImportEnv {
  /** The official data of a current commune, or undefined. */
  lookup: (insee: string) => { nom: string; population?: number } | undefined;
  /** Hosted communes (INSEE code → name): they answer from their back-office. */
  hosted: ReadonlyMap<string, string>;
  /** INSEE codes that already answered this campaign. */
  existing: ReadonlySet<string>;
}

export interface ImportResult {
  rows: ImportedRow[];
  rejets: Rejet[];
}

type Records = { record: string[]; info: { lines: number } }[];

function readRecords(text: string): Records | Rejet {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') ? ';' : ',';
  try {
    return parse(text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as Records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    return { ligne: line, insee: '', colonne: '', motif: 'Le fichier CSV est mal formé (guillemet non fermé ?).' };
  }
}

function checkHeader(header: string[], questions: Question[]): Rejet[] {
  const rejets: Rejet[] = [];
  const at = (colonne: string, motif: string) => rejets.push({ ligne: 1, insee: '', colonne, motif });
  if (header[0]?.trim() !== INSEE_COLUMN) at(INSEE_COLUMN, `La première colonne doit être « ${INSEE_COLUMN} ».`);
  const names = header.map((h) => h.trim());
  for (const q of questions) if (!names.includes(q.code)) at(q.code, 'Colonne manquante.');
  const known = new Set([INSEE_COLUMN, ...questions.map((q) => q.code)]);
  names.forEach((name, i) => {
    if (!known.has(name)) at(name || `colonne ${i + 1}`, 'Colonne inconnue de ce questionnaire.');
    else if (names.indexOf(name) !== i) at(name, 'Colonne en double.');
  });
  return rejets;
}

function checkCommune(insee: string, ligne: number, env: ImportEnv, seen: Map<string, number>): string | null {
  if (!INSEE_PATTERN.test(insee)) return 'Code INSEE invalide (5 caractères, par exemple 62193).';
  const first = seen.get(insee);
  if (first !== undefined) return `Commune en double : déjà présente ligne ${first}.`;
  seen.set(insee, ligne);
  if (env.hosted.has(insee)) return 'Commune hébergée par la plateforme : elle répond depuis son administration.';
  const official = env.lookup(insee);
  if (!official) return 'Code INSEE inconnu : aucune commune actuelle ne porte ce code.';
  if (official.population === undefined) return 'Population inconnue dans les données officielles.';
  if (trancheOf(official.population) === null)
    return 'Commune de 10 000 habitants ou plus : hors du champ du baromètre.';
  if (env.existing.has(insee)) return 'Cette commune a déjà une réponse pour cette campagne.';
  return null;
}

function readValeurs(
  cells: Map<string, string>,
  questions: Question[],
  reject: (colonne: string, motif: string) => void,
): Valeurs {
  const valeurs: Valeurs = {};
  for (const q of questions) {
    const parsed = parseValue(q, cells.get(q.code));
    if (!parsed.ok) reject(q.code, parsed.message);
    else if (parsed.value !== undefined) valeurs[q.code] = parsed.value;
  }
  for (const q of questions) {
    if (valeurs[q.code] !== undefined && !isApplicable(q, valeurs)) {
      reject(q.code, `Question de suivi sans objet : la réponse à « ${q.condition!.question} » ne l’appelle pas.`);
    }
  }
  return valeurs;
}

/** Validates every line of the file; `rows` are the valid ones, to import only when `rejets` is empty. */
export function validateImport(text: string, questionnaire: Questionnaire, env: ImportEnv): ImportResult {
  const records = readRecords(text);
  if (!Array.isArray(records)) return { rows: [], rejets: [records] };
  const [head, ...body] = records;
  if (!head) return { rows: [], rejets: [{ ligne: 1, insee: '', colonne: '', motif: 'Le fichier est vide.' }] };
  const questions = allQuestions(questionnaire);
  const header = head.record.map((h) => h.trim());
  const rejets = checkHeader(header, questions);
  if (body.length === 0)
    rejets.push({ ligne: 2, insee: '', colonne: '', motif: 'Le fichier ne contient aucune réponse.' });
  const rows: ImportedRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of body) {
    const ligne = info.lines;
    const insee = (record[0] ?? '').trim().toUpperCase();
    const before = rejets.length;
    const reject = (colonne: string, motif: string) => rejets.push({ ligne, insee, colonne, motif });
    if (record.length !== header.length) {
      reject('', `La ligne a ${record.length} colonnes au lieu de ${header.length}.`);
      continue;
    }
    const problem = checkCommune(insee, ligne, env, seen);
    if (problem) reject(INSEE_COLUMN, problem);
    const valeurs = readValeurs(new Map(header.map((h, i) => [h, record[i] ?? ''])), questions, reject);
    const official = env.lookup(insee);
    if (rejets.length === before && official?.population !== undefined) {
      const tranche = trancheOf(official.population)!;
      rows.push({ ligne, insee, nom: official.nom, population: official.population, tranche, valeurs });
    }
  }
  return { rows, rejets };
}
