import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { SMALL_PDF } from '../../src/modules/demarches/demarches.factories.js';

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

/** A PDF unique to submission i, so that each stored file can be checked byte for byte. */
export const pdfOf = (i: number): Buffer => Buffer.concat([SMALL_PDF, Buffer.from(`%citoyen-${i}\n`)]);

/** The multipart body of « Contacter la mairie » number i, with its PDF (boundary BOUNDARY). */
export function contactSubmission(csrf: string, i: number): Buffer {
  const fields: Record<string, string> = {
    _csrf: csrf,
    objet: `Question n° ${i}`,
    question: 'Quels sont les horaires de la mairie pendant les vacances ?',
    prenom: 'Léa',
    nom: 'Martin',
    email: `citoyen${i}@exemple.fr`,
    adresse: '3 rue des Lilas, 62000 Bellerive-sur-Lys',
  };
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="piece"; filename="piece-${i}.pdf"\r\n\r\n`),
    pdfOf(i),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  );
  return Buffer.concat(parts);
}
