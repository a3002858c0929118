import { PARIS_TZ, toParisLocal } from './paris-time.js';

/**
 * Dates and hours as French is written on the commune's pages and mails: days on a Paris calendar
 * (« mardi 1er décembre 2026 ») and hours of a Paris clock (« 8 h 30 »). Pure.
 */
/**
 * A French formatter of days on a Paris calendar (`options` show no time of day), writing « 1er »
 * for the first of the month ("mardi 1er décembre 2026"), and remembering its text per day.
 */
export function frenchDayFormat(options: Intl.DateTimeFormatOptions): (at: Date | string) => string {
  const intl = new Intl.DateTimeFormat('fr-FR', { ...options, timeZone: PARIS_TZ });
  return memoByParisDay((at) => intl.format(at).replace(/(^|\s)1 /, '$11er '));
}

/**
 * `format` (a formatter of days: it must show no time of day) remembering its text per Paris day.
 * Intl formatting costs microseconds a call, and every public page writes the same few days.
 */
export function memoByParisDay(format: (at: Date) => string, max = 2_000): (at: Date | string) => string {
  const texts = new Map<string, string>();
  return (at) => {
    const instant = typeof at === 'string' ? new Date(at) : at;
    const day = toParisLocal(instant).date;
    let text = texts.get(day);
    if (text === undefined) {
      text = format(instant);
      if (texts.size >= max) texts.clear();
      texts.set(day, text);
    }
    return text;
  };
}

/** "08:30" → "8 h 30", "14:00" → "14 h" (the French way). */
export function frenchHour(hhmm: string): string {
  const [h = '0', m = '00'] = hhmm.split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}
