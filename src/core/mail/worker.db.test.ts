import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, it } from 'node:test';
import { type ParsedMail, simpleParser } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { createDb, type Database } from '../../db/database.js';
import { MAX_ATTEMPTS, nextAttemptDelayMs } from './mail.rules.js';
import { enqueueMail, type MailInput } from './outbox.js';
import { fileTransport, type MailTransport, smtpTransport } from './transport.js';
import { deliverDueMails, retryMail } from './worker.js';

const log = pino({ level: 'silent' });
const FROM = 'ne-pas-repondre@clocher.example.fr';
const PDF = Buffer.from('%PDF-1.7\nAccusé de réception n° 2026-0042\n%%EOF\n');

const accuse: MailInput = {
  communeId: null,
  to: 'usager@example.fr',
  subject: 'Accusé de réception de votre demande n° 2026-0042',
  text: 'Bonjour,\n\nVotre demande a bien été reçue par la mairie.\n',
  html: '<p>Votre demande a bien été <strong>reçue</strong>.</p>',
  attachments: [
    { filename: 'accusé-2026-0042.pdf', contentType: 'application/pdf', contentBase64: PDF.toString('base64') },
  ],
};

/** A transport that fails, or counts what it sends. */
function fakeTransport(fail: boolean): MailTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    description: 'fake',
    sent,
    async send(mail) {
      if (fail) throw new Error('connexion refusée');
      sent.push(mail.subject);
      return { messageId: `<${sent.length}@test>` };
    },
    close() {},
  };
}

const queue = (db: Database, mail: MailInput, now: Date) =>
  db.transaction().execute((trx) => enqueueMail(trx, mail, now));
const outboxRow = (db: Database, id: number) =>
  db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describeEachEngine('mail : envoi de la file', (engine) => {
  let t: TestDb;
  let now: Date;
  let smtp: SMTPServer;
  let port: number;
  const received: ParsedMail[] = [];
  const deps = (transport: MailTransport, db: Database = t.db) => ({ db, transport, from: FROM, now: () => now, log });
  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          received.push(mail);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => smtp.close(resolve)));
  beforeEach(async () => {
    t = await createTestDb(engine);
    now = new Date('2026-12-01T10:00:00.000Z');
    received.length = 0;
  });
  afterEach(() => t.destroy());

  it('remet au serveur SMTP le sujet, le texte, le HTML et la pièce jointe à l’identique', async () => {
    const id = await queue(t.db, accuse, now);
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    try {
      assert.deepEqual(await deliverDueMails(deps(transport)), { sent: 1, failed: 0 });
    } finally {
      transport.close();
    }
    assert.equal(received.length, 1);
    const mail = received[0] as ParsedMail;
    assert.equal(mail.subject, accuse.subject);
    assert.equal(mail.text, accuse.text);
    assert.equal(mail.html, accuse.html);
    assert.equal(mail.from?.text, FROM);
    assert.deepEqual(
      mail.attachments.map((a) => [a.filename, a.contentType]),
      [['accusé-2026-0042.pdf', 'application/pdf']],
    );
    assert.deepEqual(mail.attachments[0]?.content, PDF);
    const row = await outboxRow(t.db, id);
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 1);
    assert.equal(row.sent_at, now.toISOString());
    assert.equal(row.message_id, mail.messageId);
  });

  it('n’envoie pas deux fois un courriel déjà parti', async () => {
    await queue(t.db, accuse, now);
    const transport = fakeTransport(false);
    await deliverDueMails(deps(transport));
    assert.deepEqual(await deliverDueMails(deps(transport)), { sent: 0, failed: 0 });
    assert.equal(transport.sent.length, 1);
  });

  it('réessaie avec un délai croissant puis abandonne après MAX_ATTEMPTS tentatives', async () => {
    const id = await queue(t.db, accuse, now);
    const broken = fakeTransport(true);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      assert.deepEqual(await deliverDueMails(deps(broken)), { sent: 0, failed: 1 });
      const row = await outboxRow(t.db, id);
      assert.equal(row.attempts, attempt);
      assert.equal(row.last_error, 'connexion refusée');
      assert.equal(row.status, attempt < MAX_ATTEMPTS ? 'pending' : 'failed');
      assert.equal(row.next_attempt_at, new Date(now.getTime() + nextAttemptDelayMs(attempt)).toISOString());
      assert.deepEqual(await deliverDueMails(deps(broken)), { sent: 0, failed: 0 }, 'not before the delay');
      now = new Date(row.next_attempt_at);
    }
    now = new Date(now.getTime() + 24 * 3600_000);
    assert.deepEqual(await deliverDueMails(deps(broken)), { sent: 0, failed: 0 }, 'failed for good');
  });

  it('remet en file un courriel en échec, pour sa commune seulement', async () => {
    const id = await queue(t.db, accuse, now);
    await t.db
      .updateTable('mail_outbox')
      .set({ status: 'failed', attempts: MAX_ATTEMPTS })
      .where('id', '=', id)
      .execute();
    assert.equal(await retryMail(t.db, id, 999, now), false);
    assert.equal(await retryMail(t.db, id, null, now), true);
    assert.equal(await retryMail(t.db, id, null, now), false, 'already pending');
    const row = await outboxRow(t.db, id);
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 0);
    const transport = fakeTransport(false);
    assert.deepEqual(await deliverDueMails(deps(transport)), { sent: 1, failed: 0 });
  });

  it('écrit un fichier .eml lisible quand aucun serveur SMTP n’est configuré', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'clocher-mail-'));
    try {
      await queue(t.db, accuse, now);
      const transport = fileTransport(dir);
      assert.deepEqual(await deliverDueMails(deps(transport)), { sent: 1, failed: 0 });
      const files = await fs.readdir(dir);
      assert.equal(files.length, 1);
      assert.match(files[0] ?? '', /\.eml$/);
      const parsed = await simpleParser(await fs.readFile(path.join(dir, files[0] ?? '')));
      assert.equal(parsed.subject, accuse.subject);
      assert.deepEqual(parsed.attachments[0]?.content, PDF);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('vérifie l’heure prévue en prenant le courriel, pas seulement en listant la file', async () => {
    // Another worker just failed this mail: pending again, no claim, next attempt in a minute.
    const id = await queue(t.db, accuse, now);
    const next = new Date(now.getTime() + 60_000).toISOString();
    await t.db.updateTable('mail_outbox').set({ attempts: 1, next_attempt_at: next }).where('id', '=', id).execute();
    // This worker listed the queue a minute late (stale list), then claims at the real time.
    const times = [new Date(now.getTime() + 60_000), now];
    const transport = fakeTransport(false);
    const stale = { ...deps(transport), now: () => times.shift() ?? now };
    assert.deepEqual(await deliverDueMails(stale), { sent: 0, failed: 0 });
    assert.equal((await outboxRow(t.db, id)).status, 'pending');
  });

  it('n’envoie qu’une fois chaque courriel avec deux workers simultanés', async () => {
    for (let i = 0; i < 30; i++) await queue(t.db, { ...accuse, subject: `n° ${i}` }, now);
    const other = t.url ? createDb({ engine: 'postgres', connectionString: t.url }) : t.db;
    const transport = fakeTransport(false);
    try {
      for (let round = 0; round < 10; round++) {
        await Promise.all([deliverDueMails(deps(transport), 7), deliverDueMails(deps(transport, other), 7)]);
      }
    } finally {
      if (other !== t.db) await other.destroy();
    }
    assert.equal(transport.sent.length, 30);
    assert.equal(new Set(transport.sent).size, 30);
  });
});
