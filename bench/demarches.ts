// `npm run bench:demarches`: 64 concurrent citizens submit a 10-field request with a small PDF to the
// real server (compiled to dist/ and run as `npm start` runs it, on a fresh database with
// the demo), on SQLite and on PostgreSQL, over HTTP. Reports acknowledged submissions per second,
// p50 and p99 of a submission, the server's CPU time per submission, and checks that every
// acknowledged submission is stored with its file. Meanwhile the server's own mail worker renders
// each accusé de réception PDF and sends it to a local SMTP sink (smtp-server): the benchmark waits
// for every acknowledgement to arrive with its PDF and reports how long the outbox took.
//
//   npm run bench:demarches -- [--citizens 64] [--submissions 1000] [--engines sqlite,postgres]
//                              [--workers auto|N]   (CLOCHER_WORKERS of the server; auto: one per core)
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import type { Actor } from '../src/core/context.js';
import { findCommuneBySlug } from '../src/core/tenancy/index.js';
import { createDb, type Database } from '../src/db/database.js';
import type { Engine } from '../src/db/dialect.js';
import { ajouterChamp, creerType, getBuilder, publierType } from '../src/modules/demarches/builder.service.js';
import { pdfOf } from '../src/modules/demarches/demarches.factories.js';
import type { FieldType } from '../src/modules/demarches/fields.rules.js';
import { throwawayPgDatabase } from './fixtures.js';
import { builtServer, type Child, freePort, startChild, stopChild, waitForOk } from './processes.js';

const { values } = parseArgs({
  options: {
    citizens: { type: 'string', default: '64' },
    submissions: { type: 'string', default: '1000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    workers: { type: 'string', default: 'auto' },
  },
});
const CITIZENS = Number(values.citizens);
const SUBMISSIONS = Number(values.submissions);
const WORKERS = values.workers === 'auto' ? os.availableParallelism() : Number(values.workers);
if (!Number.isInteger(WORKERS) || WORKERS < 1) throw new Error('--workers must be auto or a positive whole number');
const BOUNDARY = '----clocher-bench';
const root = path.resolve(import.meta.dirname, '..');

/**
 * The démarche the citizens fill in: built with the form builder, as a secrétaire would, then
 * published. Ten fields (six of the form and the four of the requester's identity every démarche
 * asks for) and a PDF. Returns its address and the names the builder gave the fields, by label.
 */
async function publishBenchType(db: Database): Promise<{ slug: string; names: Map<string, string> }> {
  const commune = await findCommuneBySlug(db, 'bellerive-sur-lys');
  const user = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', 'secretaire@bellerive-sur-lys.test')
    .executeTakeFirstOrThrow();
  if (!commune) throw new Error('the demo commune is missing');
  const actor: Actor = { kind: 'user', userId: user.id, displayName: 'Bench', isOperator: false, role: 'secretaire' };
  const ctx = { db, commune, now: () => new Date(), log: pino({ level: 'silent' }), actor };
  const slug = 'demande-de-subvention';
  const id = await creerType(ctx, { title: 'Demande de subvention', slug, summary: 'Pour les associations.' });
  for (const [type, label] of FIELDS) await ajouterChamp(ctx, id, { type, label });
  await publierType(ctx, id);
  const { draft } = await getBuilder(ctx, id);
  return { slug, names: new Map(draft.form.map((f) => [f.label, f.name])) };
}

const FIELDS: [FieldType, string][] = [
  ['text', 'Association'],
  ['textarea', 'Objet de la demande'],
  ['number', 'Montant demandé (euros)'],
  ['date', 'Date de l’assemblée générale'],
  ['phone', 'Téléphone'],
  ['email', 'Courriel du trésorier'],
  ['file', 'Budget prévisionnel (PDF)'],
];

function body(csrf: string, i: number, names: Map<string, string>): Buffer {
  const name = (label: string) => names.get(label) ?? label;
  const fields: Record<string, string> = {
    _csrf: csrf,
    [name('Association')]: `Comité des fêtes n° ${i}`,
    [name('Objet de la demande')]: 'Subvention pour la fête de la musique et la brocante de l’été.',
    [name('Montant demandé (euros)')]: String(100 + (i % 900)),
    [name('Date de l’assemblée générale')]: '2026-10-15',
    [name('Téléphone')]: '03 21 00 00 00',
    [name('Courriel du trésorier')]: `tresorier${i}@exemple.fr`,
    prenom: 'Léa',
    nom: 'Martin',
    email: `citoyen${i}@exemple.fr`,
    adresse: '3 rue des Lilas, 62000 Bellerive-sur-Lys',
  };
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name('Budget prévisionnel (PDF)')}"; filename="budget.pdf"\r\n\r\n`,
    ),
    pdfOf(i),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  );
  return Buffer.concat(parts);
}

