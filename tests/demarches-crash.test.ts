import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createDb, type Database } from '../src/db/database.js';
import { createTestDb, describeEachEngine, type TestDb } from './helpers/db.js';
import {
  BOUNDARY,
  contactSubmission,
  freePort,
  openContactForm,
  pdfOf,
  type ServerProcess,
  startServer,
} from './helpers/server-process.js';

// The real server (as `npm start` runs it) is killed with SIGKILL in the middle of a
// burst of submissions with a file, then restarted: every submission that got its reference back
// is stored with its file and its acknowledgement mail (queued, or already sent).

const BURST = 240;
const CONCURRENCY = 24;
/** SIGKILL once this many submissions were acknowledged (others are in flight). */
const KILL_AFTER = 40;

describeEachEngine('démarches : arrêt brutal du serveur (SIGKILL) au milieu d’un afflux de demandes', (engine) => {
  let dataDir: string;
  let pgDb: TestDb | undefined;
  let smtp: SMTPServer;
  let smtpPort: number;
  const received: ParsedMail[] = [];
  const servers: ServerProcess[] = [];

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-crash-'));
    if (engine === 'postgres') pgDb = await createTestDb('postgres');
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          received.push(mail);
          callback();
        }, callback);
      },
    });
    // The killed server's open SMTP connection is reset: expected, not a failure of the sink.
    smtp.on('error', () => {});
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as net.AddressInfo).port;
  });
  after(async () => {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.exit));
    await new Promise<void>((resolve) => smtp.close(resolve));
    await pgDb?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('retrouve au redémarrage chaque demande qui a reçu sa référence, avec son fichier et son accusé', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      CLOCHER_DATA_DIR: dataDir,
      CLOCHER_PORT: String(port),
      CLOCHER_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      ...(pgDb?.url && { CLOCHER_DATABASE_URL: pgDb.url }),
    };
    const first = await startServer(env);
    servers.push(first);

    const { csrf, cookie } = await openContactForm(base);

    const acknowledged = new Map<number, { reference: string; token: string }>();
    let next = 0;
    let killed = false;
    let failures = 0;
    const citizen = async () => {
      while (next < BURST && !killed) {
        const i = next++;
        try {
          const res = await fetch(`${base}/demarches/contact?_csrf=${encodeURIComponent(csrf)}`, {
            method: 'POST',
            redirect: 'manual',
            headers: { cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
            body: new Uint8Array(contactSubmission(csrf, i)),
          });
          const location = res.headers.get('location') ?? '';
          await res.arrayBuffer();
          const m = /^\/suivi\/(\d{4}-\d{6})\?jeton=([^&]+)&accuse=1$/.exec(location);
          if (res.status === 303 && m) {
            acknowledged.set(i, { reference: m[1] ?? '', token: decodeURIComponent(m[2] ?? '') });
          } else {
            assert.fail(`submission ${i} answered ${res.status} ${location}`);
          }
          if (acknowledged.size >= KILL_AFTER && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch (error) {
          if (!killed) throw error;
          failures++; // in flight when the server died: no reference, no promise made
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, citizen));
    await first.exit;
    assert.equal(first.child.signalCode, 'SIGKILL');
    assert.ok(acknowledged.size >= KILL_AFTER, `${acknowledged.size} acknowledged`);
    assert.ok(failures > 0, 'some submissions were in flight when the server was killed');

    const second = await startServer(env);
    servers.push(second);
    const db: Database = pgDb
      ? pgDb.db
      : createDb({ engine: 'sqlite', filename: path.join(dataDir, 'clocher.sqlite') });
    try {
      for (const [i, { reference, token }] of acknowledged) {
        const suivi = await fetch(`${base}/suivi/${reference}?jeton=${encodeURIComponent(token)}`);
        assert.equal(suivi.status, 200, `follow-up page of ${reference}`);
        assert.match(await suivi.text(), new RegExp(`piece-${i}\\.pdf`));

        const demande = await db
          .selectFrom('demande')
          .select(['id', 'email'])
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow();
        assert.equal(demande.email, `citoyen${i}@exemple.fr`);
        const file = await db
          .selectFrom('demande_piece')
          .innerJoin('stored_file', 'stored_file.id', 'demande_piece.file_id')
          .select(['stored_file.sha256'])
          .where('demande_piece.demande_id', '=', demande.id)
          .executeTakeFirstOrThrow();
        const sha = createHash('sha256').update(pdfOf(i)).digest('hex');
        assert.equal(file.sha256, sha);
        const bytes = fs.readFileSync(path.join(dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha));
        assert.deepEqual(bytes, pdfOf(i));

        const mail = await db
          .selectFrom('mail_outbox')
          .select(['status', 'subject', 'attachments'])
          .where('to_address', '=', `citoyen${i}@exemple.fr`)
          .executeTakeFirstOrThrow();
        assert.equal(mail.subject, `Votre demande ${reference} a bien été reçue`);
        assert.ok(mail.status === 'pending' || mail.status === 'sent', `${reference}: mail ${mail.status}`);
        assert.match(mail.attachments, /"render":"demarches\.accuse"/);
        if (mail.status === 'sent') {
          const got = received.find((m) => m.subject === mail.subject);
          assert.ok(got, `${reference}: sent but not received`);
          assert.equal(got.attachments[0]?.filename, `accuse-reception-${reference}.pdf`);
        }
      }
      // No reference was given twice, and no request exists without its acknowledgement mail.
      const all = await db.selectFrom('demande').select(['reference', 'email']).execute();
      assert.equal(new Set(all.map((d) => d.reference)).size, all.length);
      const mails = new Set(
        (await db.selectFrom('mail_outbox').select('to_address').execute()).map((m) => m.to_address),
      );
      for (const d of all) assert.ok(mails.has(d.email), `${d.reference} has its acknowledgement mail`);
    } finally {
      if (!pgDb) await db.destroy();
    }
    second.child.kill('SIGTERM');
    assert.equal(await second.exit, 0);
  });
});
