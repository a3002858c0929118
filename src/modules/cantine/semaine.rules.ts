import { addDays, isIsoDate, toParisLocal } from '../../core/paris-time.js';

/**
 * ISO 8601 weeks ("2026-W48"): weeks start on Monday, week 1 holds the year's first Thursday, so
 * a year has 52 or 53 weeks and 29 December may belong to week 1 of the next year. Pure.
 */

export interface IsoWeek {
  year: number;
  week: number;
}

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

const parts = (date: string) => date.split('-').map(Number) as [number, number, number];

/** 1 (Monday) … 7 (Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const [y, m, d] = parts(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The ISO week of a calendar date: the week of its Thursday. */
export function isoWeekOf(date: string): IsoWeek {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const jan1 = `${year}-01-01`;
  const dayOfYear = Math.round((Date.parse(thursday) - Date.parse(jan1)) / 86_400_000);
  return { year, week: Math.floor(dayOfYear / 7) + 1 };
}

/** 53 when 1 January is a Thursday, or a Wednesday in a leap year; 52 otherwise. */
export function weeksInYear(year: number): 52 | 53 {
  return isoWeekOf(`${year}-12-28`).week === 53 ? 53 : 52;
}

/** "2026-W48" → the week, or null when malformed or impossible (week 00, week 53 of a 52-week year). */
export function parseIsoWeek(text: string): IsoWeek | null {
  const m = WEEK_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1900 || year > 2999 || week < 1 || week > weeksInYear(year)) return null;
  return { year, week };
}

export const formatIsoWeek = (w: IsoWeek): string => `${w.year}-W${String(w.week).padStart(2, '0')}`;

/** Monday of the week, "YYYY-MM-DD". */
export function mondayOf(w: IsoWeek): string {
  const jan4 = `${w.year}-01-04`;
  const firstMonday = addDays(jan4, 1 - isoWeekday(jan4));
  return addDays(firstMonday, (w.week - 1) * 7);
}

/** The week `n` weeks after (or before, when negative). */
export const addWeeks = (w: IsoWeek, n: number): IsoWeek => isoWeekOf(addDays(mondayOf(w), n * 7));

/** The seven dates of the week, Monday first. */
export const weekDates = (w: IsoWeek): string[] => [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(mondayOf(w), i));

/** The week a Paris clock is in at `now`. */
export const currentIsoWeek = (now: Date): IsoWeek => isoWeekOf(toParisLocal(now).date);

/** The date a Paris clock shows at `now`. */
export const parisToday = (now: Date): string => toParisLocal(now).date;

const dayNumber = (d: number) => (d === 1 ? '1er' : String(d));

/** "lundi 30 novembre", or with the year "lundi 30 novembre 2026". */
export function formatDayLabel(date: string, withYear = false): string {
  if (!isIsoDate(date)) return date;
  const [y, m, d] = parts(date);
  const text = `${WEEKDAYS[isoWeekday(date) - 1]} ${dayNumber(d)} ${MONTHS[m - 1]}`;
  return withYear ? `${text} ${y}` : text;
}

/** "du 23 au 27 novembre 2026", "du 30 novembre au 4 décembre 2026", "du 28 décembre 2026 au 1er janvier 2027". */
export function formatWeekRange(w: IsoWeek): string {
  const from = mondayOf(w);
  const to = addDays(from, 4);
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  const end = `${dayNumber(d2)} ${MONTHS[m2 - 1]} ${y2}`;
  if (y1 !== y2) return `du ${dayNumber(d1)} ${MONTHS[m1 - 1]} ${y1} au ${end}`;
  if (m1 !== m2) return `du ${dayNumber(d1)} ${MONTHS[m1 - 1]} au ${end}`;
  return `du ${dayNumber(d1)} au ${end}`;
}
