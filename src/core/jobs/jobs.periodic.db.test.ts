import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import pino from 'pino';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { JobRunner, type PeriodicJob } from './jobs.js';

const log = pino({ level: 'silent' });

describeEachEngine('jobs : tâches périodiques', (engine) => {
  let t: TestDb;
  let now: Date;
  const clock = () => now;
  const runner = (periodic: PeriodicJob[]) => new JobRunner({ db: t.db, now: clock, log, periodic });
  const schedule = (name: string) =>
    t.db.selectFrom('job_schedule').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
  beforeEach(async () => {
    t = await createTestDb(engine);
    now = new Date('2026-12-01T10:02:00.000Z');
  });
  afterEach(() => t.destroy());

  it('lance la tâche à chaque créneau, sans rattraper les créneaux manqués', async () => {
    const slots: string[] = [];
    const r = runner([
      { name: 'test.every5', schedule: 'every 5 minutes', handler: async (c) => void slots.push(c.slot.toISOString()) },
    ]);
    assert.equal((await r.runDue()).periodic, 0);
    assert.equal((await schedule('test.every5')).next_run_at, '2026-12-01T10:05:00.000Z');
    now = new Date('2026-12-01T10:05:00.000Z');
    assert.equal((await r.runDue()).periodic, 1);
    assert.equal((await r.runDue()).periodic, 0);
    // Down from 10:06 to 10:21: 10:10, 10:15 and 10:20 are missed, one run catches up.
    now = new Date('2026-12-01T10:21:00.000Z');
    await r.runDue();
    assert.deepEqual(slots, ['2026-12-01T10:05:00.000Z', '2026-12-01T10:10:00.000Z']);
    const row = await schedule('test.every5');
    assert.equal(row.next_run_at, '2026-12-01T10:25:00.000Z');
    assert.equal(row.last_run_at, '2026-12-01T10:21:00.000Z');
    assert.equal(row.last_status, 'done');
  });

  it('cale « daily at 03:00 » sur l’heure de Paris', async () => {
    let runs = 0;
    const r = runner([{ name: 'test.nightly', schedule: 'daily at 03:00', handler: async () => void runs++ }]);
    await r.runDue();
    assert.equal((await schedule('test.nightly')).next_run_at, '2026-12-02T02:00:00.000Z');
    now = new Date('2026-12-02T02:00:00.000Z');
    await r.runDue();
    assert.equal(runs, 1);
    assert.equal((await schedule('test.nightly')).next_run_at, '2026-12-03T02:00:00.000Z');
  });

  it('garde au redémarrage le prochain créneau déjà enregistré', async () => {
    const job: PeriodicJob = { name: 'test.keep', schedule: 'every 15 minutes', handler: async () => {} };
    await runner([job]).runDue();
    now = new Date('2026-12-01T10:14:00.000Z');
    await runner([job]).runDue();
    assert.equal((await schedule('test.keep')).next_run_at, '2026-12-01T10:15:00.000Z');
  });

  it('enregistre l’échec d’une tâche périodique et la relance au créneau suivant', async () => {
    let calls = 0;
    const r = runner([
      {
        name: 'test.fails',
        schedule: 'every 1 minute',
        handler: async () => {
          calls++;
          throw new Error('import impossible');
        },
      },
    ]);
    await r.runDue();
    now = new Date('2026-12-01T10:03:00.000Z');
    await r.runDue();
    const row = await schedule('test.fails');
    assert.equal(row.last_status, 'failed');
    assert.equal(row.last_error, 'import impossible');
    assert.equal(row.next_run_at, '2026-12-01T10:04:00.000Z');
    now = new Date('2026-12-01T10:04:00.000Z');
    await r.runDue();
    assert.equal(calls, 2);
  });

  it('refuse à la construction un calendrier illisible ou un nom en double', () => {
    const handler = async () => {};
    assert.throws(() => runner([{ name: 'x', schedule: 'hourly', handler }]), /Invalid schedule/);
    assert.throws(
      () =>
        runner([
          { name: 'x', schedule: 'every 5 minutes', handler },
          { name: 'x', schedule: 'daily at 01:00', handler },
        ]),
      /registered twice/,
    );
  });
});
