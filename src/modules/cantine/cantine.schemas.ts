import { z } from 'zod';
import { checkbox, requiredText } from '../../core/http/fields.js';
import type { FieldErrors } from '../../core/http/forms.js';
import { isSiret } from '../../core/tenancy/index.js';
import {
  ALLERGEN_CODES,
  COURSE_CODES,
  COURSES,
  type CourseCode,
  ID_TYPE_CODES,
  LABEL_CODES,
  RESTAURANT_TYPE_CODES,
} from './cantine.rules.js';
import { egalimProblems, MAX_AMOUNT_CENTS, parseEuros } from './egalim.rules.js';
import { type IsoWeek, parseIsoWeek } from './semaine.rules.js';

/** Inputs of the canteen's forms, with French messages. */

const optionalText = (label: string, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, { message: `${label} ne doit pas dépasser ${max} caractères.` }));

const UAI = /^\d{7}[A-Z]$/;

export const restaurantSchema = z
  .object({
    nom: requiredText('Le nom du restaurant', 160),
    type: z.enum(RESTAURANT_TYPE_CODES, { message: 'Choisissez le type de restaurant dans la liste.' }),
    convives: requiredText('Le public accueilli', 200),
    idType: z.enum(ID_TYPE_CODES, { message: 'Choisissez le type d’identifiant dans la liste.' }),
    identifiant: optionalText('L’identifiant', 60),
    etablissementNom: requiredText('Le nom de la cuisine qui prépare les repas', 200),
    etablissementSiret: optionalText('Le SIRET', 14),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.idType === 'siret' && !isSiret(v.identifiant)) {
      issue('identifiant', 'Le SIRET du restaurant doit compter 14 chiffres valides (exemple : 21629980000013).');
    } else if (v.idType === 'uai' && !UAI.test(v.identifiant.toUpperCase())) {
      issue('identifiant', 'Le code UAI compte 7 chiffres suivis d’une lettre (exemple : 0620123A).');
    } else if (v.idType === 'autre' && v.identifiant === '') {
      issue('identifiant', 'Indiquez l’identifiant interne du restaurant.');
    } else if (v.idType === 'sans' && v.identifiant !== '') {
      issue('identifiant', 'Choisissez un type d’identifiant, ou laissez ce champ vide.');
    }
    if (v.etablissementSiret !== '' && !isSiret(v.etablissementSiret)) {
      issue('etablissementSiret', 'Le SIRET doit compter 14 chiffres valides, sans espace.');
    }
  })
  .transform((v) => ({
    ...v,
    identifiant: v.idType === 'sans' ? null : v.idType === 'uai' ? v.identifiant.toUpperCase() : v.identifiant,
    etablissementSiret: v.etablissementSiret === '' ? null : v.etablissementSiret,
  }));
export type RestaurantForm = z.output<typeof restaurantSchema>;

/** A group of checkboxes: absent, one value or several. */
const checkboxes = <T extends readonly [string, ...string[]]>(codes: T, message: string) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(codes, { message })));

export const platSchema = z.object({
  nom: requiredText('Le nom du plat', 160),
  type: z.enum(COURSE_CODES, { message: 'Choisissez le type de plat dans la liste.' }),
  allergenes: checkboxes(ALLERGEN_CODES, 'Choisissez les allergènes dans la liste.'),
  labels: checkboxes(LABEL_CODES, 'Choisissez les labels dans la liste.'),
  vegetarien: checkbox,
});
export type PlatForm = z.output<typeof platSchema>;

const euros = (label: string) =>
  z
    .string({ message: `${label} est obligatoire.` })
    .trim()
    .min(1, { message: `${label} est obligatoire.` })
    .transform((v, ctx) => {
      const cents = parseEuros(v);
      if (cents === null || cents > MAX_AMOUNT_CENTS) {
        ctx.addIssue({ code: 'custom', message: `${label} doit être un montant en euros (exemple : 41 200,50).` });
        return z.NEVER;
      }
      return cents;
    });

