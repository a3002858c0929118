import { parisLocalToDate } from '../../core/paris-time.js';

/** Pure rules of the alerts: kinds, severities, periods, which alert the banner shows. */

export const ALERTE_KINDS = ['coupure_eau', 'route_barree', 'meteo', 'autre'] as const;
export type AlerteKind = (typeof ALERTE_KINDS)[number];

export const KIND_LABELS: Record<AlerteKind, string> = {
  coupure_eau: 'Coupure d’eau',
  route_barree: 'Route barrée',
  meteo: 'Alerte météo',
  autre: 'Autre',
};

/** Least to most severe. */
export const SEVERITIES = ['information', 'vigilance', 'urgence'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  information: 'Information',
  vigilance: 'Vigilance',
  urgence: 'Urgence',
};

export const isKind = (v: string): v is AlerteKind => (ALERTE_KINDS as readonly string[]).includes(v);
export const isSeverity = (v: string): v is Severity => (SEVERITIES as readonly string[]).includes(v);

/** What the rules need of an alert. */
export interface AlertePeriod {
  id: number;
  severity: Severity;
  startsAt: string;
  endsAt: string;
}

export type AlerteTiming = 'a_venir' | 'en_cours' | 'passee';

export const TIMING_LABELS: Record<AlerteTiming, string> = {
  a_venir: 'À venir',
  en_cours: 'En cours',
  passee: 'Terminée',
};

/** An alert is current when start <= now < end. */
export function timingOf(a: Pick<AlertePeriod, 'startsAt' | 'endsAt'>, now: Date): AlerteTiming {
  const t = now.getTime();
  if (Date.parse(a.startsAt) > t) return 'a_venir';
  return Date.parse(a.endsAt) > t ? 'en_cours' : 'passee';
}

export const isCurrent = (a: Pick<AlertePeriod, 'startsAt' | 'endsAt'>, now: Date): boolean =>
  timingOf(a, now) === 'en_cours';

/** Most severe first, then the latest start, then the latest created. */
export function compareForBanner(x: AlertePeriod, y: AlertePeriod): number {
  const bySeverity = SEVERITIES.indexOf(y.severity) - SEVERITIES.indexOf(x.severity);
  if (bySeverity !== 0) return bySeverity;
  const byStart = Date.parse(y.startsAt) - Date.parse(x.startsAt);
  return byStart !== 0 ? byStart : y.id - x.id;
}

/** The alert the banner shows at `now`: among the current ones, the most severe, then the latest. */
export function chooseBannerAlerte<A extends AlertePeriod>(alertes: readonly A[], now: Date): A | null {
  const current = alertes.filter((a) => isCurrent(a, now)).sort(compareForBanner);
  return current[0] ?? null;
}

/** Public list: current (banner order), upcoming (soonest first), past (latest ended first, at most `pastLimit`). */
export function splitByTiming<A extends AlertePeriod>(
  alertes: readonly A[],
  now: Date,
  pastLimit = Number.POSITIVE_INFINITY,
): { current: A[]; upcoming: A[]; past: A[] } {
  const of = (t: AlerteTiming) => alertes.filter((a) => timingOf(a, now) === t);
  return {
    current: of('en_cours').sort(compareForBanner),
    upcoming: of('a_venir').sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt) || x.id - y.id),
    past: of('passee')
      .sort((x, y) => Date.parse(y.endsAt) - Date.parse(x.endsAt) || y.id - x.id)
      .slice(0, pastLimit),
  };
}

export type PeriodResult =
  | { ok: true; startsAt: Date; endsAt: Date }
  | { ok: false; errors: Partial<Record<'startsAt' | 'endsAt', string>> };

const FORMAT_HINT = 'au format JJ/MM/AAAA HH:MM';

/** Reads "2026-12-12T14:30" or "12/12/2026 14:30" on a Paris clock; null when malformed or non-existent. */
export function readParisDateTime(value: string): Date | null {
  const v = value.trim();
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(?:à\s+)?(\d{1,2})[:h](\d{2})$/.exec(v);
  if (!fr) return parisLocalToDate(v);
  const [d, m, y, h, mi] = fr.slice(1).map((x) => x.padStart(2, '0'));
  return parisLocalToDate(`${y}-${m}-${d}T${h}:${mi}`);
}

function readOne(value: string, what: 'Le début' | 'La fin'): { at: Date } | { error: string } {
  if (value.trim() === '') return { error: `${what} est obligatoire.` };
  const at = readParisDateTime(value);
  if (!at) {
    return {
      error: `${what} n’est pas une date et une heure valides (${FORMAT_HINT}, heure de Paris ; une heure sautée au passage à l’heure d’été n’existe pas).`,
    };
  }
  const year = at.getUTCFullYear();
  if (year < 2000 || year > 2100) return { error: `${what} doit être entre l’an 2000 et l’an 2100.` };
  return { at };
}

/** Validates an alert's period typed on a Paris clock: both required, the end after the start. */
export function validatePeriod(startsAt: string, endsAt: string): PeriodResult {
  const start = readOne(startsAt, 'Le début');
  const end = readOne(endsAt, 'La fin');
  const errors: Partial<Record<'startsAt' | 'endsAt', string>> = {};
  if ('error' in start) errors.startsAt = start.error;
  if ('error' in end) errors.endsAt = end.error;
  if ('at' in start && 'at' in end) {
    if (end.at.getTime() <= start.at.getTime()) errors.endsAt = 'La fin doit être après le début.';
    else return { ok: true, startsAt: start.at, endsAt: end.at };
  }
  return { ok: false, errors };
}

/** Confirmation links expire after 7 days; a pending subscription is erased then. */
export const CONFIRMATION_DAYS = 7;
/** At most one confirmation mail per address in this window (a form cannot be used to flood a mailbox). */
export const MAIL_THROTTLE_MINUTES = 5;

/** Is a mail to this address allowed again? */
export const mayMailAgain = (lastMailAt: string, now: Date): boolean =>
  now.getTime() - Date.parse(lastMailAt) >= MAIL_THROTTLE_MINUTES * 60_000;

/** Tokens in links: base64url, as `randomToken` makes them. */
export const isTokenShape = (token: string): boolean => /^[A-Za-z0-9_-]{20,100}$/.test(token);
