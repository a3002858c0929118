/** French wording of an alert's dates, on a Paris clock. Formatters are built once: they are costly. */

const DAY = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});
const TIME = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
const SHORT_DAY = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'Europe/Paris',
});

const day = (iso: string) => DAY.format(new Date(iso));
const time = (iso: string) => TIME.format(new Date(iso));

/** "samedi 28 novembre 2026 à 08:00" */
export const formatMoment = (iso: string): string => `${day(iso)} à ${time(iso)}`;

/** "le samedi 28 novembre 2026, de 08:00 à 18:00" or "du … à 08:00 au … à 18:00". */
export function formatPeriod(startsAt: string, endsAt: string): string {
  if (day(startsAt) === day(endsAt)) return `le ${day(startsAt)}, de ${time(startsAt)} à ${time(endsAt)}`;
  return `du ${formatMoment(startsAt)} au ${formatMoment(endsAt)}`;
}

/** "jusqu’à 18:00" the same day as `now`, else "jusqu’au dimanche 29 novembre à 18:00". */
export function formatUntil(endsAt: string, now: Date): string {
  if (day(endsAt) === DAY.format(now)) return `jusqu’à ${time(endsAt)}`;
  return `jusqu’au ${SHORT_DAY.format(new Date(endsAt))} à ${time(endsAt)}`;
}
