import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { DiskFileStore } from '../../core/files/index.js';
import { JobRunner } from '../../core/jobs/index.js';
import { insertDemande, insertType, makeCommune, silentLog } from './rgpd.factories.js';
import { rgpdPeriodicJobs } from './rgpd.jobs.js';

describeEachEngine('rgpd : tâche de nuit', (engine) => {
  let t: TestDb;
  let dir: string;

  beforeEach(async () => {
    t = await createTestDb(engine);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-rgpd-job-'));
  });
  afterEach(async () => {
    await t.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passe chaque nuit à 03:50 (heure de Paris) dans chaque commune', async () => {
    let now = new Date('2026-03-01T12:00:00Z');
    const communes = [await makeCommune(t.db, '62001', 'alpha', now), await makeCommune(t.db, '62002', 'beta', now)];
    for (const c of communes) {
      const typeId = await insertType(t.db, c.id, { slug: 'contact', title: 'Contact', now: now.toISOString() });
      const old = { receivedAt: '2024-01-05T09:00:00.000Z', updatedAt: '2024-01-10T09:00:00.000Z' };
      await insertDemande(t.db, c.id, { typeId, email: 'lea@exemple.fr', status: 'close', ...old });
    }
    const runner = new JobRunner({
      db: t.db,
      now: () => now,
      log: silentLog,
      periodic: rgpdPeriodicJobs(new DiskFileStore(dir)),
    });
    await runner.runDue();
    const schedule = await t.db
      .selectFrom('job_schedule')
      .select(['next_run_at', 'last_status'])
      .where('name', '=', 'rgpd.conservation')
      .executeTakeFirstOrThrow();
    assert.equal(schedule.next_run_at, '2026-03-02T02:50:00.000Z');
    assert.equal((await t.db.selectFrom('rgpd_bordereau').select('id').execute()).length, 0);
    now = new Date('2026-03-02T02:50:00Z');
    await runner.runDue();
    const bordereaux = await t.db.selectFrom('rgpd_bordereau').select(['commune_id', 'statut']).orderBy('id').execute();
    assert.deepEqual(
      bordereaux.map((b) => [b.commune_id, b.statut]),
      communes.map((c) => [c.id, 'a_viser']),
    );
    const after = await t.db
      .selectFrom('job_schedule')
      .select('last_status')
      .where('name', '=', 'rgpd.conservation')
      .executeTakeFirstOrThrow();
    assert.equal(after.last_status, 'done');
  });
});
