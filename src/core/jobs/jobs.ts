import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import type { Log } from '../context.js';
import * as repo from './jobs.platform.repo.js';
import {
  afterFailure,
  CLAIM_MS,
  claimUntil,
  MAX_ATTEMPTS,
  nextRunAt,
  parseSchedule,
  type Schedule,
} from './jobs.rules.js';

export interface JobInput {
  /** The handler's name, `<module>.<what>` (e.g. `demarches.relance`). */
  name: string;
  /** JSON-serializable; the handler validates it. */
  payload?: unknown;
  runAt: Date;
  communeId?: number | null;
  /** A second job with the same key is not queued (e.g. `relance:dossier:42:2026-12-01`). */
  dedupeKey?: string | null;
}

/**
 * Queues a one-off job in the caller's transaction: it exists exactly when the change that causes
 * it does. Returns its id, or null when a job with the same dedupe key already exists. `now` only
 * dates the row (created_at); it is never compared.
 */
export async function scheduleJob(trx: Kysely<DB>, job: JobInput, now: Date = new Date()): Promise<number | null> {
  return repo.insertJob(trx, {
    name: job.name,
    payload: JSON.stringify(job.payload ?? {}),
    runAt: job.runAt.toISOString(),
    communeId: job.communeId ?? null,
    dedupeKey: job.dedupeKey ?? null,
    now: now.toISOString(),
  });
}

/** What a one-off job's handler receives besides its payload. */
export interface JobCtx {
  db: Database;
  now: Clock;
  log: Log;
  jobId: number;
  communeId: number | null;
  /** 1 on the first try. */
  attempt: number;
}

/** What a periodic job's handler receives: `slot` is the scheduled time being run. */
export interface PeriodicCtx {
  db: Database;
  now: Clock;
  log: Log;
  slot: Date;
}

export type JobHandler = (payload: unknown, ctx: JobCtx) => Promise<void>;

export interface PeriodicJob {
  name: string;
  /** "every 15 minutes" or "daily at 03:30" (Paris time). */
  schedule: string;
  handler: (ctx: PeriodicCtx) => Promise<void>;
}

export interface JobRunnerOptions {
  db: Database;
  now: Clock;
  log: Log;
  handlers?: Record<string, JobHandler>;
  periodic?: PeriodicJob[];
  /** One-off jobs taken per tick. */
  batchSize?: number;
  claimMs?: number;
  maxAttempts?: number;
}

export interface RunSummary {
  done: number;
  failed: number;
  periodic: number;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Runs due one-off jobs and periodic schedules. Every claim is a compare-and-set on the row, so
 * any number of runners (server processes) may share one database: a job runs once, a periodic
 * slot runs once. A one-off job whose runner died is taken over when its claim expires; a periodic
 * slot whose runner died is lost (the next slot comes anyway).
 */
export class JobRunner {
  private readonly periodic: { job: PeriodicJob; schedule: Schedule }[];
  private schedulesReady: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly opts: JobRunnerOptions) {
    this.periodic = (opts.periodic ?? []).map((job) => ({ job, schedule: parseSchedule(job.schedule) }));
    const names = this.periodic.map((p) => p.job.name);
    const duplicate = names.find((n, i) => names.indexOf(n) !== i);
    if (duplicate) throw new Error(`Periodic job "${duplicate}" is registered twice`);
  }

  /** Runs what is due now, once; returns what it did. */
  async runDue(): Promise<RunSummary> {
    await this.ensureSchedules();
    const periodic = await this.runDuePeriodic();
    const { done, failed } = await this.runDueJobs();
    return { done, failed, periodic };
  }

