import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { createDb, type Database } from '../src/db/database.js';
import { createTestDb, describeEachEngine, type TestDb } from './helpers/db.js';
import {
  BOUNDARY,
  contactSubmission,
  freePort,
  openContactForm,
  SERVER,
  type ServerProcess,
  startServer,
} from './helpers/server-process.js';

// CLOCHER_WORKERS=2: the real server forks two web workers sharing one port. Concurrent
// submissions land on both and are all stored with distinct references (SQLite transactions take
// the write lock when they begin, so two processes wait for each other instead of failing); a
// worker that dies is started again; SIGTERM stops them all.

/** The pids of the server processes whose parent is `pid` (Linux). */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === pid && fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(SERVER);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until(what: string, check: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describeEachEngine('serveur en plusieurs processus (CLOCHER_WORKERS=2)', (engine) => {
  let dataDir: string;
  let pgDb: TestDb | undefined;
  let server: ServerProcess | undefined;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-cluster-'));
    if (engine === 'postgres') pgDb = await createTestDb('postgres');
  });
  after(async () => {
    if (server && server.child.exitCode === null) {
      for (const pid of childrenOf(server.child.pid ?? 0)) process.kill(pid, 'SIGKILL');
      server.child.kill('SIGKILL');
    }
    await pgDb?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('répartit les demandes sur deux processus, relance celui qui meurt, et s’arrête proprement', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = await startServer({
      CLOCHER_DATA_DIR: dataDir,
      CLOCHER_PORT: String(port),
      CLOCHER_WORKERS: '2',
      ...(pgDb?.url && { CLOCHER_DATABASE_URL: pgDb.url }),
    });
    const primary = server.child.pid ?? 0;
    assert.match(server.output(), /2 workers/);
    const workers = childrenOf(primary);
    assert.equal(workers.length, 2, `workers: ${workers.join(', ')}`);

    const { csrf, cookie } = await openContactForm(base);

    // 48 submissions from 12 citizens at once, each on a new connection, spread over the workers.
    const references: string[] = [];
    let next = 0;
    const citizen = async () => {
      while (next < 48) {
        const i = next++;
        const res = await fetch(`${base}/demarches/contact?_csrf=${encodeURIComponent(csrf)}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, connection: 'close', 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
          body: new Uint8Array(contactSubmission(csrf, i)),
        });
        const location = res.headers.get('location') ?? '';
        await res.arrayBuffer();
        const m = /^\/suivi\/(\d{4}-\d{6})\?/.exec(location);
        assert.ok(res.status === 303 && m, `submission ${i} answered ${res.status} ${location}`);
        references.push(m[1] ?? '');
      }
    };
    await Promise.all(Array.from({ length: 12 }, citizen));
    assert.equal(new Set(references).size, 48, 'every reference is distinct');

    const db: Database = pgDb
      ? pgDb.db
      : createDb({ engine: 'sqlite', filename: path.join(dataDir, 'clocher.sqlite') });
    try {
      const stored = await db.selectFrom('demande').select('reference').where('reference', 'in', references).execute();
      assert.equal(stored.length, 48);
    } finally {
      if (!pgDb) await db.destroy();
    }

    // A worker killed outright is replaced; the site keeps answering meanwhile.
    process.kill(workers[0] ?? 0, 'SIGKILL');
    await until('a new worker', () => {
      const now = childrenOf(primary);
      return now.length === 2 && !now.includes(workers[0] ?? 0);
    });
    for (let i = 0; i < 6; i++) {
      const home = await fetch(`${base}/`, { headers: { connection: 'close' } });
      assert.equal(home.status, 200);
      await home.arrayBuffer();
    }

    const current = childrenOf(primary);
    server.child.kill('SIGTERM');
    assert.equal(await server.exit, 0);
    await until('the workers to stop', () => current.every((pid) => !fs.existsSync(`/proc/${pid}`)), 15_000);
  });
});
