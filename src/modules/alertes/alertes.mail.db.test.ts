import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { JobRunner } from '../../core/jobs/index.js';
import { deliverDueMails, smtpTransport } from '../../core/mail/index.js';
import type { Commune } from '../../core/tenancy/index.js';
import { confirmerAbonnement, demanderAbonnement, desabonner } from './abonnement.service.js';
import { alerteInput, communeCtxFor, linkToken, makeCommune, silentLog } from './alertes.factories.js';
import { creerAlerte } from './alertes.service.js';
import { alertesJobHandlers } from './diffusion.service.js';

const BASE = 'https://bellerive.test';
const FROM = 'ne-pas-repondre@bellerive.test';

/** A raw header line of a received mail ("List-Unsubscribe: <…>"), unfolded. */
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((h) => h.key === name.toLowerCase())
    ?.line.replace(/\r?\n\s+/g, ' ')
    .slice(name.length + 1)
    .trim();

describeEachEngine('alertes : courriels reçus par un vrai serveur SMTP', (engine) => {
  let t: TestDb;
  let commune: Commune;
  let smtp: SMTPServer;
  let port: number;
  const received: ParsedMail[] = [];
  const now = new Date('2026-12-01T10:00:00.000Z');
  const ctx = () => communeCtxFor(t.db, commune, () => now);

  before(async () => {
    t = await createTestDb(engine);
    commune = await makeCommune(t.db, '62041', 'Lillers', now);
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
  after(async () => {
    await new Promise<void>((resolve) => smtp.close(resolve));
    await t.destroy();
  });

  const deliver = async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    try {
      return await deliverDueMails({ db: t.db, transport, from: FROM, now: () => now, log: silentLog });
    } finally {
      transport.close();
    }
  };

  it('remet la confirmation puis l’alerte, chacune avec son lien de désabonnement en un clic', async () => {
    await demanderAbonnement(ctx(), { email: 'habitant@exemple.fr', baseUrl: BASE });
    assert.deepEqual(await deliver(), { sent: 1, failed: 0 });
    const confirmation = received.shift();
    assert.ok(confirmation);
    assert.equal(confirmation.subject, 'Confirmez votre abonnement aux alertes de Lillers');
    assert.equal(confirmation.from?.text, FROM);
    const text = confirmation.text ?? '';
    const unsubscribe = `${BASE}/alertes/desabonnement/${linkToken(text, 'desabonnement')}`;
    assert.ok(text.includes(unsubscribe));
    assert.equal(header(confirmation, 'List-Unsubscribe'), `<${unsubscribe}>`);
    assert.equal(header(confirmation, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
    await confirmerAbonnement(ctx(), linkToken(text, 'confirmer'));

    await creerAlerte(ctx(), alerteInput(now, 0, 3, { severity: 'urgence', title: 'Route de Lillers inondée' }));
    await new JobRunner({
      db: t.db,
      now: () => now,
      log: silentLog,
      handlers: alertesJobHandlers({ publicUrl: BASE }),
    }).runDue();
    assert.deepEqual(await deliver(), { sent: 1, failed: 0 });
    const alerte = received.shift();
    assert.ok(alerte);
    assert.equal(alerte.subject, '[Urgence] Route de Lillers inondée – Lillers');
    assert.equal(alerte.to && !Array.isArray(alerte.to) ? alerte.to.text : '', 'habitant@exemple.fr');
    const body = alerte.text ?? '';
    assert.match(body, /Réparation d’une canalisation\./);
    assert.match(body, /Période : le mardi 1er décembre 2026, de 11:00 à 14:00 \(heure de Paris\)\./);
    const link = `${BASE}/alertes/desabonnement/${linkToken(body, 'desabonnement')}`;
    assert.ok(body.includes(link));
    assert.equal(header(alerte, 'List-Unsubscribe'), `<${link}>`);
    assert.equal(header(alerte, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');

    // The link of the received mail unsubscribes; nothing more is sent.
    await desabonner(ctx(), linkToken(body, 'desabonnement'));
    assert.deepEqual(await deliver(), { sent: 0, failed: 0 });
    assert.equal(received.length, 0);
  });
});
