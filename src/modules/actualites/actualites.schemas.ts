import { z } from 'zod';
import { sanitizeRichText } from '../../core/content/index.js';
import { slugProblem } from '../../core/content/slug.rules.js';
import { requiredText } from '../../core/http/fields.js';
import { isMediaUrl } from './actualites.rules.js';

export const ACTUALITE_FIELD_LABELS: Record<string, string> = {
  title: 'Titre',
  slug: 'Adresse de la page',
  chapo: 'Chapô',
  body: 'Texte',
  imageUrl: 'Adresse de l’image',
  imageAlt: 'Description de l’image',
};

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} ne doit pas dépasser ${max} caractères.` })
    .optional()
    .transform((v) => v ?? '');

/** The actualité form. An empty address is made from the title. */
export const actualiteSchema = z
  .object({
    title: requiredText('Le titre', 200),
    slug: optionalText('L’adresse', 200),
    chapo: optionalText('Le chapô', 600),
    body: z
      .string()
      .max(200_000, { message: 'Le texte est trop long.' })
      .optional()
      .transform((v) => v ?? ''),
    imageUrl: optionalText('L’adresse de l’image', 300),
    imageAlt: optionalText('La description de l’image', 250),
  })
  .superRefine((v, ctx) => {
    const slug = v.slug && slugProblem(v.slug);
    if (slug) ctx.addIssue({ code: 'custom', path: ['slug'], message: slug });
    if (sanitizeRichText(v.body) === '') {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'Le texte de l’actualité est obligatoire.' });
    }
    if (v.imageUrl && !isMediaUrl(v.imageUrl)) {
      ctx.addIssue({
        code: 'custom',
        path: ['imageUrl'],
        message: 'L’image doit venir de la médiathèque de la commune : son adresse commence par /medias/.',
      });
    }
  })
  .transform((v) => ({ ...v, imageUrl: v.imageUrl === '' ? null : v.imageUrl }));

export type ActualiteInput = z.output<typeof actualiteSchema>;
