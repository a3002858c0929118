import { z } from 'zod';
import { requiredText } from '../../core/http/fields.js';
import {
  EXCEPTIONS_TRANSMISSION,
  isExceptionTransmission,
  isIsoDate,
  isNature,
  NATURES,
  normalizeNumero,
  numeroProblem,
  PUBLICITE_MODES,
} from './actes.rules.js';

export const ACTE_FIELD_LABELS: Record<string, string> = {
  nature: 'Nature de l’acte',
  numero: 'Numéro',
  objet: 'Objet',
  dateDecision: 'Date de la décision',
  matiereCode: 'Matière',
  auteurNom: 'Prénom et nom du signataire',
  auteurQualite: 'Qualité du signataire',
  texte: 'Texte de l’acte',
  transmissionException: 'Exclusion de l’obligation de transmission',
  document: 'PDF signé',
  annexe: 'Annexe',
};

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} ne doit pas dépasser ${max} caractères.` })
    .optional()
    .transform((v) => v ?? '');

export const isoDateField = (label: string) =>
  z
    .string({ message: `${label} est obligatoire.` })
    .trim()
    .refine((v) => v !== '', { message: `${label} est obligatoire.` })
    .refine((v) => v === '' || isIsoDate(v), { message: `${label} n’est pas une date valide (JJ/MM/AAAA).` });

/** The form of an act written or recorded from the back-office (a projet until it is signed). */
export const acteSchema = z
  .object({
    nature: z.string().refine(isNature, { message: 'Choisissez la nature de l’acte.' }),
    numero: optionalText('Le numéro', 30).transform(normalizeNumero),
    objet: requiredText('L’objet', 499),
    dateDecision: isoDateField('La date de la décision'),
    matiereCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null)),
    auteurNom: requiredText('Le prénom et le nom du signataire', 120),
    auteurQualite: requiredText('La qualité du signataire', 120),
    texte: z
      .string()
      .max(100_000, { message: 'Le texte est trop long (100 000 caractères au plus).' })
      .optional()
      .transform((v) => (v ?? '').replace(/\r\n/g, '\n').trim()),
    transmissionException: z
      .string()
      .optional()
      .transform((v) => (v && isExceptionTransmission(v) ? v : null)),
    contratAuDessusDuSeuil: z
      .string()
      .optional()
      .transform((v) => v !== undefined),
  })
  .superRefine((v, ctx) => {
    const problem = v.numero === '' ? null : numeroProblem(v.numero);
    if (problem) ctx.addIssue({ code: 'custom', path: ['numero'], message: problem });
    if (v.transmissionException) {
      const allowed = EXCEPTIONS_TRANSMISSION[v.transmissionException].natures as readonly string[];
      if (!allowed.includes(v.nature)) {
        ctx.addIssue({
          code: 'custom',
          path: ['transmissionException'],
          message: 'Cette exclusion ne concerne pas cette nature d’acte.',
        });
      }
    }
  });

export type ActeInput = z.output<typeof acteSchema>;

export const natureOptions = NATURES;

export const REGLAGE_FIELD_LABELS: Record<string, string> = {
  publiciteMode: 'Mode de publicité des actes',
  publiciteDeliberation: 'Délibération qui a choisi ce mode',
  publiciteDeliberationDate: 'Date de cette délibération',
  arrondissement: 'Arrondissement',
  referentNom: 'Référent @CTES',
  referentEmail: 'Adresse électronique du référent',
  referentTelephone: 'Téléphone du référent',
};

export const reglageSchema = z
  .object({
    publiciteMode: z.enum(PUBLICITE_MODES, { message: 'Choisissez un mode de publicité.' }),
    publiciteDeliberation: optionalText('La référence de la délibération', 120),
    publiciteDeliberationDate: optionalText('La date', 10),
    arrondissement: optionalText('L’arrondissement', 1).refine((v) => v === '' || /^\d$/.test(v), {
      message: 'L’arrondissement est un chiffre (1 à 9).',
    }),
    referentNom: optionalText('Le nom du référent', 120),
    referentEmail: optionalText('L’adresse électronique', 254),
    referentTelephone: optionalText('Le téléphone', 30),
  })
  .superRefine((v, ctx) => {
    if (v.publiciteDeliberationDate !== '' && !isIsoDate(v.publiciteDeliberationDate)) {
      ctx.addIssue({ code: 'custom', path: ['publiciteDeliberationDate'], message: 'La date n’est pas valide.' });
    }
    if (v.publiciteMode !== 'electronique' && v.publiciteDeliberation === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['publiciteDeliberation'],
        message: 'Indiquez la délibération du conseil municipal qui a choisi ce mode de publicité.',
      });
    }
  });

export type ReglageInput = z.output<typeof reglageSchema>;

export const transmissionSchema = z.object({
  identifiant: requiredText('L’identifiant @CTES', 80),
  transmisLe: isoDateField('La date de transmission'),
  arRecuLe: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDate(v), { message: 'La date de l’accusé de réception n’est pas valide.' }),
});

export const finSchema = z.object({
  kind: z.enum(['retrait', 'annulation'], { message: 'Choisissez retrait ou annulation.' }),
  date: isoDateField('La date'),
  motif: requiredText('Le motif', 500),
});

export const notificationSchema = z.object({ notifieLe: isoDateField('La date de notification') });

/** Query string of the public register. Anything malformed is a 400, never a 500. */
export const registerQuerySchema = z.object({
  q: z.string().max(200, { message: 'La recherche est trop longue.' }).optional(),
  nature: z
    .string()
    .optional()
    .refine((v) => !v || isNature(v), { message: 'La nature demandée n’existe pas.' }),
  matiere: z
    .string()
    .optional()
    .refine((v) => !v || /^\d{1,2}(\.\d{1,2}){0,4}$/.test(v), { message: 'La matière demandée n’est pas valide.' }),
  annee: z
    .string()
    .optional()
    .refine((v) => !v || /^(19|20)\d{2}$/.test(v), { message: 'L’année demandée n’est pas valide.' }),
  seance: z
    .string()
    .optional()
    .refine((v) => !v || /^[1-9]\d{0,9}$/.test(v), { message: 'La séance demandée n’est pas valide.' }),
  page: z
    .string()
    .optional()
    .refine((v) => !v || /^[1-9]\d{0,5}$/.test(v), {
      message: 'Le numéro de page demandé n’est pas valide : il doit être un nombre entier à partir de 1.',
    }),
});

const REGISTER_KEYS = new Set(['q', 'nature', 'matiere', 'annee', 'seance', 'page']);

export interface RegisterQuery {
  q: string;
  nature: string | null;
  matiere: string | null;
  annee: number | null;
  seance: number | null;
  page: number;
}

/** The register's filters from a query string; null with a French message when malformed. */
export function parseRegisterQuery(
  query: unknown,
): { ok: true; value: RegisterQuery } | { ok: false; message: string } {
  const raw = (query ?? {}) as Record<string, unknown>;
  // A repeated parameter comes as an array: refused like any malformed value.
  if (Object.values(raw).some((v) => typeof v !== 'string')) {
    return { ok: false, message: 'Un paramètre de recherche est répété ou mal formé.' };
  }
  if (Object.keys(raw).some((k) => !REGISTER_KEYS.has(k))) {
    return { ok: false, message: 'Un paramètre de recherche n’est pas reconnu.' };
  }
  const r = registerQuerySchema.safeParse(raw);
  if (!r.success) return { ok: false, message: r.error.issues[0]?.message ?? 'La recherche n’est pas valide.' };
  const d = r.data;
  return {
    ok: true,
    value: {
      q: (d.q ?? '').trim(),
      nature: d.nature || null,
      matiere: d.matiere || null,
      annee: d.annee ? Number(d.annee) : null,
      seance: d.seance ? Number(d.seance) : null,
      page: d.page ? Number(d.page) : 1,
    },
  };
}
