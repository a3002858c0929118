import { z } from 'zod';
import { ACTIVITY_FIELDS } from './rgpd.rules.js';

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} est obligatoire.` })
    .trim()
    .min(1, `${what} est obligatoire.`)
    .max(max, `${what} est trop long (${max} caractères au plus).`);

export const activitySchema = z.object({
  nom: text(200, 'Le nom'),
  finalite: text(2000, 'La finalité'),
  base_legale: text(1000, 'La base légale'),
  personnes: text(1000, 'Les catégories de personnes'),
  donnees: text(2000, 'Les catégories de données'),
  destinataires: text(1000, 'Les destinataires'),
  conservation: text(1000, 'La durée de conservation'),
  securite: text(2000, 'Les mesures de sécurité'),
  transferts: text(1000, 'Les transferts'),
});
export type ActivityInput = z.infer<typeof activitySchema>;
// The schema and the registre's fields must stay the same list.
export const ACTIVITY_SCHEMA_FIELDS: readonly (keyof ActivityInput)[] = ACTIVITY_FIELDS;

export const retentionSchema = z.object({
  categorie: z.string().regex(/^[a-z0-9:_-]{1,80}$/, 'Cette catégorie n’existe pas.'),
  duree: z.coerce
    .number({ error: 'Indiquez une durée en nombre entier.' })
    .int('Indiquez une durée en nombre entier.')
    .min(1, 'La durée est d’au moins 1.')
    .max(1200, 'La durée est de 1 200 au plus.'),
  archive: z.enum(['0', '1'], { error: 'Indiquez s’il s’agit d’archives publiques.' }),
});

export const visaSchema = z.object({
  visa_date: z
    .string({ error: 'La date du visa est obligatoire.' })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Indiquez la date du visa (jj/mm/aaaa).')
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'Cette date n’existe pas.'),
  visa_service: text(200, 'Le nom du service d’archives'),
  visa_reference: text(200, 'La référence du visa'),
});

export const emailSchema = z
  .string({ error: 'Indiquez une adresse électronique.' })
  .trim()
  .toLowerCase()
  .max(254, 'Cette adresse est trop longue.')
  .email('Indiquez une adresse électronique valide (nom@exemple.fr).');
