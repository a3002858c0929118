import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort, type ServerProcess, startServer } from './helpers/server-process.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-server-'));

const start = (port: number, npmStart = false): Promise<ServerProcess> =>
  startServer({ CLOCHER_DATA_DIR: dataDir, CLOCHER_PORT: String(port) }, { npmStart });

describe('npm start', () => {
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('crée la base de démonstration au premier démarrage, la réutilise ensuite, et s’arrête proprement', async () => {
    const port = await freePort();
    // The README's command: it compiles src/ to dist/, then runs the server in npm's place (exec),
    // so that SIGTERM reaches it.
    const first = await start(port, true);
    assert.match(first.output(), /build: \d+ modules in dist\//);
    assert.match(first.output(), new RegExp(`Public site: +http://127\\.0\\.0\\.1:${port}/`));
    assert.match(first.output(), /secretaire@bellerive-sur-lys\.test/);
    const password = /all with the password:\n\s+(\S+)/.exec(first.output())?.[1];
    assert.ok(password);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Bellerive-sur-Lys/);
    first.child.kill('SIGTERM');
    assert.equal(await first.exit, 0);
    assert.ok(fs.existsSync(path.join(dataDir, 'clocher.sqlite')));

    const second = await start(port);
    assert.ok(second.output().includes(password), 'the same demo password is printed again');
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    assert.equal(ready.status, 200);
    second.child.kill('SIGTERM');
    assert.equal(await second.exit, 0);
  });
});