  /** Runs `runDue` now and then every `intervalMs` until `stop()`. */
  start(intervalMs = 5_000): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = (): void => {
      this.tick = this.runDue()
        .then(
          () => undefined,
          (error: unknown) => this.opts.log.error({ err: errorText(error) }, 'job runner tick failed'),
        )
        .finally(() => {
          this.tick = undefined;
          if (!this.stopped) this.timer = setTimeout(loop, intervalMs).unref();
        });
    };
    loop();
  }

  /** Stops the loop; resolves once the running tick, if any, has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.tick;
  }

  /** Inserts the periodic schedules not in the table yet, once per runner (again after a failure). */
  private ensureSchedules(): Promise<void> {
    if (!this.schedulesReady) {
      const now = this.opts.now();
      const rows = this.periodic.map((p) => ({
        name: p.job.name,
        nextRunAt: nextRunAt(p.schedule, now).toISOString(),
      }));
      this.schedulesReady = repo.insertMissingSchedules(this.opts.db, rows).catch((error: unknown) => {
        this.schedulesReady = undefined;
        throw error;
      });
    }
    return this.schedulesReady;
  }

  private async runDuePeriodic(): Promise<number> {
    const { db, log } = this.opts;
    const now = this.opts.now();
    const due = await repo.findDueSchedules(
      db,
      this.periodic.map((p) => p.job.name),
      now.toISOString(),
    );
    let ran = 0;
    for (const row of due) {
      const p = this.periodic.find((x) => x.job.name === row.name);
      if (!p) continue;
      const next = nextRunAt(p.schedule, now).toISOString();
      if (!(await repo.claimScheduleSlot(db, row.name, row.nextRunAt, { nextRunAt: next, now: now.toISOString() }))) {
        continue;
      }
      ran++;
      const jobLog = log.child({ job: row.name, slot: row.nextRunAt });
      try {
        await p.job.handler({ db, now: this.opts.now, log: jobLog, slot: new Date(row.nextRunAt) });
        await repo.recordScheduleOutcome(db, row.name, { status: 'done', error: null });
      } catch (error) {
        jobLog.error({ err: errorText(error) }, 'periodic job failed');
        await repo.recordScheduleOutcome(db, row.name, { status: 'failed', error: errorText(error) });
      }
    }
    return ran;
  }

  private async runDueJobs(): Promise<{ done: number; failed: number }> {
    const { db } = this.opts;
    const names = Object.keys(this.opts.handlers ?? {});
    const ids = await repo.findClaimableJobIds(db, names, this.opts.now().toISOString(), this.opts.batchSize ?? 20);
    let done = 0;
    let failed = 0;
    for (const id of ids) {
      const now = this.opts.now();
      const claim = await repo.claimJob(
        db,
        id,
        now.toISOString(),
        claimUntil(now, this.opts.claimMs ?? CLAIM_MS).toISOString(),
      );
      if (!claim) continue;
      if (await this.runClaimed(claim)) done++;
      else failed++;
    }
    return { done, failed };
  }

  /** Runs a claimed job and records the outcome; true when it succeeded. */
  private async runClaimed(claim: repo.ClaimedJob): Promise<boolean> {
    const { db, log } = this.opts;
    const maxAttempts = this.opts.maxAttempts ?? MAX_ATTEMPTS;
    const jobLog = log.child({ job: claim.name, jobId: claim.id, attempt: claim.attempts });
    try {
      // Attempts are counted at claim time: a job that kills its runner is not retried forever.
      if (claim.attempts > maxAttempts) throw new Error(`abandoned after ${maxAttempts} attempts`);
      const handler = this.opts.handlers?.[claim.name];
      if (!handler) throw new Error(`no handler for job "${claim.name}"`);
      const ctx: JobCtx = {
        db,
        now: this.opts.now,
        log: jobLog,
        jobId: claim.id,
        communeId: claim.communeId,
        attempt: claim.attempts,
      };
      await handler(JSON.parse(claim.payload) as unknown, ctx);
      await repo.finishJob(db, claim, { status: 'done', error: null, now: this.opts.now().toISOString() });
      return true;
    } catch (error) {
      const now = this.opts.now();
      const outcome = afterFailure(claim.attempts, now, maxAttempts);
      await repo.finishJob(db, claim, {
        status: outcome.status,
        ...(outcome.status === 'pending' && { runAt: outcome.runAt.toISOString() }),
        error: errorText(error),
        now: now.toISOString(),
      });
      jobLog.warn(
        { err: errorText(error) },
        outcome.status === 'failed' ? 'job failed for good' : 'job failed, will retry',
      );
      return false;
    }
  }
}
