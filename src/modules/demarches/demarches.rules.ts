/** Pure rules of requests: the lifecycle, references, and délais in jours ouvrés. */

export const STATUSES = ['recue', 'instruction', 'complements', 'acceptee', 'refusee', 'close'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  recue: 'Reçue',
  instruction: 'En cours d’instruction',
  complements: 'En attente de compléments',
  acceptee: 'Acceptée',
  refusee: 'Refusée',
  close: 'Close',
};

export const isStatus = (s: string): s is Status => (STATUSES as readonly string[]).includes(s);

/** The lifecycle as a table: which status may follow which. A reason is always required. */
export const TRANSITIONS: readonly { from: Status; to: Status }[] = [
  { from: 'recue', to: 'instruction' },
  { from: 'recue', to: 'complements' },
  { from: 'recue', to: 'acceptee' },
  { from: 'recue', to: 'refusee' },
  { from: 'recue', to: 'close' },
  { from: 'instruction', to: 'complements' },
  { from: 'instruction', to: 'acceptee' },
  { from: 'instruction', to: 'refusee' },
  { from: 'instruction', to: 'close' },
  { from: 'complements', to: 'instruction' },
  { from: 'complements', to: 'acceptee' },
  { from: 'complements', to: 'refusee' },
  { from: 'complements', to: 'close' },
];

export const canTransition = (from: Status, to: Status): boolean =>
  TRANSITIONS.some((t) => t.from === from && t.to === to);

export const nextStatuses = (from: Status): Status[] => TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);

export const isFinal = (s: Status): boolean => nextStatuses(s).length === 0;

/** 2026, 123 → "2026-000123". */
export const formatReference = (year: number, n: number): string => `${year}-${String(n).padStart(6, '0')}`;

export const isReferenceShape = (s: string): boolean => /^\d{4}-\d{6}$/.test(s);

const iso = (d: Date): string => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * 86_400_000);

/** Easter Sunday (Gregorian, anonymous algorithm of Meeus/Jones/Butcher) as a UTC date. */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

/** The eleven French public holidays of a year (metropolitan, Code du travail L3133-1), as YYYY-MM-DD. */
export function publicHolidays(year: number): Set<string> {
  const easter = easterSunday(year);
  const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`);
  return new Set([...fixed, iso(addDays(easter, 1)), iso(addDays(easter, 39)), iso(addDays(easter, 50))]);
}

/** A jour ouvré: Monday to Friday and not a public holiday. */
export function isJourOuvre(date: Date): boolean {
  const day = date.getUTCDay();
  return day !== 0 && day !== 6 && !publicHolidays(date.getUTCFullYear()).has(iso(date));
}

/** The date `days` jours ouvrés after `startDate` (YYYY-MM-DD, the day of receipt not counted). */
export function addJoursOuvres(startDate: string, days: number): string {
  let d = new Date(`${startDate}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d = addDays(d, 1);
    if (isJourOuvre(d)) left -= 1;
  }
  return iso(d);
}

export interface SilenceSettings {
  /** acceptation | rejet | aucune (no implicit decision for this type) */
  silence: 'acceptation' | 'rejet' | 'aucune';
  /** Délai in jours ouvrés, or in calendar months when `delaiMois` is set (CRPA L231-1: two months). */
  delaiJours: number;
  delaiMois?: number;
}

/** The same day `months` later (31 January + 1 month → 28 or 29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return iso(target);
}

/**
 * The implicit-decision date of a request complete on `completeDate` (the Paris date of receipt,
 * or of the arrival of the missing pieces: the délai restarts then, CRPA L114-5); null if none.
 */
export function decisionDue(settings: SilenceSettings, completeDate: string): string | null {
  if (settings.silence === 'aucune') return null;
  if (settings.delaiMois) return addMonths(completeDate, settings.delaiMois);
  return addJoursOuvres(completeDate, settings.delaiJours);
}

/** Whether a request still open is past its implicit-decision date (or within `soonDays` of it). */
export function dueState(status: Status, due: string | null, today: string, soonDays = 5): 'depasse' | 'proche' | null {
  if (due === null || isFinal(status)) return null;
  if (due < today) return 'depasse';
  return addJoursOuvres(today, soonDays) >= due ? 'proche' : null;
}

/** Reply templates of the agents; {prenom}, {nom}, {reference} and {commune} are replaced. */
export const REPLY_TEMPLATES: readonly { id: string; label: string; text: string }[] = [
  {
    id: 'complements',
    label: 'Demande de pièces complémentaires',
    text: 'Bonjour {prenom} {nom},\n\nPour instruire votre demande {reference}, il nous manque une ou plusieurs pièces. Pouvez-vous nous les transmettre en répondant depuis votre lien de suivi ?\n\nLa mairie de {commune}',
  },
  {
    id: 'prise_en_charge',
    label: 'Demande prise en charge',
    text: 'Bonjour {prenom} {nom},\n\nVotre demande {reference} est bien prise en charge par nos services. Nous revenons vers vous rapidement.\n\nLa mairie de {commune}',
  },
  {
    id: 'reponse',
    label: 'Réponse apportée',
    text: 'Bonjour {prenom} {nom},\n\nVoici la réponse à votre demande {reference} :\n\n\nLa mairie de {commune}',
  },
];

/** Fills a template's variables (unknown ones are left as they are). */
export function applyTemplate(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}
