import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { createDb, type Database } from '../../db/database.js';
import { type JobHandler, JobRunner, type JobRunnerOptions, type PeriodicJob, scheduleJob } from './jobs.js';
import { MAX_ATTEMPTS, retryDelayMs } from './jobs.rules.js';

const log = pino({ level: 'silent' });

/** A clock the test moves by hand. */
function fakeClock(startIso: string) {
  let t = Date.parse(startIso);
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
    set: (iso: string) => {
      t = Date.parse(iso);
    },
  };
}

async function queue(db: Database, name: string, payload: unknown, runAt: Date, dedupeKey?: string) {
  return db.transaction().execute((trx) => scheduleJob(trx, { name, payload, runAt, dedupeKey }, runAt));
}

const jobRow = (db: Database, id: number) =>
  db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describeEachEngine('jobs : tâches ponctuelles', (engine) => {
  let t: TestDb;
  let clock: ReturnType<typeof fakeClock>;
  const runner = (o: Partial<JobRunnerOptions>) => new JobRunner({ db: t.db, now: clock.now, log, ...o });
  beforeEach(async () => {
    t = await createTestDb(engine);
    clock = fakeClock('2026-12-01T10:00:00.000Z');
  });
  afterEach(() => t.destroy());

  it('exécute une tâche due une seule fois, avec sa charge', async () => {
    const seen: unknown[] = [];
    const id = await queue(t.db, 'test.echo', { dossier: 42 }, clock.now());
    const r = runner({ handlers: { 'test.echo': async (payload) => void seen.push(payload) } });
    assert.deepEqual(await r.runDue(), { done: 1, failed: 0, periodic: 0 });
    assert.deepEqual(await r.runDue(), { done: 0, failed: 0, periodic: 0 });
    assert.deepEqual(seen, [{ dossier: 42 }]);
    const row = await jobRow(t.db, id ?? 0);
    assert.equal(row.status, 'done');
    assert.equal(row.attempts, 1);
    assert.equal(row.finished_at, clock.now().toISOString());
    assert.equal(row.locked_until, null);
  });

  it('n’exécute pas une tâche avant son heure', async () => {
    let calls = 0;
    await queue(t.db, 'test.later', {}, new Date(clock.now().getTime() + 10 * 60_000));
    const r = runner({ handlers: { 'test.later': async () => void calls++ } });
    await r.runDue();
    assert.equal(calls, 0);
    clock.advance(10 * 60_000);
    await r.runDue();
    assert.equal(calls, 1);
  });

  it('réessaie une tâche en échec avec un délai croissant, puis la marque en échec', async () => {
    let calls = 0;
    const id = (await queue(t.db, 'test.boom', {}, clock.now())) ?? 0;
    const r = runner({
      handlers: {
        'test.boom': async (_p, ctx) => {
          calls++;
          assert.equal(ctx.attempt, calls);
          throw new Error('serveur distant indisponible');
        },
      },
    });
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      assert.equal((await r.runDue()).failed, 1);
      const row = await jobRow(t.db, id);
      assert.equal(row.status, 'pending');
      assert.equal(row.run_at, new Date(clock.now().getTime() + retryDelayMs(attempt)).toISOString());
      await r.runDue(); // too early: nothing happens
      assert.equal(calls, attempt);
      clock.set(row.run_at);
    }
    await r.runDue();
    const row = await jobRow(t.db, id);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, MAX_ATTEMPTS);
    assert.equal(row.last_error, 'serveur distant indisponible');
    clock.advance(24 * 3600_000);
    await r.runDue();
    assert.equal(calls, MAX_ATTEMPTS);
  });

  it('réussit à la tentative suivante après un échec passager', async () => {
    let calls = 0;
    const id = (await queue(t.db, 'test.flaky', {}, clock.now())) ?? 0;
    const flaky: JobHandler = async () => {
      if (++calls === 1) throw new Error('passager');
    };
    const r = runner({ handlers: { 'test.flaky': flaky } });
    await r.runDue();
    clock.advance(retryDelayMs(1));
    assert.equal((await r.runDue()).done, 1);
    const row = await jobRow(t.db, id);
    assert.equal(row.status, 'done');
    assert.equal(row.attempts, 2);
    assert.equal(row.last_error, null);
  });

  it('reprend une tâche dont la réservation a expiré (runner tombé), pas une réservation vivante', async () => {
    const calls: number[] = [];
    const dead = (await queue(t.db, 'test.resume', { n: 1 }, clock.now())) ?? 0;
    const alive = (await queue(t.db, 'test.resume', { n: 2 }, clock.now())) ?? 0;
    const past = new Date(clock.now().getTime() - 1000).toISOString();
    const future = new Date(clock.now().getTime() + 60_000).toISOString();
    await t.db
      .updateTable('job')
      .set({ status: 'running', attempts: 1, locked_until: past })
      .where('id', '=', dead)
      .execute();
    await t.db
      .updateTable('job')
      .set({ status: 'running', attempts: 1, locked_until: future })
      .where('id', '=', alive)
      .execute();
    const r = runner({ handlers: { 'test.resume': async (p) => void calls.push((p as { n: number }).n) } });
    await r.runDue();
    assert.deepEqual(calls, [1]);
    assert.equal((await jobRow(t.db, dead)).attempts, 2);
    assert.equal((await jobRow(t.db, alive)).status, 'running');
  });

  it('abandonne une tâche qui a fait tomber son runner à chaque tentative', async () => {
    let calls = 0;
    const id = (await queue(t.db, 'test.crash', {}, clock.now())) ?? 0;
    const past = new Date(clock.now().getTime() - 1000).toISOString();
    await t.db
      .updateTable('job')
      .set({ status: 'running', attempts: MAX_ATTEMPTS, locked_until: past })
      .where('id', '=', id)
      .execute();
    await runner({ handlers: { 'test.crash': async () => void calls++ } }).runDue();
    assert.equal(calls, 0);
    const row = await jobRow(t.db, id);
    assert.equal(row.status, 'failed');
    assert.match(row.last_error ?? '', /abandoned/);
  });

  it('ne met pas en file une seconde tâche de même dedupeKey', async () => {
    const first = await queue(t.db, 'test.once', { v: 1 }, clock.now(), 'relance:dossier:7');
    const second = await queue(t.db, 'test.once', { v: 2 }, clock.now(), 'relance:dossier:7');
    const other = await queue(t.db, 'test.once', { v: 3 }, clock.now(), 'relance:dossier:8');
    assert.equal(typeof first, 'number');
    assert.equal(second, null);
    assert.equal(typeof other, 'number');
    const rows = await t.db.selectFrom('job').select('payload').orderBy('id').execute();
    assert.deepEqual(
      rows.map((r) => JSON.parse(r.payload)),
      [{ v: 1 }, { v: 3 }],
    );
  });

  it('garde le doublon sans interrompre la transaction appelante', async () => {
    await t.db.transaction().execute(async (trx) => {
      await scheduleJob(trx, { name: 'test.once', runAt: clock.now(), dedupeKey: 'k' });
      assert.equal(await scheduleJob(trx, { name: 'test.once', runAt: clock.now(), dedupeKey: 'k' }), null);
      await scheduleJob(trx, { name: 'test.other', runAt: clock.now() });
    });
    const n = await t.db
      .selectFrom('job')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(n.n, 2);
  });

  it('laisse en attente une tâche qu’aucun handler ne connaît', async () => {
    const id = (await queue(t.db, 'module.absent', {}, clock.now())) ?? 0;
    await runner({ handlers: {} }).runDue();
    assert.equal((await jobRow(t.db, id)).status, 'pending');
  });

  it('arrête la boucle en attendant le passage en cours', async () => {
    let release: () => void = () => {};
    const started: number[] = [];
    await queue(t.db, 'test.slow', { n: 1 }, clock.now());
    const r = runner({
      handlers: {
        'test.slow': async (p) => {
          started.push((p as { n: number }).n);
          await new Promise<void>((resolve) => {
            release = resolve;
          });
        },
      },
    });
    r.start(5);
    while (started.length === 0) await sleep(2);
    let stopped = false;
    const stopping = r.stop().then(() => {
      stopped = true;
    });
    await sleep(20);
    assert.equal(stopped, false);
    release();
    await stopping;
    const late = (await queue(t.db, 'test.slow', { n: 2 }, clock.now())) ?? 0;
    await sleep(30);
    assert.deepEqual(started, [1]);
    assert.equal((await jobRow(t.db, late)).status, 'pending');
  });
});

