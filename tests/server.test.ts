import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-server-'));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `src/server.ts` as `npm start` does and resolves once it has printed its addresses. */
async function start(
  port: number,
): Promise<{ child: ChildProcess; output: () => string; exit: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      CLOCHER_DATA_DIR: dataDir,
      CLOCHER_PORT: String(port),
      CLOCHER_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!out.includes('Back-office:')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, exit };
}

describe('npm start', () => {
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('crée la base de démonstration au premier démarrage, la réutilise ensuite, et s’arrête proprement', async () => {
    const port = await freePort();
    const first = await start(port);
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
