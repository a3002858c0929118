import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { DiskFileStore } from '../../core/files/index.js';
import { deliverDueMails, smtpTransport } from '../../core/mail/index.js';
import type { Commune } from '../../core/tenancy/index.js';
import { demarchesMailRenderers } from './accuse.service.js';
import { contactValues, ctxFor, makeCommune, secretaire, silentLog } from './demarches.factories.js';
import { deposerDemande, getSuivi } from './demarches.service.js';
import { changerStatut } from './instruction.service.js';

describeEachEngine('démarches : courriels reçus par un vrai serveur SMTP', (engine) => {
  let t: TestDb;
  let commune: Commune;
  let smtp: SMTPServer;
  let port: number;
  let dataDir: string;
  let files: DiskFileStore;
  const received: ParsedMail[] = [];
  const now = new Date('2026-11-27T10:00:00Z');

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-demarches-mail-'));
    files = new DiskFileStore(dataDir);
    t = await createTestDb(engine);
    commune = await makeCommune(t.db, '62003', 'gamma', now);
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
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const deliver = async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    try {
      const renderers = demarchesMailRenderers({ db: t.db, files, log: silentLog });
      const from = 'mairie@clocher.test';
      await deliverDueMails({ db: t.db, transport, from, now: () => now, log: silentLog, renderers });
    } finally {
      transport.close();
    }
  };

  it('envoie l’accusé de réception avec ses mentions et le lien de suivi, puis le changement de statut', async () => {
    const d = await deposerDemande(
      ctxFor(t.db, commune, () => now),
      {
        slug: 'contact',
        values: contactValues(),
        file: null,
        canal: 'en_ligne',
        baseUrl: 'https://gamma.test',
      },
    );
    await deliver();
    assert.equal(received.length, 1);
    const accuse = received[0] as ParsedMail;
    assert.equal(accuse.subject, `Votre demande ${d.reference} a bien été reçue`);
    assert.equal(accuse.attachments[0]?.filename, `accuse-reception-${d.reference}.pdf`);
    assert.equal(accuse.to && 'text' in accuse.to ? accuse.to.text : '', 'lea.martin@exemple.fr');
    assert.match(accuse.text ?? '', /Date de réception : 27 novembre 2026/);
    assert.match(
      accuse.text ?? '',
      /Service chargé du dossier : Secrétariat de la mairie de gamma, 1 place de la Mairie/,
    );
    const link = /https:\/\/gamma\.test\/suivi\/(\d{4}-\d{6})\?jeton=(\S+)/.exec(accuse.text ?? '');
    assert.ok(link);
    const suivi = await getSuivi(
      ctxFor(t.db, commune, () => now),
      link[1] ?? '',
      decodeURIComponent(link[2] ?? ''),
    );
    assert.equal(suivi.demande.id, d.id);

    await changerStatut(
      ctxFor(t.db, commune, () => now, secretaire),
      { id: d.id, to: 'close', motif: 'Réponse donnée.' },
    );
    await deliver();
    assert.equal(received.length, 2);
    assert.equal(received[1]?.subject, `Demande ${d.reference} : close`);
    assert.match(received[1]?.text ?? '', /Réponse donnée\./);
  });
});
