/** Pure rules of the job runner: retries, claims and the slots of periodic schedules. */

/** A one-off job is tried this many times (crashed attempts included), then marked failed. */
export const MAX_ATTEMPTS = 5;

/** How long a runner owns a claimed job; past it the runner is presumed dead and the job reclaimable. */
export const CLAIM_MS = 10 * 60_000;

/** The periodic schedules' wall clock: the communes live on Paris time, summer time included. */
export const SCHEDULE_TIME_ZONE = 'Europe/Paris';

/** Delay before retrying after `attempts` failed tries: 30 s, 1 min, 2 min… capped at 1 hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);
}

/** What becomes of a one-off job whose attempt number `attempts` just failed at `now`. */
export function afterFailure(
  attempts: number,
  now: Date,
  maxAttempts = MAX_ATTEMPTS,
): { status: 'pending' | 'failed'; runAt: Date } {
  if (attempts >= maxAttempts) return { status: 'failed', runAt: now };
  return { status: 'pending', runAt: new Date(now.getTime() + retryDelayMs(attempts)) };
}

/** End of a claim taken at `now`. */
export const claimUntil = (now: Date, claimMs = CLAIM_MS): Date => new Date(now.getTime() + claimMs);

export type Schedule = { kind: 'every'; minutes: number } | { kind: 'daily'; hour: number; minute: number };

/** "every 15 minutes", "every minute", "daily at 03:30" → Schedule; throws on anything else. */
export function parseSchedule(text: string): Schedule {
  const t = text.trim().toLowerCase();
  if (t === 'every minute') return { kind: 'every', minutes: 1 };
  const every = /^every (\d{1,4}) minutes?$/.exec(t);
  if (every) {
    const minutes = Number(every[1]);
    if (minutes >= 1 && minutes <= 1440) return { kind: 'every', minutes };
  }
  const daily = /^daily at (\d{2}):(\d{2})$/.exec(t);
  if (daily) {
    const hour = Number(daily[1]);
    const minute = Number(daily[2]);
    if (hour <= 23 && minute <= 59) return { kind: 'daily', hour, minute };
  }
  throw new Error(`Invalid schedule "${text}": expected "every N minutes" or "daily at HH:MM"`);
}

/**
 * The first slot of the schedule strictly after `after`. Slots missed while no runner was up are
 * skipped, not made up. `every N minutes` slots are aligned on the epoch (so, N dividing 60, on
 * the clock), hence the same for every process.
 */
export function nextRunAt(schedule: Schedule, after: Date): Date {
  if (schedule.kind === 'every') {
    const step = schedule.minutes * 60_000;
    return new Date((Math.floor(after.getTime() / step) + 1) * step);
  }
  const today = wallClock(after.getTime());
  for (let day = 0; day <= 2; day++) {
    const slot = zonedTimeToUtc(today.year, today.month, today.day + day, schedule.hour, schedule.minute);
    if (slot > after.getTime()) return new Date(slot);
  }
  throw new Error('unreachable: a daily slot always exists within two days');
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: SCHEDULE_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The Paris wall clock at instant `t` (ms since the epoch). */
function wallClock(t: number): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Offset of Paris from UTC at instant `t`, in ms (+1 h in winter, +2 h in summer). */
function offsetAt(t: number): number {
  const w = wallClock(t);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(t / 1000) * 1000;
}

/**
 * The instant Paris shows this wall time. A time skipped by the spring change (02:30) is moved
 * forward by the gap (03:30); a time shown twice in autumn maps to one fixed instant, so each
 * day still has exactly one slot. Day overflow (31 + 1) is normalized by Date.UTC.
 */
export function zonedTimeToUtc(year: number, month: number, day: number, hour: number, minute: number): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const first = asUtc - offsetAt(asUtc);
  const second = offsetAt(first);
  return second === offsetAt(asUtc) ? first : asUtc - second;
}
