// `npm run bench:demarches`: 64 concurrent citizens submit the contact form with a small PDF, on
// SQLite and on PostgreSQL. Builds the app in this process (inject, no network) on a fresh database
// with the demo, then reports acknowledged submissions per second, p50 and p99 of a submission, and
// checks that every acknowledged submission is stored with its file and its acknowledgement mail.
// Then the outbox: the mail worker renders every accusé de réception PDF and sends the mails to a
// local SMTP sink (smtp-server); reports how long that took and checks each mail carried its PDF.
//
//   npm run bench:demarches -- [--citizens 64] [--submissions 1000] [--engines sqlite,postgres] [--no-outbox]
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/core/clock.js';
import { systemActor } from '../src/core/context.js';
import { DiskFileStore } from '../src/core/files/index.js';
import { deliverDueMails, smtpTransport } from '../src/core/mail/index.js';
import { CommuneResolver } from '../src/core/tenancy/index.js';
import { createDb, type Database } from '../src/db/database.js';
import type { Engine } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/demo.js';
import { SMALL_PDF } from '../src/modules/demarches/demarches.factories.js';
import { demarchesMailRenderers } from '../src/modules/demarches/index.js';

const { values } = parseArgs({
  allowNegative: true,
  options: {
    citizens: { type: 'string', default: '64' },
    submissions: { type: 'string', default: '1000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    outbox: { type: 'boolean', default: true },
  },
});
const CITIZENS = Number(values.citizens);
const SUBMISSIONS = Number(values.submissions);
const PG_ADMIN = process.env.CLOCHER_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BOUNDARY = '----clocher-bench';

function body(csrf: string, i: number): Buffer {
  const fields: Record<string, string> = {
    _csrf: csrf,
    objet: `Question n° ${i}`,
    question: 'Bonjour, quels sont les horaires de la mairie pendant les vacances de Noël ? Merci.',
    prenom: 'Léa',
    nom: 'Martin',
    email: `citoyen${i}@exemple.fr`,
    adresse: '3 rue des Lilas, 62000 Bellerive-sur-Lys',
  };
  const parts = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="piece"; filename="piece.pdf"\r\n\r\n`),
    SMALL_PDF,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  );
  return Buffer.concat(parts);
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function openDb(engine: Engine, dir: string): Promise<{ db: Database; drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const db = createDb({ engine: 'sqlite', filename: path.join(dir, 'bench.sqlite') });
    return { db, drop: () => db.destroy() };
  }
  const name = `clocher_bench_demarches_${process.pid}`;
  await adminQuery(`create database ${name}`);
  const u = new URL(PG_ADMIN);
  u.pathname = `/${name}`;
  const db = createDb({ engine: 'postgres', connectionString: u.toString() });
  return {
    db,
    drop: async () => {
      await db.destroy();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A local SMTP server that counts the mails it accepts and those carrying a PDF attachment. */
async function smtpSink(): Promise<{
  url: string;
  received: () => { mails: number; withPdf: number };
  close(): Promise<void>;
}> {
  let mails = 0;
  let withPdf = 0;
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
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () => ({ mails, withPdf }),
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

/**
 * Drains the outbox as the server's background work does (batches back to back while they are
 * full): renders each accusé PDF and sends each mail to the sink. Returns the seconds it took.
 */
async function drainOutbox(db: Database, files: DiskFileStore, url: string): Promise<number> {
  const log = pino({ level: 'silent' });
  const transport = smtpTransport(url);
  const renderers = demarchesMailRenderers({ db, files, log });
  const started = performance.now();
  try {
    for (;;) {
      const { sent, failed } = await deliverDueMails(
        { db, transport, from: 'mairie@bench.test', now: systemClock, log, renderers },
        20,
      );
      if (failed > 0) throw new Error(`${failed} mail(s) failed`);
      if (sent === 0) break;
    }
  } finally {
    transport.close();
  }
  return (performance.now() - started) / 1000;
}

async function run(engine: Engine): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-bench-demarches-'));
  const { db, drop } = await openDb(engine, dir);
  try {
    await migrateToLatest(db);
    await seedDemo(
      { db, now: systemClock, log: pino({ level: 'silent' }), actor: systemActor('bench') },
      'bench-pw-demarches',
    );
    const config = loadConfig({ CLOCHER_DATA_DIR: dir, CLOCHER_PORT: '0', CLOCHER_LOG_LEVEL: 'silent' }, dir);
    const files = new DiskFileStore(path.join(dir, 'files'));
    const resolver = new CommuneResolver(db, undefined);
    const app = await buildApp({ config, db, now: systemClock, resolver, files, secret: 'b'.repeat(48) });
    const before = Number(
      (
        await db
          .selectFrom('demande')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const times: number[] = [];
    let next = 0;
    let acknowledged = 0;
    const citizen = async () => {
      const form = await app.inject({ url: '/demarches/contact', headers: { host: 'localhost' } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
      const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      while (next < SUBMISSIONS) {
        const i = next++;
        const t0 = performance.now();
        const res = await app.inject({
          method: 'POST',
          url: `/demarches/contact?_csrf=${encodeURIComponent(csrf)}`,
          headers: { host: 'localhost', cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
          payload: body(csrf, i),
        });
        times.push(performance.now() - t0);
        if (res.statusCode === 303) acknowledged += 1;
      }
    };
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await Promise.all(Array.from({ length: CITIZENS }, citizen));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // CPU time of the whole process (threads included) per submission: less sensitive than the
    // wall clock to other programs sharing the machine.
    const cpuMs = (cpu.user + cpu.system) / 1000 / SUBMISSIONS;
    times.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0);
    const stored =
      Number(
        (
          await db
            .selectFrom('demande')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ) - before;
    const pieces = Number(
      (
        await db
          .selectFrom('demande_piece')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    console.log(
      `${engine}: ${acknowledged}/${SUBMISSIONS} acknowledged, ${(acknowledged / seconds).toFixed(0)} submissions/s, ` +
        `p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms; CPU ${cpuMs.toFixed(2)} ms per submission; ` +
        `stored ${stored} requests, ${pieces} files`,
    );
    if (stored !== acknowledged || pieces !== acknowledged) throw new Error('an acknowledged submission is missing');
    await app.close();

    if (!values.outbox) return;
    const sink = await smtpSink();
    try {
      const pending = Number(
        (
          await db
            .selectFrom('mail_outbox')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('status', '=', 'pending')
            .executeTakeFirstOrThrow()
        ).n,
      );
      const outboxCpu = process.cpuUsage();
      const outboxSeconds = await drainOutbox(db, files, sink.url);
      const used = process.cpuUsage(outboxCpu);
      const got = sink.received();
      console.log(
        `${engine} outbox: ${pending} mails (${acknowledged} acknowledgements with their PDF) rendered and sent in ` +
          `${outboxSeconds.toFixed(1)} s, ${(got.mails / outboxSeconds).toFixed(0)} mails/s, CPU ` +
          `${((used.user + used.system) / 1000 / Math.max(1, got.mails)).toFixed(1)} ms per mail; the SMTP sink got ` +
          `${got.mails} mails, ${got.withPdf} with a PDF`,
      );
      if (got.withPdf < acknowledged) throw new Error('an acknowledgement was sent without its PDF');
    } finally {
      await sink.close();
    }
  } finally {
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const engine of values.engines.split(',') as Engine[]) await run(engine);
