import assert from 'node:assert/strict';
import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import { type Supervisor, startWorkers } from './cluster.js';

// The supervisor forks real worker processes (tests/fixtures/cluster/worker.ts), relays what one
// tells the others, starts again one that dies, and stops them all.

const log = pino({ level: 'silent' });
cluster.setupPrimary({
  exec: path.resolve(import.meta.dirname, '../tests/fixtures/cluster/worker.ts'),
  execArgv: ['--import', 'tsx'],
  silent: true,
});

const workers = (): Worker[] => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);

function heard(w: Worker): Promise<{ by: number; notice: unknown }> {
  return new Promise((resolve) => {
    const listener = (m: { test?: string; by: number; notice: unknown }) => {
      if (m.test !== 'heard') return;
      w.off('message', listener);
      resolve(m);
    };
    w.on('message', listener);
  });
}

describe('processus web (cluster)', () => {
  let supervisor: Supervisor | undefined;
  after(async () => {
    await supervisor?.stop();
  });

  it('transmet aux autres ce qu’un processus annonce, relance celui qui meurt, et arrête tout', async () => {
    supervisor = await startWorkers(3, log);
    const [a, b, c] = workers();
    assert.ok(a && b && c, 'three workers');

    const toB = heard(b);
    const toC = heard(c);
    let aHeard = false;
    a.on('message', (m: { test?: string }) => {
      if (m.test === 'heard') aHeard = true;
    });
    a.send({ test: 'tell', communeId: 42 });
    for (const got of await Promise.all([toB, toC])) {
      assert.deepEqual(got.notice, { type: 'clocher:forget-pages', communeId: 42 });
    }
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(aHeard, false, 'the worker that tells is not told back');

    const before = new Set(workers().map((w) => w.process.pid));
    const replaced = new Promise<Worker>((resolve) => cluster.once('online', resolve));
    b.send({ test: 'die' });
    const fresh = await replaced;
    assert.ok(!before.has(fresh.process.pid), 'a new process');
    await new Promise<void>((resolve) => fresh.once('listening', () => resolve()));
    assert.equal(workers().length, 3);

    // The replacement takes part in the relay like the others.
    const toFresh = heard(fresh);
    c.send({ test: 'tell', communeId: 7 });
    assert.deepEqual((await toFresh).notice, { type: 'clocher:forget-pages', communeId: 7 });

    const pids = workers().map((w) => w.process.pid);
    await supervisor.stop();
    supervisor = undefined;
    for (const pid of pids) assert.throws(() => process.kill(pid ?? 0, 0), /ESRCH/);
  });
});