describeEachEngine('jobs : deux runners sur la même base', (engine) => {
  let t: TestDb;
  let other: Database;
  let clock: ReturnType<typeof fakeClock>;
  beforeEach(async () => {
    t = await createTestDb(engine);
    // PostgreSQL: a second pool, as a second server process would have; SQLite: one file, one writer.
    other = t.url ? createDb({ engine: 'postgres', connectionString: t.url }) : t.db;
    clock = fakeClock('2026-12-01T10:00:30.000Z');
  });
  afterEach(async () => {
    if (other !== t.db) await other.destroy();
    await t.destroy();
  });

  const together = (a: JobRunner, b: JobRunner) => Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);

  it('exécute chaque tâche exactement une fois', async () => {
    const runs = new Map<number, number>();
    const handler: JobHandler = async (_p, ctx) => {
      runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1);
      await sleep(1);
    };
    for (let i = 0; i < 40; i++) await queue(t.db, 'test.count', { i }, clock.now());
    const opts = { now: clock.now, log, handlers: { 'test.count': handler }, batchSize: 7 };
    const a = new JobRunner({ db: t.db, ...opts });
    const b = new JobRunner({ db: other, ...opts });
    for (let round = 0; round < 40 && runs.size < 40; round++) await together(a, b);
    assert.equal(runs.size, 40);
    assert.deepEqual([...new Set(runs.values())], [1]);
    const left = await t.db.selectFrom('job').select('id').where('status', '!=', 'done').execute();
    assert.deepEqual(left, []);
  });

  it('exécute chaque créneau périodique exactement une fois', async () => {
    const slots = new Map<string, number>();
    const periodic: PeriodicJob[] = [
      {
        name: 'test.tick',
        schedule: 'every 1 minute',
        handler: async (ctx) => {
          const key = ctx.slot.toISOString();
          slots.set(key, (slots.get(key) ?? 0) + 1);
          await sleep(1);
        },
      },
    ];
    const a = new JobRunner({ db: t.db, now: clock.now, log, periodic });
    const b = new JobRunner({ db: other, now: clock.now, log, periodic });
    await together(a, b);
    for (let minute = 0; minute < 10; minute++) {
      clock.advance(60_000);
      await together(a, b);
    }
    assert.equal(slots.size, 10);
    assert.deepEqual([...new Set(slots.values())], [1]);
    assert.equal([...slots.keys()].sort()[0], '2026-12-01T10:01:00.000Z');
  });
});
