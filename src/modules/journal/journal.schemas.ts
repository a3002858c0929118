import { z } from 'zod';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Saisissez une date au format JJ/MM/AAAA.' })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { message: 'Cette date n’existe pas.' });

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    schema.optional(),
  );

/** The journal's search form (GET): every field optional. */
export const journalFilterSchema = z.object({
  action: optional(
    z
      .string()
      .max(60, { message: 'L’action est trop longue.' })
      .regex(/^[a-z0-9_.]+$/, {
        message: 'Choisissez une action dans la liste.',
      }),
  ),
  acteur: optional(z.string().max(100, { message: 'La recherche est trop longue (100 caractères au plus).' })),
  du: optional(day),
  au: optional(day),
  objet: optional(
    z
      .string()
      .max(40)
      .regex(/^[a-z_]+$/, { message: 'Ce type d’objet n’existe pas.' }),
  ),
  numero: optional(z.string().max(40, { message: 'Le numéro est trop long.' })),
  page: optional(z.coerce.number().int().min(1).max(100_000)).catch(undefined),
});

export type JournalQuery = z.output<typeof journalFilterSchema>;
