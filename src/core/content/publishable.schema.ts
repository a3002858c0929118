import { z } from 'zod';
import { requiredText } from '../http/fields.js';
import { sanitizeRichText } from './richtext.js';
import { slugProblem } from './slug.rules.js';

/** A trimmed text that may be left empty (then ''). */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} ne doit pas dépasser ${max} caractères.` })
    .optional()
    .transform((v) => v ?? '');

/** The editor's HTML (sanitized when saved; `publishableFormSchema` refuses it empty). */
export const richTextField = (tooLong: string) =>
  z
    .string()
    .max(200_000, { message: tooLong })
    .optional()
    .transform((v) => v ?? '');

/** The fields every publishable content's form starts with: its title and its address (empty: made from the title). */
const publishableFormFields = {
  title: requiredText('Le titre', 200),
  slug: optionalText('L’adresse', 200),
};

export const PUBLISHABLE_FIELD_LABELS = { title: 'Titre', slug: 'Adresse de la page' };

/**
 * The form of a kind of publishable content: title, address, then the kind's own fields (`shape`),
 * among them a rich text (`richText.field`) that may not be empty once sanitized.
 */
export function publishableFormSchema<S extends z.ZodRawShape>(
  shape: S,
  richText: { field: keyof S & string; missing: string },
) {
  return z.object({ ...publishableFormFields, ...shape }).superRefine((values, ctx) => {
    // The shared fields are known here; the kind's own ones only by name.
    const v = values as unknown as { slug: string } & Record<string, unknown>;
    const slug = v.slug && slugProblem(v.slug);
    if (slug) ctx.addIssue({ code: 'custom', path: ['slug'], message: slug });
    if (sanitizeRichText(String(v[richText.field] ?? '')) === '') {
      ctx.addIssue({ code: 'custom', path: [richText.field], message: richText.missing });
    }
  });
}
