import { z } from 'zod';
import { requiredText } from '../../core/http/fields.js';
import { parisLocalToDate } from '../../core/paris-time.js';
import { slugify } from '../../core/tenancy/index.js';

/** The page form. An empty address is made from the title; an empty date means "now". */
export const pageFormSchema = z
  .object({
    title: requiredText('Le titre', 150),
    slug: z.string().trim().max(80, { message: 'L’adresse ne doit pas dépasser 80 caractères.' }).optional(),
    parentId: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === '') return null;
        const n = Number(v);
        if (!Number.isInteger(n) || n <= 0) {
          ctx.addIssue({ code: 'custom', message: 'Choisissez une page de la liste.' });
          return z.NEVER;
        }
        return n;
      }),
    summary: z.string().trim().max(300, { message: 'Le résumé ne doit pas dépasser 300 caractères.' }).optional(),
    body: z.string().max(500_000, { message: 'Le texte est trop long.' }).optional(),
    position: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v.trim() === '') return 0;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 999) {
          ctx.addIssue({ code: 'custom', message: 'L’ordre est un nombre entier de 0 à 999.' });
          return z.NEVER;
        }
        return n;
      }),
    status: z.enum(['brouillon', 'publie'], { message: 'Choisissez « brouillon » ou « publié ».' }),
    publishAt: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v.trim() === '') return null;
        const d = parisLocalToDate(v);
        if (!d) {
          ctx.addIssue({ code: 'custom', message: 'La date de publication n’est pas valide (jj/mm/aaaa hh:mm).' });
          return z.NEVER;
        }
        return d;
      }),
  })
  .transform((v) => ({
    ...v,
    slug: v.slug ? v.slug : slugify(v.title),
    summary: v.summary ?? '',
    body: v.body ?? '',
  }));

export type PageForm = z.output<typeof pageFormSchema>;

export const PAGE_FIELD_LABELS: Record<string, string> = {
  title: 'Titre',
  slug: 'Adresse',
  parentId: 'Page parente',
  summary: 'Résumé',
  body: 'Texte',
  position: 'Ordre',
  status: 'État',
  publishAt: 'Date de publication',
};
