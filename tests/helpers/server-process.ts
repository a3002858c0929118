import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { contactSubmission as contactMultipart } from '../../src/modules/demarches/demarches.factories.js';

export { pdfOf } from '../../src/modules/demarches/demarches.factories.js';

const root = path.resolve(import.meta.dirname, '../..');
/** The compiled entry point that `npm start` runs. */
export const SERVER = 'dist/server.js';

/** A TCP port free at the time of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The real server as `npm start` runs it (compiled to dist/ by scripts/build.mjs), in a child process. */
export interface ServerProcess {
  child: ChildProcess;
  exit: Promise<number | null>;
  output: () => string;
}

/**
 * Starts the server with only PATH (and HOME) and `env`, and resolves once it has printed its
 * addresses. `npmStart`: through the very command of the README, `npm start` (which compiles first).
 */
export async function startServer(env: Record<string, string>, { npmStart = false } = {}): Promise<ServerProcess> {
  if (!npmStart && !fs.existsSync(path.join(root, SERVER)))
    throw new Error(`${SERVER} is missing: run \`npm run build\` (npm test does)`);
  const [command, args] = npmStart ? ['npm', ['start']] : [process.execPath, [SERVER]];
  const child = spawn(command, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), CLOCHER_LOG_LEVEL: 'warn', ...env },
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
  // Generous: the first start migrates and seeds the demo, on a machine that may be busy.
  const deadline = Date.now() + 180_000;
  while (!out.includes('Back-office:')) {
    if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, exit, output: () => out };
}

export const BOUNDARY = '----clocher-test-boundary';

/** « Contacter la mairie » number i as a multipart body (boundary BOUNDARY). */
export const contactSubmission = (csrf: string, i: number): Buffer => contactMultipart(csrf, i, BOUNDARY);

/** Opens the contact form as a citizen: its anti-forgery token and the cookie that goes with it. */
export async function openContactForm(base: string): Promise<{ csrf: string; cookie: string }> {
  const form = await fetch(`${base}/demarches/contact`);
  if (form.status !== 200) throw new Error(`GET /demarches/contact answered ${form.status}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { csrf, cookie };
}
