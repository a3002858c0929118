import { z } from 'zod';
import { isIsoDate, isIsoTime, parisToUtc } from '../paris-time.js';

/**
 * The back-office form that schedules a publication: a date and a time on a Paris clock → the
 * instant. Whether it is in the future is the service's check (it holds the clock).
 */
export const scheduleFormSchema = z
  .object({
    date: z.string({ message: 'La date est obligatoire.' }).trim(),
    heure: z.string({ message: 'L’heure est obligatoire.' }).trim(),
  })
  .superRefine((v, ctx) => {
    if (v.date === '') ctx.addIssue({ code: 'custom', path: ['date'], message: 'La date est obligatoire.' });
    else if (!isIsoDate(v.date))
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'La date n’est pas valide (exemple : 12/12/2026).' });
    if (v.heure === '') ctx.addIssue({ code: 'custom', path: ['heure'], message: 'L’heure est obligatoire.' });
    else if (!isIsoTime(v.heure))
      ctx.addIssue({ code: 'custom', path: ['heure'], message: 'L’heure n’est pas valide (exemple : 08:30).' });
    else if (isIsoDate(v.date) && parisToUtc(v.date, v.heure) === null)
      ctx.addIssue({
        code: 'custom',
        path: ['heure'],
        message: 'Cette heure n’existe pas ce jour-là (passage à l’heure d’été) : choisissez-en une autre.',
      });
  })
  .transform((v) => ({ at: parisToUtc(v.date, v.heure) as Date }));

export const SCHEDULE_FIELD_LABELS = { date: 'Date de publication', heure: 'Heure de publication' };
