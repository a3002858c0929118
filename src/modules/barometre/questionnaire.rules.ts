import { allQuestions, type Question, type Questionnaire, type Valeur, type Valeurs } from './questionnaire.types.js';

/** Pure rules of a questionnaire: values checked by question type, conditions, completeness. */

export const MAX_NOMBRE = 1_000_000;
export const MAX_TEXTE = 2000;
/** Separator of the option codes of a multiple-choice answer in a CSV cell. */
export const MULTI_SEPARATOR = '|';
/** The exclusive option of a multiple choice (« aucun projet »). */
const EXCLUSIVE = 'aucun';

export type ParsedValue = { ok: true; value: Valeur | undefined } | { ok: false; message: string };

const optionCodes = (q: Question) => (q.options ?? []).map((o) => o.code);

function parseNumber(q: Question, raw: string): ParsedValue {
  const text = raw.replace(/\s/g, '').replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, message: 'Saisissez un nombre.' };
  const n = Number(text);
  if (q.type === 'nombre') {
    if (!Number.isInteger(n)) return { ok: false, message: 'Saisissez un nombre entier.' };
    if (n < 0 || n > MAX_NOMBRE) return { ok: false, message: `Saisissez un nombre entre 0 et ${MAX_NOMBRE}.` };
  } else if (q.type === 'pourcentage') {
    if (n < 0 || n > 100) return { ok: false, message: 'Saisissez un pourcentage entre 0 et 100.' };
  } else {
    const min = q.min ?? 1;
    const max = q.max ?? 5;
    if (!Number.isInteger(n) || n < min || n > max)
      return { ok: false, message: `Choisissez une note entière de ${min} à ${max}.` };
  }
  return { ok: true, value: n };
}

function checkChoices(q: Question, codes: string[]): ParsedValue {
  const allowed = optionCodes(q);
  const unknown = codes.find((c) => !allowed.includes(c));
  if (unknown !== undefined) {
    return { ok: false, message: `« ${unknown} » ne fait pas partie des choix (${allowed.join(', ')}).` };
  }
  if (q.type === 'choix') return { ok: true, value: codes[0] };
  const unique = [...new Set(codes)];
  if (unique.includes(EXCLUSIVE) && unique.length > 1) {
    return { ok: false, message: '« Aucun » ne peut pas être choisi avec une autre réponse.' };
  }
  return { ok: true, value: allowed.filter((c) => unique.includes(c)) };
}

/** A value typed in a form or a CSV cell (multiple choices: codes separated by « | »). Empty: no answer. */
export function parseValue(q: Question, raw: string | string[] | undefined): ParsedValue {
  const list = Array.isArray(raw)
    ? raw
    : q.type === 'choix_multiples'
      ? (raw ?? '').split(MULTI_SEPARATOR)
      : [raw ?? ''];
  const parts = list.map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return { ok: true, value: undefined };
  switch (q.type) {
    case 'choix':
      if (parts.length > 1) return { ok: false, message: 'Une seule réponse est possible.' };
      return checkChoices(q, parts);
    case 'choix_multiples':
      return checkChoices(q, parts);
    case 'texte': {
      const text = parts.join(' ');
      if (text.length > MAX_TEXTE)
        return { ok: false, message: `Le texte ne doit pas dépasser ${MAX_TEXTE} caractères.` };
      return { ok: true, value: text };
    }
    default:
      return parseNumber(q, parts[0]!);
  }
}

/** Is the question asked, given the answers so far? (A follow-up only when its condition is met.) */
export function isApplicable(q: Question, valeurs: Valeurs): boolean {
  if (!q.condition) return true;
  const answer = valeurs[q.condition.question];
  const given = Array.isArray(answer) ? answer : answer === undefined ? [] : [String(answer)];
  return given.some((v) => q.condition!.valeurs.includes(v));
}

/** The answers without those of follow-ups whose condition is not met (they are not counted). */
export function applicableValeurs(questionnaire: Questionnaire, valeurs: Valeurs): Valeurs {
  const kept: Valeurs = {};
  for (const q of allQuestions(questionnaire)) {
    const v = valeurs[q.code];
    if (v !== undefined && isApplicable(q, kept)) kept[q.code] = v;
  }
  return kept;
}

/** Codes of the questions that must still be answered before the answer can be submitted. */
export function missingAnswers(questionnaire: Questionnaire, valeurs: Valeurs): string[] {
  return allQuestions(questionnaire)
    .filter((q) => !q.facultative && isApplicable(q, valeurs) && valeurs[q.code] === undefined)
    .map((q) => q.code);
}

/** A value as written in a CSV cell (the inverse of parseValue). */
export function encodeValue(value: Valeur | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(MULTI_SEPARATOR) : String(value);
}

/** A value as shown to a person (labels of the options, French numbers). */
export function displayValue(q: Question, value: Valeur | undefined): string {
  if (value === undefined) return 'Sans réponse';
  const label = (code: string) => q.options?.find((o) => o.code === code)?.label ?? code;
  if (Array.isArray(value)) return value.map(label).join(', ');
  if (q.type === 'choix') return label(String(value));
  if (typeof value === 'number') {
    const text = value.toLocaleString('fr-FR');
    return q.type === 'pourcentage' ? `${text} %` : q.type === 'echelle' ? `${text} sur ${q.max ?? 5}` : text;
  }
  return value;
}

/** Keeps only well-formed values of known questions (JSON read back from the database). */
export function sanitizeStored(questionnaire: Questionnaire, raw: unknown): Valeurs {
  const out: Valeurs = {};
  if (!raw || typeof raw !== 'object') return out;
  for (const q of allQuestions(questionnaire)) {
    const v = (raw as Record<string, unknown>)[q.code];
    if (typeof v === 'string' || typeof v === 'number') out[q.code] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[q.code] = v as string[];
  }
  return out;
}
