/** Pure rules of backups: names, retention, freshness. No clock, no I/O. */

/** A backup file's extension. */
export const BACKUP_EXTENSION = '.clocher-backup';

/** After this long without a successful backup, the back-office warns. */
export const STALE_AFTER_MS = 48 * 3600_000;

/** How many backups of each period are kept (the newest of each). */
export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

const NAME = /^clocher-(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z(?:-(\d{1,3}))?$/;

/** The name of a backup taken at `at`: `clocher-2026-11-28T03-15-00Z` (`-2`, `-3`… if taken twice). */
export function backupName(at: Date, sequence = 1): string {
  const stamp = at.toISOString().slice(0, 19).replace(/:/g, '-');
  return `clocher-${stamp}Z${sequence > 1 ? `-${sequence}` : ''}`;
}

/** The instant a backup name records, or null when the name is not a backup's. */
export function parseBackupName(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`);
  return Number.isNaN(at.getTime()) || backupName(at) !== name.replace(/-\d{1,3}$/, '') ? null : at;
}

/** True when `name` is a well-formed backup name (the only names that ever reach a path). */
export const isBackupName = (name: string): boolean => parseBackupName(name) !== null;

const dayKey = (d: Date): string => d.toISOString().slice(0, 10);
const monthKey = (d: Date): string => d.toISOString().slice(0, 7);

/** ISO-8601 week (`2026-W48`): weeks start on Monday, week 1 holds the year's first Thursday. */
export function isoWeekKey(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = t.getUTCDay() === 0 ? 7 : t.getUTCDay();
  t.setUTCDate(t.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which backups to keep: the newest backup of each of the last `daily` days that have one, of the
 * last `weekly` ISO weeks, of the last `monthly` months (periods without a backup do not count, so
 * a server down for a week still keeps 7 daily backups). The newest backup is always kept; names
 * that are not backups' are never touched. Returns the names to delete, oldest first.
 */
export function backupsToDelete(names: string[], policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const dated = names
    .map((name) => ({ name, at: parseBackupName(name) }))
    .filter((b): b is { name: string; at: Date } => b.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime() || b.name.localeCompare(a.name));
  const keep = new Set<string>();
  if (dated[0]) keep.add(dated[0].name);
  const periods: [(d: Date) => string, number][] = [
    [dayKey, policy.daily],
    [isoWeekKey, policy.weekly],
    [monthKey, policy.monthly],
  ];
  for (const [key, count] of periods) {
    const seen = new Set<string>();
    for (const b of dated) {
      if (seen.size >= count) break;
      const k = key(b.at);
      if (seen.has(k)) continue;
      seen.add(k);
      keep.add(b.name);
    }
  }
  return dated
    .filter((b) => !keep.has(b.name))
    .map((b) => b.name)
    .reverse();
}

/** The state of backups shown to people: when the last one ran, and whether it is too old. */
export interface BackupFreshness {
  /** No successful backup ever, or the last one is older than STALE_AFTER_MS. */
  stale: boolean;
  /** Whole hours since the last successful backup (null when none). */
  hoursSince: number | null;
}

export function backupFreshness(lastOkAt: string | null, now: Date): BackupFreshness {
  if (lastOkAt === null) return { stale: true, hoursSince: null };
  const age = now.getTime() - Date.parse(lastOkAt);
  return { stale: age > STALE_AFTER_MS, hoursSince: Math.max(0, Math.floor(age / 3600_000)) };
}
