import type { z } from 'zod';
import {
  optionalText,
  PUBLISHABLE_FIELD_LABELS,
  publishableFormSchema,
  richTextField,
} from '../../core/content/publishable.schema.js';
import { checkbox, requiredText } from '../../core/http/fields.js';
import { intervalFromForm } from './agenda.rules.js';

export const EVENEMENT_FIELD_LABELS: Record<string, string> = {
  ...PUBLISHABLE_FIELD_LABELS,
  description: 'Description',
  allDay: 'Toute la journée',
  startDate: 'Date de début',
  startTime: 'Heure de début',
  endDate: 'Date de fin',
  endTime: 'Heure de fin',
  lieu: 'Lieu',
  adresse: 'Adresse du lieu',
};

/** The event form: dates and times typed in Paris time become UTC instants. */
export const evenementSchema = publishableFormSchema(
  {
    description: richTextField('La description est trop longue.'),
    allDay: checkbox,
    startDate: optionalText('La date', 20),
    startTime: optionalText('L’heure', 10),
    endDate: optionalText('La date', 20),
    endTime: optionalText('L’heure', 10),
    lieu: requiredText('Le lieu', 200),
    adresse: optionalText('L’adresse du lieu', 300),
  },
  { field: 'description', missing: 'La description de l’événement est obligatoire.' },
)
  .superRefine((v, ctx) => {
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
