/**
 * Wall-clock time in France ⇄ instants. People type dates and times as they read them on a Paris
 * clock; the database keeps ISO-8601 UTC instants. Pure: no clock, no I/O.
 */

export const PARIS_TZ = 'Europe/Paris';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

// Built once: Intl formatters are costly.
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A date ("2026-12-12") and a time ("14:30") on a Paris clock. */
export interface ParisLocal {
  date: string;
  time: string;
}

const HOUR_MS = 3_600_000;
/** Paris's offset from UTC (ms) per UTC hour: it only ever changes on a whole UTC hour. */
const offsets = new Map<number, number>();

function parisOffsetMs(at: number): number {
  const hour = Math.floor(at / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const p = Object.fromEntries(PARTS.formatToParts(new Date(hour * HOUR_MS)).map((x) => [x.type, x.value]));
    offset =
      Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - hour * HOUR_MS;
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** What a Paris clock shows at `at`. */
export function toParisLocal(at: Date): ParisLocal {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid time value');
  const local = new Date(ms + parisOffsetMs(ms));
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`,
  };
}

/** A real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isIsoDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2999 && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export const isIsoTime = (time: string): boolean => TIME_RE.test(time);

/** The calendar date `n` days after `date` (YYYY-MM-DD). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * The instant a Paris clock shows `date` `time`, or null when the input is malformed or the time
 * does not exist (the hour skipped when summer time starts). A time that happens twice (when
 * summer time ends) is taken at its first occurrence.
 */
export function parisToUtc(date: string, time: string): Date | null {
  if (!isIsoDate(date) || !isIsoTime(time)) return null;
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The offset is the one in force a few hours before or after: try both, earliest instant first.
  const offsets = [offsetMs(new Date(asUtc - 12 * 3_600_000)), offsetMs(new Date(asUtc + 12 * 3_600_000))];
  for (const offset of [...new Set(offsets)].sort((a, b) => b - a)) {
    const candidate = new Date(asUtc - offset);
    const back = toParisLocal(candidate);
    if (back.date === date && back.time === time) return candidate;
  }
  return null;
}

/** Paris time minus UTC at `at`, in milliseconds (1 h in winter, 2 h in summer). */
function offsetMs(at: Date): number {
  const local = toParisLocal(at);
  const [y, mo, d] = local.date.split('-').map(Number) as [number, number, number];
  const [h, mi] = local.time.split(':').map(Number) as [number, number];
  const truncated = Math.floor(at.getTime() / 60_000) * 60_000;
  return Date.UTC(y, mo - 1, d, h, mi) - truncated;
}

/**
 * "2026-12-12T14:30" (what an `<input type="datetime-local">` sends), read on a Paris clock → the
 * instant, or null when malformed or non-existent. Seconds ":00" and a space instead of "T" are accepted.
 */
export function parisLocalToDate(value: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::00(?:\.0+)?)?$/.exec(value.trim());
  return m?.[1] && m[2] ? parisToUtc(m[1], m[2]) : null;
}

/** The value of an `<input type="datetime-local">` showing `at` on a Paris clock: "2026-12-12T14:30". */
export function dateToParisLocal(at: Date): string {
  const l = toParisLocal(at);
  return `${l.date}T${l.time}`;
}
