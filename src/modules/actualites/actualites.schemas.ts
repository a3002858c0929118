import type { z } from 'zod';
import {
  optionalText,
  PUBLISHABLE_FIELD_LABELS,
  publishableFormSchema,
  richTextField,
} from '../../core/content/publishable.schema.js';
import { isMediaUrl } from './actualites.rules.js';

export const ACTUALITE_FIELD_LABELS: Record<string, string> = {
  ...PUBLISHABLE_FIELD_LABELS,
  chapo: 'Chapô',
  body: 'Texte',
  imageUrl: 'Adresse de l’image',
  imageAlt: 'Description de l’image',
};

/** The actualité form. An empty address is made from the title. */
export const actualiteSchema = publishableFormSchema(
  {
    chapo: optionalText('Le chapô', 600),
    body: richTextField('Le texte est trop long.'),
    imageUrl: optionalText('L’adresse de l’image', 300),
    imageAlt: optionalText('La description de l’image', 250),
  },
  { field: 'body', missing: 'Le texte de l’actualité est obligatoire.' },
)
  .superRefine((v, ctx) => {
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
