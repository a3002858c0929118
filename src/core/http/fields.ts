import { z } from 'zod';

/** Reusable zod fields with French messages, for forms and query strings. */

export const requiredText = (label: string, max = 200) =>
  z
    .string({ message: `${label} est obligatoire.` })
    .trim()
    .min(1, { message: `${label} est obligatoire.` })
    .max(max, { message: `${label} ne doit pas dépasser ${max} caractères.` });

export const emailField = z
  .string({ message: 'L’adresse électronique est obligatoire.' })
  .trim()
  .min(1, { message: 'L’adresse électronique est obligatoire.' })
  .max(254, { message: 'L’adresse électronique est trop longue.' })
  .pipe(z.email({ message: 'L’adresse électronique n’est pas valide (exemple : prenom.nom@exemple.fr).' }));

/** A checkbox: present ("on", "1", "true") or absent. */
export const checkbox = z
  .string()
  .optional()
  .transform((v) => v !== undefined && ['on', '1', 'true', 'oui'].includes(v));

/** A positive integer route parameter; anything else is a 404, not a 500. */
export const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
