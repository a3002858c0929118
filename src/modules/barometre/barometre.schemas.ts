import { z } from 'zod';
import type { FieldErrors } from '../../core/http/forms.js';
import { MAX_ANNEE, MIN_ANNEE } from './barometre.rules.js';
import { parseValue } from './questionnaire.rules.js';
import { allQuestions, type Question, type Questionnaire, type Valeurs } from './questionnaire.types.js';

/** Inputs of the baromètre's forms, with their French messages. */

export const fieldName = (q: Question): string => `q_${q.code}`;
export const optionField = (q: Question, option: string): string => `q_${q.code}__${option}`;

/** The raw form values of a questionnaire (to fill the form in again). */
export function toRaw(questionnaire: Questionnaire, valeurs: Valeurs): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const q of allQuestions(questionnaire)) {
    const v = valeurs[q.code];
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const o of v) raw[optionField(q, o)] = 'on';
    else raw[fieldName(q)] = typeof v === 'number' ? v.toLocaleString('fr-FR', { useGrouping: false }) : v;
  }
  return raw;
}

function stringsOf(body: unknown): Record<string, string> {
  const raw: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k !== '_csrf' && typeof v === 'string') raw[k] = v;
    }
  }
  return raw;
}

/** Reads the questionnaire's form: the answers, a French message per wrong field, the raw values. */
export function readAnswerForm(
  questionnaire: Questionnaire,
  body: unknown,
): { valeurs: Valeurs; errors: FieldErrors; raw: Record<string, string> } {
  const raw = stringsOf(body);
  const valeurs: Valeurs = {};
  const errors: FieldErrors = {};
  for (const q of allQuestions(questionnaire)) {
    const input =
      q.type === 'choix_multiples'
        ? (q.options ?? []).filter((o) => raw[optionField(q, o.code)] !== undefined).map((o) => o.code)
        : raw[fieldName(q)];
    const parsed = parseValue(q, input);
    if (!parsed.ok) errors[fieldName(q)] = parsed.message;
    else if (parsed.value !== undefined) valeurs[q.code] = parsed.value;
  }
  return { valeurs, errors, raw };
}

export const answerActionSchema = z.object({
  annee: z.coerce.number({ message: 'Campagne inconnue.' }).int().min(MIN_ANNEE).max(MAX_ANNEE),
  action: z.enum(['enregistrer', 'soumettre'], { message: 'Action inconnue.' }),
});

export const campagneSchema = z.object({
  annee: z.coerce
    .number({ message: 'Saisissez une année.' })
    .int({ message: 'Saisissez une année (quatre chiffres).' })
    .min(MIN_ANNEE, { message: `Saisissez une année entre ${MIN_ANNEE} et ${MAX_ANNEE}.` })
    .max(MAX_ANNEE, { message: `Saisissez une année entre ${MIN_ANNEE} et ${MAX_ANNEE}.` }),
  edition: z.string({ message: 'Choisissez une édition du questionnaire.' }).min(1, {
    message: 'Choisissez une édition du questionnaire.',
  }),
});

export const observatoireSchema = z.object({ ouvert: z.enum(['0', '1'], { message: 'Choix invalide.' }) });

/** A year in a route: anything else is a 404 page, not a 500. */
export const anneeParam = z.object({ annee: z.coerce.number().int().min(MIN_ANNEE).max(MAX_ANNEE) });
