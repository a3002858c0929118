import { z } from 'zod';
import { sanitizeRichText } from '../../core/content/index.js';
import { slugProblem } from '../../core/content/slug.rules.js';
import { checkbox, requiredText } from '../../core/http/fields.js';
import { intervalFromForm } from './agenda.rules.js';

export const EVENEMENT_FIELD_LABELS: Record<string, string> = {
  title: 'Titre',
  slug: 'Adresse de la page',
  description: 'Description',
  allDay: 'Toute la journée',
  startDate: 'Date de début',
  startTime: 'Heure de début',
  endDate: 'Date de fin',
  endTime: 'Heure de fin',
  lieu: 'Lieu',
  adresse: 'Adresse du lieu',
};

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label} ne doit pas dépasser ${max} caractères.` })
    .optional()
    .transform((v) => v ?? '');

/** The event form: dates and times typed in Paris time become UTC instants. */
export const evenementSchema = z
  .object({
    title: requiredText('Le titre', 200),
    slug: optionalText('L’adresse', 200),
    description: z
      .string()
      .max(200_000, { message: 'La description est trop longue.' })
      .optional()
      .transform((v) => v ?? ''),
    allDay: checkbox,
    startDate: optionalText('La date', 20),
    startTime: optionalText('L’heure', 10),
    endDate: optionalText('La date', 20),
    endTime: optionalText('L’heure', 10),
    lieu: requiredText('Le lieu', 200),
    adresse: optionalText('L’adresse du lieu', 300),
  })
  .superRefine((v, ctx) => {
    const slug = v.slug && slugProblem(v.slug);
    if (slug) ctx.addIssue({ code: 'custom', path: ['slug'], message: slug });
    if (sanitizeRichText(v.description) === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['description'],
        message: 'La description de l’événement est obligatoire.',
      });
    }
    const interval = intervalFromForm(v);
    if (!interval.ok) {
      for (const [field, message] of Object.entries(interval.errors))
        ctx.addIssue({ code: 'custom', path: [field], message });
    }
  })
  .transform((v) => {
    const interval = intervalFromForm(v);
    if (!interval.ok) throw new Error('unreachable: refined above');
    return {
      title: v.title,
      slug: v.slug,
      description: v.description,
      allDay: v.allDay,
      startsAt: interval.startsAt,
      endsAt: interval.endsAt,
      lieu: v.lieu,
      adresse: v.adresse,
    };
  });

export type EvenementInput = z.output<typeof evenementSchema>;