/** The server's database: the data dir's SQLite file, or a throwaway PostgreSQL database. */
async function databaseFor(engine: Engine): Promise<{ url?: string; drop: () => Promise<void> }> {
  if (engine === 'sqlite') return { drop: async () => {} };
  return throwawayPgDatabase(`clocher_bench_demarches_${process.pid}`);
}

/** CPU time (ms) used so far by a process and its children's live processes (Linux /proc). */
function cpuMsOf(pids: number[]): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += ((Number(f[11]) + Number(f[12])) * 1000) / tick;
    } catch {
      // gone
    }
  }
  return total;
}

/** The server's processes: the one started and, with CLOCHER_WORKERS > 1, its workers. */
function serverPids(primary: number): number[] {
  const children = fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === primary;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [primary, ...children];
}

/** A local SMTP server that counts the mails it accepts and those carrying a PDF attachment. */
async function smtpSink(): Promise<{
  url: string;
  received: () => { mails: number; withPdf: number; lastAt: number };
  close(): Promise<void>;
}> {
  let mails = 0;
  let withPdf = 0;
  let lastAt = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails += 1;
        if (/Content-Type: application\/pdf/i.test(Buffer.concat(chunks).toString('latin1'))) withPdf += 1;
        lastAt = performance.now();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => ({ mails, withPdf, lastAt }),
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

async function count(db: Database, table: 'demande' | 'demande_piece'): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function run(engine: Engine): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-bench-demarches-'));
  const database = await databaseFor(engine);
  const sink = await smtpSink();
  let server: Child | undefined;
  let db: Database | undefined;
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('CLOCHER_'))),
      NODE_ENV: 'production',
      CLOCHER_DATA_DIR: dir,
      CLOCHER_HOST: '127.0.0.1',
      CLOCHER_PORT: String(port),
      CLOCHER_LOG_LEVEL: 'warn',
      CLOCHER_SMTP_URL: sink.url,
      CLOCHER_WORKERS: String(WORKERS),
      ...(database.url && { CLOCHER_DATABASE_URL: database.url }),
    };
    server = startChild('clocher', process.execPath, builtServer(root), { cwd: root, env });
    await waitForOk(`${base}/readyz`, server, 120_000);
    db = createDb(
      database.url
        ? { engine: 'postgres', connectionString: database.url }
        : { engine: 'sqlite', filename: path.join(dir, 'clocher.sqlite') },
    );
    const { slug, names } = await publishBenchType(db);
    const before = await count(db, 'demande');
    const pids = serverPids(server.proc.pid ?? 0);

    const times: number[] = [];
    let next = 0;
    let acknowledged = 0;
    let refused = 0;
    const citizen = async () => {
      const form = await fetch(`${base}/demarches/${slug}`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
      const cookie = form.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      while (next < SUBMISSIONS) {
        const i = next++;
        const payload = new Uint8Array(body(csrf, i, names));
        const t0 = performance.now();
        const res = await fetch(`${base}/demarches/${slug}?_csrf=${encodeURIComponent(csrf)}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
          body: payload,
        });
        await res.arrayBuffer();
        times.push(performance.now() - t0);
        if (res.status === 303 && /^\/suivi\//.test(res.headers.get('location') ?? '')) acknowledged += 1;
        else refused += 1;
      }
    };
    const cpuBefore = cpuMsOf(pids);
    const started = performance.now();
    await Promise.all(Array.from({ length: CITIZENS }, citizen));
    const ended = performance.now();
    const seconds = (ended - started) / 1000;
    const cpuMs = (cpuMsOf(pids) - cpuBefore) / SUBMISSIONS;
    times.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0);
    const stored = (await count(db, 'demande')) - before;
    const pieces = await count(db, 'demande_piece');
    console.log(
      `${engine}, ${WORKERS} web process(es): ${acknowledged}/${SUBMISSIONS} acknowledged (${refused} not), ` +
        `${(acknowledged / seconds).toFixed(0)} submissions/s, p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms; ` +
        `server CPU ${cpuMs.toFixed(2)} ms per submission (mail worker included); stored ${stored} requests, ${pieces} files`,
    );
    if (stored !== acknowledged || pieces !== acknowledged) throw new Error('an acknowledged submission is missing');

    // The outbox worked during the burst; wait for the last acknowledgement to reach the sink.
    const deadline = Date.now() + 600_000;
    while (sink.received().withPdf < acknowledged) {
      if (Date.now() > deadline) throw new Error(`only ${sink.received().withPdf} acknowledgements arrived`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const got = sink.received();
    console.log(
      `${engine} outbox: ${got.mails} mails (${got.withPdf} with their accusé PDF) all received ` +
        `${((got.lastAt - started) / 1000).toFixed(1)} s after the first submission, ` +
        `${((got.lastAt - ended) / 1000).toFixed(1)} s after the last one`,
    );
  } finally {
    await db?.destroy();
    await stopChild(server);
    await sink.close();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const engine of values.engines.split(',') as Engine[]) await run(engine);
