import { frenchDayFormat, frenchHour } from '../../core/french-dates.js';
import { addDays, isIsoDate, isIsoTime, PARIS_TZ, parisToUtc, toParisLocal } from '../../core/paris-time.js';

/** Pure rules of the agenda: when an event takes place, in French, and the upcoming list by month. */

export const HOME_COUNT = 3;

const MONTH = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: PARIS_TZ });

export interface When {
  startsAt: string;
  endsAt: string;
  allDay: boolean;
}

/** "samedi 12 décembre 2026", "mardi 1er décembre 2026" (the French way for the first of the month). */
export const formatDay: (at: Date) => string = frenchDayFormat({
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "Janvier 2027" as French writes it in a heading: "janvier 2027" (no capital), on a Paris calendar. */
export const monthLabel = (iso: string): string => MONTH.format(new Date(iso));

/** When an event takes place, in words, on a Paris clock. */
export function eventWhen(e: When): string {
  const start = new Date(e.startsAt);
  if (e.allDay) {
    // The stored end is Paris midnight after the last day.
    const lastDay = parisToUtc(addDays(toParisLocal(new Date(e.endsAt)).date, -1), '12:00') ?? start;
    const sameDay = toParisLocal(lastDay).date === toParisLocal(start).date;
    return sameDay ? `${formatDay(start)}, toute la journée` : `du ${formatDay(start)} au ${formatDay(lastDay)}`;
  }
  const s = toParisLocal(start);
  const end = toParisLocal(new Date(e.endsAt));
  if (s.date === end.date) {
    return e.startsAt === e.endsAt
      ? `${formatDay(start)} à ${frenchHour(s.time)}`
      : `${formatDay(start)}, de ${frenchHour(s.time)} à ${frenchHour(end.time)}`;
  }
  return `du ${formatDay(start)} à ${frenchHour(s.time)} au ${formatDay(new Date(e.endsAt))} à ${frenchHour(end.time)}`;
}

/** Events grouped by the month (Paris) they start in, in the order given. */
export function groupByMonth<T extends { startsAt: string }>(
  events: T[],
): { key: string; label: string; events: T[] }[] {
  const groups: { key: string; label: string; events: T[] }[] = [];
  for (const e of events) {
    const key = toParisLocal(new Date(e.startsAt)).date.slice(0, 7);
    const last = groups.at(-1);
    if (last?.key === key) last.events.push(e);
    else groups.push({ key, label: monthLabel(e.startsAt), events: [e] });
  }
  return groups;
}

export interface IntervalForm {
  allDay: boolean;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
}

export type IntervalResult =
  | { ok: true; startsAt: Date; endsAt: Date }
  | { ok: false; errors: Partial<Record<keyof IntervalForm, string>> };

/**
 * The instants of an event typed in Paris time. An all-day event runs from midnight of its first
 * day to midnight after its last; a timed one needs its start and end times. The end date defaults
 * to the start date; the end may not come before the start.
 */
export function intervalFromForm(f: IntervalForm): IntervalResult {
  const errors: Partial<Record<keyof IntervalForm, string>> = {};
  if (f.startDate === '') errors.startDate = 'La date de début est obligatoire.';
  else if (!isIsoDate(f.startDate)) errors.startDate = 'La date de début n’est pas valide (exemple : 12/12/2026).';
  const endDate = f.endDate === '' ? f.startDate : f.endDate;
  if (f.endDate !== '' && !isIsoDate(f.endDate))
    errors.endDate = 'La date de fin n’est pas valide (exemple : 13/12/2026).';
  if (!f.allDay) {
    if (f.startTime === '') errors.startTime = 'L’heure de début est obligatoire (ou cochez « toute la journée »).';
    else if (!isIsoTime(f.startTime)) errors.startTime = 'L’heure de début n’est pas valide (exemple : 14:30).';
    if (f.endTime === '') errors.endTime = 'L’heure de fin est obligatoire (ou cochez « toute la journée »).';
    else if (!isIsoTime(f.endTime)) errors.endTime = 'L’heure de fin n’est pas valide (exemple : 18:00).';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const startsAt = parisToUtc(f.startDate, f.allDay ? '00:00' : f.startTime);
  const endsAt = parisToUtc(f.allDay ? addDays(endDate, 1) : endDate, f.allDay ? '00:00' : f.endTime);
  const skipped = 'Cette heure n’existe pas ce jour-là (passage à l’heure d’été) : choisissez-en une autre.';
  if (!startsAt) return { ok: false, errors: { startTime: skipped } };
  if (!endsAt) return { ok: false, errors: { endTime: skipped } };
  if (endsAt.getTime() < startsAt.getTime() || (f.allDay && endDate < f.startDate)) {
    return { ok: false, errors: { endDate: 'La fin de l’événement ne peut pas précéder son début.' } };
  }
  return { ok: true, startsAt, endsAt };
}

/** The form's date and time fields of a saved event (Paris time). */
export function intervalToForm(e: When): IntervalForm {
  const s = toParisLocal(new Date(e.startsAt));
  const end = toParisLocal(new Date(e.endsAt));
  if (e.allDay) return { allDay: true, startDate: s.date, startTime: '', endDate: addDays(end.date, -1), endTime: '' };
  return { allDay: false, startDate: s.date, startTime: s.time, endDate: end.date, endTime: end.time };
}
