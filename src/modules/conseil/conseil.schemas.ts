import { z } from 'zod';
import { checkbox, requiredText } from '../../core/http/fields.js';
import { isIsoDate, isIsoTime } from '../../core/paris-time.js';

/** Zod inputs of the conseil's forms, with their French messages. */

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} ne doit pas dépasser ${max} caractères.` })
    .optional()
    .transform((v) => v ?? '');

const dateField = (label: string) =>
  z
    .string({ message: `${label} est obligatoire.` })
    .trim()
    .refine(isIsoDate, { message: `${label} doit être une date valide (jj/mm/aaaa).` });

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isIsoDate(v), { message: `${label} doit être une date valide.` });

/** An optional id from a select ("" → null). */
const optionalId = z
  .string()
  .optional()
  .transform((v) => (v && /^\d{1,9}$/.test(v) ? Number(v) : null));

/** A count typed in a form: a whole number from 0. */
export const countField = (label: string) =>
  z
    .string({ message: `${label} est obligatoire.` })
    .trim()
    .regex(/^\d{1,4}$/, { message: `${label} doit être un nombre entier positif ou nul.` })
    .transform(Number);

export const MEMBRE_FIELD_LABELS: Record<string, string> = {
  prenom: 'Prénom',
  nom: 'Nom',
  mandat: 'Mandat',
  rang: 'Rang de l’adjoint',
  debut: 'Début du mandat',
  fin: 'Fin du mandat',
  email: 'Adresse électronique',
  adresse: 'Adresse postale',
  dateNaissance: 'Date de naissance',
};

export const membreSchema = z
  .object({
    prenom: requiredText('Le prénom', 100),
    nom: requiredText('Le nom', 100),
    mandat: z.enum(['maire', 'adjoint', 'conseiller'], { message: 'Choisissez le mandat.' }),
    rang: z
      .string()
      .trim()
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || /^[1-9]\d?$/.test(v), { message: 'Le rang est un nombre de 1 à 99.' })
      .transform((v) => (v === null ? null : Number(v))),
    debut: dateField('Le début du mandat'),
    fin: optionalDate('La fin du mandat'),
    email: z
      .string()
      .trim()
      .max(254)
      .optional()
      .transform((v) => (v ? v : null))
      .refine((v) => v === null || z.email().safeParse(v).success, {
        message: 'L’adresse électronique n’est pas valide (exemple : prenom.nom@exemple.fr).',
      }),
    convocationPapier: checkbox,
    adresse: optionalText('L’adresse', 300),
    dateNaissance: optionalDate('La date de naissance'),
  })
  .superRefine((v, ctx) => {
    if (v.fin !== null && v.fin < v.debut) {
      ctx.addIssue({ code: 'custom', path: ['fin'], message: 'La fin du mandat ne peut pas précéder son début.' });
    }
    if (!v.email && !v.convocationPapier) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Indiquez une adresse électronique, ou cochez la convocation sur papier.',
      });
    }
    if (v.convocationPapier && !v.adresse) {
      ctx.addIssue({
        code: 'custom',
        path: ['adresse'],
        message: 'Indiquez l’adresse où envoyer la convocation sur papier.',
      });
    }
  })
  .transform((v) => ({ ...v, rang: v.mandat === 'adjoint' ? v.rang : null }));

export type MembreInput = z.output<typeof membreSchema>;

export const SEANCE_FIELD_LABELS: Record<string, string> = {
  date: 'Date',
  heure: 'Heure',
  lieu: 'Lieu',
  type: 'Type de séance',
  presidentId: 'Président de séance',
  secretaireId: 'Secrétaire de séance',
  reconvocationDe: 'Reconvocation',
};

export const seanceSchema = z.object({
  date: dateField('La date'),
  heure: z
    .string({ message: 'L’heure est obligatoire.' })
    .trim()
    .refine(isIsoTime, { message: 'L’heure doit être au format hh:mm (par exemple 20:30).' }),
  lieu: requiredText('Le lieu', 200),
  type: z.enum(['ordinaire', 'extraordinaire'], { message: 'Choisissez le type de séance.' }),
  urgence: checkbox,
  presidentId: optionalId,
  secretaireId: optionalId,
  reconvocationDe: optionalId,
});

export type SeanceInput = z.output<typeof seanceSchema>;

export const POINT_FIELD_LABELS: Record<string, string> = {
  titre: 'Titre',
  rapporteurId: 'Rapporteur',
  note: 'Note explicative',
  matiereCode: 'Matière',
};

export const pointSchema = z.object({
  titre: requiredText('Le titre', 300),
  rapporteurId: optionalId,
  note: optionalText('La note explicative', 20_000),
  matiereCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\d(\.\d{1,2}){0,4}$/.test(v), {
      message: 'La matière s’écrit comme dans la nomenclature ACTES, par exemple 7.1.',
    }),
  nomination: checkbox,
});

export type PointInput = z.output<typeof pointSchema>;

export const PROCURATION_FIELD_LABELS: Record<string, string> = {
  mandantId: 'Membre absent (mandant)',
  mandataireId: 'Membre qui reçoit le pouvoir (mandataire)',
  ecrit: 'Pouvoir écrit',
};

export const procurationSchema = z.object({
  mandantId: z.string({ message: 'Choisissez le membre absent.' }).regex(/^\d{1,9}$/, {
    message: 'Choisissez le membre absent.',
  }),
  mandataireId: z.string({ message: 'Choisissez le mandataire.' }).regex(/^\d{1,9}$/, {
    message: 'Choisissez le mandataire.',
  }),
  ecrit: checkbox.refine((v) => v, { message: 'Une procuration doit être donnée par écrit : cochez la case.' }),
  maladie: checkbox,
});

export const VOTE_FIELD_LABELS: Record<string, string> = {
  pour: 'Pour',
  contre: 'Contre',
  abstention: 'Abstentions',
  npp: 'Ne prennent pas part au vote',
  demandesPublic: 'Demandes de scrutin public',
  demandesSecret: 'Demandes de scrutin secret',
  votePresident: 'Vote du président',
  _form: 'Vote',
};

export const voteSchema = z.object({
  demandesPublic: countField('Le nombre de demandes de scrutin public'),
  demandesSecret: countField('Le nombre de demandes de scrutin secret'),
  secretRenonce: checkbox,
  pour: countField('Le nombre de voix pour').optional(),
  contre: countField('Le nombre de voix contre').optional(),
  abstention: countField('Le nombre d’abstentions').optional(),
  npp: countField('Le nombre de membres qui ne prennent pas part au vote').optional(),
  votePresident: z
    .enum(['pour', 'contre', 'abstention', 'npp', ''])
    .optional()
    .transform((v) => (v ? v : null)),
});

export type VoteInput = z.output<typeof voteSchema>;

export const tourSchema = z.object({
  votants: countField('Le nombre de votants'),
  blancsNuls: countField('Le nombre de bulletins blancs et nuls'),
});

export const huisClosSchema = z.object({
  demandeurs: countField('Le nombre de membres demandeurs'),
  demandeMaire: checkbox,
  pour: countField('Le nombre de voix pour le huis clos'),
});

export const REGLAGES_FIELD_LABELS: Record<string, string> = {
  delaiJoursFrancs: 'Délai de convocation',
  delaiReconvocation: 'Délai avant une séance de reconvocation',
};

export const reglagesSchema = z.object({
  delaiJoursFrancs: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[1-9]\d?$/.test(v), { message: 'Le délai est un nombre de jours de 1 à 99.' })
    .transform((v) => (v === null ? null : Number(v))),
  exclureFeries: checkbox,
  delaiReconvocation: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, { message: 'Le délai est un nombre de jours de 0 à 99.' })
    .transform(Number),
});

export const texteSchema = z.object({
  texte: z
    .string()
    .max(200_000, { message: 'Le texte est trop long.' })
    .transform((v) => v.replace(/\r\n/g, '\n'))
    .refine((v) => v.trim() !== '', { message: 'Le texte ne peut pas être vide.' }),
});

export const approbationSchema = z.object({
  seanceId: z.string({ message: 'Choisissez la séance.' }).regex(/^\d{1,9}$/, { message: 'Choisissez la séance.' }),
});
