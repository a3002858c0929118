import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * The job queue is platform-wide: one runner serves every commune, so these queries are
 * cross-commune by design. Every state change of a claimed job is a compare-and-set, so that two
 * server processes on one database never run the same job or the same periodic slot twice.
 */
type Db = Kysely<DB>;

export interface NewJob {
  name: string;
  payload: string;
  runAt: string;
  communeId: number | null;
  dedupeKey: string | null;
  now: string;
}

export interface ClaimedJob {
  id: number;
  name: string;
  payload: string;
  communeId: number | null;
  attempts: number;
  lockedUntil: string;
}

/** Inserts a job; returns its id, or null when a job with the same dedupe key already exists. */
export async function insertJob(db: Db, job: NewJob): Promise<number | null> {
  const row = await db
    .insertInto('job')
    .values({
      name: job.name,
      payload: job.payload,
      run_at: job.runAt,
      commune_id: job.communeId,
      dedupe_key: job.dedupeKey,
      status: 'pending',
      created_at: job.now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Ids of the jobs a runner may claim at `now`: due and pending, or running under an expired claim. */
export async function findClaimableJobIds(db: Db, names: string[], now: string, limit: number): Promise<number[]> {
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom('job')
    .select('id')
    .where('name', 'in', names)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('run_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Claims one job (compare-and-set on its state); undefined when another runner was faster. */
export async function claimJob(db: Db, id: number, now: string, lockedUntil: string): Promise<ClaimedJob | undefined> {
  const row = await db
    .updateTable('job')
    .set((eb) => ({ status: 'running', locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
        eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
      ]),
    )
    .returning(['id', 'name', 'payload', 'commune_id', 'attempts', 'locked_until'])
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    payload: row.payload,
    communeId: row.commune_id,
    attempts: row.attempts,
    lockedUntil: row.locked_until ?? lockedUntil,
  };
}

/**
 * Records the outcome of a claimed job, only if the claim is still ours (same locked_until): a
 * runner that overran its claim must not overwrite the state set by the one that took over.
 */
export async function finishJob(
  db: Db,
  claim: { id: number; lockedUntil: string },
  outcome: { status: 'pending' | 'done' | 'failed'; runAt?: string; error: string | null; now: string },
): Promise<boolean> {
  const r = await db
    .updateTable('job')
    .set({
      status: outcome.status,
      locked_until: null,
      last_error: outcome.error,
      finished_at: outcome.status === 'pending' ? null : outcome.now,
      ...(outcome.runAt !== undefined && { run_at: outcome.runAt }),
    })
    .where('id', '=', claim.id)
    .where('status', '=', 'running')
    .where('locked_until', '=', claim.lockedUntil)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Adds the periodic schedules that are not in the table yet (existing rows are left alone). */
export async function insertMissingSchedules(db: Db, schedules: { name: string; nextRunAt: string }[]): Promise<void> {
  for (const s of schedules) {
    await db
      .insertInto('job_schedule')
      .values({ name: s.name, next_run_at: s.nextRunAt })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
}

/** The schedules among `names` whose next slot is due at `now`. */
export async function findDueSchedules(
  db: Db,
  names: string[],
  now: string,
): Promise<{ name: string; nextRunAt: string }[]> {
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom('job_schedule')
    .select(['name', 'next_run_at'])
    .where('name', 'in', names)
    .where('next_run_at', '<=', now)
    .orderBy('next_run_at')
    .execute();
  return rows.map((r) => ({ name: r.name, nextRunAt: r.next_run_at }));
}

/** Claims the due slot of a schedule by moving it to its next slot (compare-and-set on the old one). */
export async function claimScheduleSlot(
  db: Db,
  name: string,
  dueSlot: string,
  v: { nextRunAt: string; now: string },
): Promise<boolean> {
  const r = await db
    .updateTable('job_schedule')
    .set({ next_run_at: v.nextRunAt, last_run_at: v.now })
    .where('name', '=', name)
    .where('next_run_at', '=', dueSlot)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records how the last run of a periodic job ended. */
export async function recordScheduleOutcome(
  db: Db,
  name: string,
  v: { status: 'done' | 'failed'; error: string | null },
): Promise<void> {
  await db
    .updateTable('job_schedule')
    .set({ last_status: v.status, last_error: v.error })
    .where('name', '=', name)
    .execute();
}
