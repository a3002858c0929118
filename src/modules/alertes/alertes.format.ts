import { frenchDayFormat } from '../../core/french-dates.js';
import { toParisLocal } from '../../core/paris-time.js';

/** French wording of an alert's dates, on a Paris clock. */

const day = frenchDayFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const shortDay = frenchDayFormat({ weekday: 'long', day: 'numeric', month: 'long' });
/** "08:00", as TIME writes it: the hour and minutes on a Paris clock. */
const time = (iso: string) => toParisLocal(new Date(iso)).time;

/** "samedi 28 novembre 2026 à 08:00" */
export const formatMoment = (iso: string): string => `${day(iso)} à ${time(iso)}`;

/** "le samedi 28 novembre 2026, de 08:00 à 18:00" or "du … à 08:00 au … à 18:00". */
export function formatPeriod(startsAt: string, endsAt: string): string {
  if (day(startsAt) === day(endsAt)) return `le ${day(startsAt)}, de ${time(startsAt)} à ${time(endsAt)}`;
  return `du ${formatMoment(startsAt)} au ${formatMoment(endsAt)}`;
}

/** "jusqu’à 18:00" the same day as `now`, else "jusqu’au dimanche 29 novembre à 18:00". */
export function formatUntil(endsAt: string, now: Date): string {
  if (day(endsAt) === day(now)) return `jusqu’à ${time(endsAt)}`;
  return `jusqu’au ${shortDay(endsAt)} à ${time(endsAt)}`;
}
