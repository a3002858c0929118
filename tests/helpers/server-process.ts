import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { contactSubmission as contactMultipart } from '../../src/modules/demarches/demarches.factories.js';

export { pdfOf } from '../../src/modules/demarches/demarches.factories.js';

const root = path.resolve(import.meta.dirname, '../..');

/** A TCP port free at the time of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The real server (`node --import tsx src/server.ts`, as `npm start` runs it) in a child process. */
export interface ServerProcess {
  child: ChildProcess;
  exit: Promise<number | null>;
  output: () => string;
}

/** Starts the server with only PATH and `env`, and resolves once it has printed its addresses. */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', CLOCHER_LOG_LEVEL: 'warn', ...env },
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
  // Generous: the first start compiles, migrates and seeds the demo, on a machine that may be busy.
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