export const egalimSchema = z
  .object({
    annee: z.coerce
      .number({ message: 'L’année est obligatoire.' })
      .int({ message: 'L’année doit être un nombre entier (exemple : 2026).' })
      .min(2018, { message: 'L’année doit être 2018 ou après (loi EGalim).' })
      .max(2999, { message: 'L’année n’est pas valide.' }),
    total: euros('Le total des achats'),
    durable: euros('Le montant des achats durables et de qualité'),
    bio: euros('Le montant des achats bio'),
  })
  .superRefine((v, ctx) => {
    const problems = egalimProblems({ totalCents: v.total, durableCents: v.durable, bioCents: v.bio });
    for (const [path, message] of Object.entries(problems)) ctx.addIssue({ code: 'custom', path: [path], message });
  });
export type EgalimForm = z.output<typeof egalimSchema>;

export const BAD_WEEK =
  'La semaine demandée n’est pas valide. Écrivez-la comme 2026-W48 : l’année, la lettre W, puis le numéro de la semaine (de 01 à 52, ou 53 certaines années).';

/** `?semaine=2026-W48` (absent: the current week); anything else is a 400, never a 500. */
export function parseWeekParam(value: unknown): IsoWeek | 'absent' | null {
  if (value === undefined) return 'absent';
  return typeof value === 'string' ? parseIsoWeek(value) : null;
}

/** One line of the week form: a course and its rank when a day has several dishes of it. */
export interface WeekSlot {
  type: CourseCode;
  index: number;
}

export const slotField = (day: number, s: WeekSlot) => `j${day}_${s.type}_${s.index}`;

/** Days of the week form: Monday to Friday, numbered 1 to 5. */
export const FORM_DAYS = [1, 2, 3, 4, 5] as const;

/** The lines of the form: each course once, more when some day of the week has several dishes of it. */
export function weekSlots(counts: Partial<Record<CourseCode, number>>): WeekSlot[] {
  return COURSES.flatMap((c) =>
    Array.from({ length: Math.min(9, Math.max(1, counts[c.code] ?? 1)) }, (_, index) => ({ type: c.code, index })),
  );
}

/** The lines a posted week form holds (so that a re-rendered form keeps them all). */
export function slotsOfBody(body: Record<string, unknown>): WeekSlot[] {
  const counts: Partial<Record<CourseCode, number>> = {};
  for (const key of Object.keys(body)) {
    const m = /^j[1-5]_([a-z]+)_([0-8])$/.exec(key);
    const type = m?.[1] as CourseCode | undefined;
    if (type && COURSE_CODES.includes(type)) counts[type] = Math.max(counts[type] ?? 1, Number(m?.[2]) + 1);
  }
  return weekSlots(counts);
}

export interface WeekDayInput {
  /** 1 (Monday) … 5 (Friday). */
  day: number;
  plats: { type: CourseCode; nom: string }[];
  vegetarien: boolean;
  precision: string;
}

export type WeekFormResult =
  | { ok: true; days: WeekDayInput[] }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Reads the posted week: a dish name per line and day, the vegetarian mark and a note per day. */
export function parseWeekForm(body: unknown): WeekFormResult {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
  const slots = slotsOfBody(raw);
  const errors: FieldErrors = {};
  const values: Record<string, string> = {};
  const days: WeekDayInput[] = [];
  for (const day of FORM_DAYS) {
    const plats: WeekDayInput['plats'] = [];
    for (const s of slots) {
      const field = slotField(day, s);
      const nom = text(field).replace(/\s+/g, ' ').trim();
      values[field] = text(field);
      if (nom.length > 160) errors[field] = 'Le nom du plat ne doit pas dépasser 160 caractères.';
      else if (nom !== '') plats.push({ type: s.type, nom });
    }
    const precision = text(`j${day}_precision`).trim();
    values[`j${day}_precision`] = text(`j${day}_precision`);
    if (precision.length > 200) errors[`j${day}_precision`] = 'La précision ne doit pas dépasser 200 caractères.';
    const vegetarien = raw[`j${day}_vegetarien`] !== undefined;
    if (vegetarien) values[`j${day}_vegetarien`] = 'on';
    if (vegetarien && plats.length === 0) {
      errors[`j${day}_vegetarien`] = 'Un jour sans plat ne peut pas être marqué « menu végétarien ».';
    }
    if (precision !== '' && plats.length === 0) {
      errors[`j${day}_precision`] = 'Saisissez les plats du jour avant d’ajouter une précision.';
    }
    days.push({ day, plats, vegetarien, precision });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, values } : { ok: true, days };
}
