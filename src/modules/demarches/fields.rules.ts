/** Pure rules of a démarche form: typed fields, conditional display and validation of the answers. */

export type FieldType =
  | 'text'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'date'
  | 'number'
  | 'choice'
  | 'multichoice'
  | 'yesno'
  | 'address'
  | 'file'
  | 'section'
  | 'help';

export interface FieldDef {
  /** Form field name (lower case letters, digits, underscore). */
  name: string;
  type: FieldType;
  label: string;
  hint?: string;
  required?: boolean;
  options?: { value: string; label: string }[];
  /** Shown (and validated) only when another field has one of these values. */
  showIf?: { field: string; values: string[] };
  /** An address field that offers « utiliser ma position » (public/js/geoloc.js). */
  geoloc?: boolean;
}

/** Answers as stored: one string, or a list for multiple choices. */
export type Answers = Record<string, string | string[]>;

/** Fields that carry no answer. */
export const isDisplayOnly = (f: FieldDef): boolean => f.type === 'section' || f.type === 'help';

export const MAX_TEXT = 500;
export const MAX_LONG_TEXT = 10_000;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 .\-()]{6,20}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^-?\d+([.,]\d+)?$/;

/** Whether a field is shown given the raw answers (conditional display). */
export function isShown(field: FieldDef, answers: Answers): boolean {
  if (!field.showIf) return true;
  const value = answers[field.showIf.field];
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.some((v) => field.showIf?.values.includes(v));
}

const isRealDate = (s: string): boolean => {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** The French message for one non-empty value of a field, or null when it is valid. */
export function valueProblem(field: FieldDef, value: string): string | null {
  const max = field.type === 'textarea' || field.type === 'address' ? MAX_LONG_TEXT : MAX_TEXT;
  if (value.length > max) return `Saisissez au plus ${max} caractères.`;
  // Control characters other than tab and line breaks have no place in a form's text.
  if (/\p{Cc}/u.test(value.replace(/[\t\n\r]/g, ''))) return 'Ce texte contient des caractères non autorisés.';
  switch (field.type) {
    case 'email':
      return EMAIL.test(value) ? null : 'Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr.';
    case 'phone':
      return PHONE.test(value) ? null : 'Saisissez un numéro de téléphone valide, par exemple 03 21 00 00 00.';
    case 'date':
      return isRealDate(value) ? null : 'Saisissez une date valide, par exemple 2026-03-14.';
    case 'number':
      return NUMBER.test(value) ? null : 'Saisissez un nombre, par exemple 12.';
    case 'choice':
    case 'multichoice':
      return field.options?.some((o) => o.value === value) ? null : 'Choisissez une des réponses proposées.';
    case 'yesno':
      return value === 'oui' || value === 'non' ? null : 'Répondez par oui ou par non.';
    default:
      return null;
  }
}

const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];

/**
 * Validates raw posted values against a form: keeps the answers of the fields shown, trimmed;
 * returns one French message per field in error. File fields are checked by the caller.
 */
export function validateAnswers(
  fields: readonly FieldDef[],
  raw: Record<string, unknown>,
): { answers: Answers; errors: Record<string, string> } {
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  const rawAnswers: Answers = {};
  for (const f of fields) if (!isDisplayOnly(f) && raw[f.name] !== undefined) rawAnswers[f.name] = asList(raw[f.name]);
  for (const f of fields) {
    if (isDisplayOnly(f) || f.type === 'file' || !isShown(f, rawAnswers)) continue;
    const values = asList(raw[f.name])
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (values.length === 0) {
      if (f.required) errors[f.name] = requiredMessage(f);
      continue;
    }
    const problem = (f.type === 'multichoice' ? values : values.slice(0, 1))
      .map((v) => valueProblem(f, v))
      .find((p) => p !== null);
    if (problem) errors[f.name] = problem;
    else answers[f.name] = f.type === 'multichoice' ? [...new Set(values)] : (values[0] as string);
  }
  return { answers, errors };
}

function requiredMessage(f: FieldDef): string {
  if (f.type === 'choice' || f.type === 'yesno') return 'Choisissez une réponse.';
  if (f.type === 'multichoice') return 'Cochez au moins une réponse.';
  return 'Ce champ est obligatoire.';
}

/** How an answer reads in a page, a mail or an export (labels of chosen options). */
export function displayAnswer(field: FieldDef, value: string | string[] | undefined): string {
  if (value === undefined) return '';
  const values = Array.isArray(value) ? value : [value];
  if (field.type === 'yesno') return values.map((v) => (v === 'oui' ? 'Oui' : 'Non')).join(', ');
  if (field.options) return values.map((v) => field.options?.find((o) => o.value === v)?.label ?? v).join(', ');
  return values.join(', ');
}
