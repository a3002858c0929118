import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, beforeEach, it } from 'node:test';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { DiskFileStore } from '../../core/files/index.js';
import { deliverDueMails, smtpTransport } from '../../core/mail/index.js';
import type { Commune } from '../../core/tenancy/index.js';
import { ACCUSE_RENDERER, demarchesMailRenderers } from './accuse.service.js';
import { contactValues, ctxFor, makeCommune, silentLog } from './demarches.factories.js';
import { deposerDemande, getAccusePdf } from './demarches.service.js';

/** The text of a PDF, as poppler's pdftotext reads it (layout kept, lines joined). */
function pdfText(bytes: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-accuse-'));
  try {
    const file = path.join(dir, 'accuse.pdf');
    fs.writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const etatCivil = contactValues({
  acte: 'naissance',
  document: 'extrait_sans_filiation',
  lien: 'interesse',
  nom_personne: 'Martin',
  prenoms_personne: 'Léa',
  date_evenement: '1990-05-04',
  lieu_evenement: 'Gamma',
});

describeEachEngine('démarches : accusé de réception en PDF, produit après l’enregistrement', (engine) => {
  let t: TestDb;
  let commune: Commune;
  let smtp: SMTPServer;
  let port: number;
  let dataDir: string;
  let files: DiskFileStore;
  const received: ParsedMail[] = [];
  const now = new Date('2026-11-27T10:00:00Z');

  before(async () => {
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
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => smtp.close(resolve)));
  beforeEach(async () => {
    t = await createTestDb(engine);
    commune = await makeCommune(t.db, '62003', 'gamma', now);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-accuse-files-'));
    files = new DiskFileStore(dataDir);
    received.length = 0;
  });
  afterEach(async () => {
    await t.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const ctx = () => ({ ...ctxFor(t.db, commune, () => now), files });
  const deliver = async (withRenderers = true) => {
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    try {
      return await deliverDueMails({
        db: t.db,
        transport,
        from: 'mairie@clocher.test',
        now: () => now,
        log: silentLog,
        ...(withRenderers && { renderers: demarchesMailRenderers({ db: t.db, files, log: silentLog }) }),
      });
    } finally {
      transport.close();
    }
  };

  it('joint au courriel le PDF/A de l’accusé avec les mentions de l’article R112-11-1', async () => {
    const d = await deposerDemande(ctx(), {
      slug: 'etat-civil',
      values: etatCivil,
      file: null,
      canal: 'en_ligne',
      baseUrl: 'https://gamma.test',
    });
    // Committed with its mail, whose PDF is not produced yet.
    const row = await t.db.selectFrom('mail_outbox').select(['status', 'attachments']).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.deepEqual(JSON.parse(row.attachments), [
      {
        filename: `accuse-reception-${d.reference}.pdf`,
        contentType: 'application/pdf',
        render: ACCUSE_RENDERER,
        params: { demandeId: d.id },
      },
    ]);
    const before = await t.db.selectFrom('demande').select('accuse_file_id').executeTakeFirstOrThrow();
    assert.equal(before.accuse_file_id, null);

    assert.deepEqual(await deliver(), { sent: 1, failed: 0 });
    assert.equal(received.length, 1);
    const mail = received[0] as ParsedMail;
    assert.equal(mail.subject, `Votre demande ${d.reference} a bien été reçue`);
    assert.match(mail.text ?? '', /L’accusé de réception est joint à ce courriel \(PDF\)/);
    assert.match(mail.text ?? '', /réputée acceptée/);
    assert.equal(mail.attachments.length, 1);
    const pdf = mail.attachments[0];
    assert.ok(pdf);
    assert.equal(pdf.filename, `accuse-reception-${d.reference}.pdf`);
    assert.equal(pdf.contentType, 'application/pdf');

    const text = pdfText(pdf.content);
    assert.match(text, /Accusé de réception/);
    assert.match(text, new RegExp(`Référence : ${d.reference}`));
    assert.match(text, /Date de réception : 27 novembre 2026 à 11:00/);
    assert.match(
      text,
      /Service chargé du dossier : Service de l’état civil de gamma, 1 place de la Mairie, 62000, gamma/,
    );
    assert.match(text, /mairie@exemple\.fr, téléphone 03 21 00 00 00/);
    assert.match(text, /en l’absence de réponse de la mairie au 27 janvier 2027, votre demande sera réputée acceptée/);
    assert.match(text, /attestation de cette décision implicite \(article L232-3/);
    assert.match(text, /L114-5/);

    // PDF/A-3b with the font embedded.
    const raw = pdf.content.toString('latin1');
    assert.match(raw, /\/Type \/Catalog[\s\S]*\/Metadata \d+ 0 R/);
    assert.match(raw, /\/OutputIntents/);
    assert.match(raw, /pdfaid:part>3</);
    assert.match(raw, /pdfaid:conformance>B</);
    assert.match(raw, /\/FontFile2/);
    assert.match(raw, /DejaVuSans/);

    // Stored once: the citizen downloads the same bytes.
    const after = await t.db.selectFrom('demande').select('accuse_file_id').executeTakeFirstOrThrow();
    assert.ok(after.accuse_file_id);
    const download = await getAccusePdf(ctx(), d.reference, d.token);
    assert.deepEqual(download.bytes, pdf.content);
    assert.equal(download.filename, `accuse-reception-${d.reference}.pdf`);
    await assert.rejects(getAccusePdf(ctx(), d.reference, 'faux-jeton'), /introuvable/);
  });

  it('mentionne le rejet implicite et les voies de recours quand le silence vaut rejet', async () => {
    const d = await deposerDemande(ctx(), {
      slug: 'contact',
      values: contactValues(),
      file: null,
      canal: 'en_ligne',
      baseUrl: 'https://gamma.test',
    });
    // A revision whose silence means rejection (as the form builder may set).
    const settings = JSON.parse(
      (
        await t.db
          .selectFrom('demarche_revision')
          .select('settings')
          .where(
            'id',
            '=',
            (
              await t.db.selectFrom('demande').select('revision_id').executeTakeFirstOrThrow()
            ).revision_id,
          )
          .executeTakeFirstOrThrow()
      ).settings,
    );
    await t.db
      .updateTable('demarche_revision')
      .set({ settings: JSON.stringify({ ...settings, silence: 'rejet', delaiJours: 10 }) })
      .execute();
    await t.db.updateTable('demande').set({ decision_due: '2026-12-11' }).where('id', '=', d.id).execute();
    const pdf = await getAccusePdf(ctx(), d.reference, d.token);
    const text = pdfText(pdf.bytes);
    assert.match(text, /au 11 décembre 2026, votre demande sera réputée rejetée/);
    assert.match(text, /recours gracieux auprès du maire ou un recours contentieux devant le tribunal administratif/);
    // Asked before the worker: the worker then mails the very same document.
    await deliver();
    assert.deepEqual(received[0]?.attachments[0]?.content, pdf.bytes);
  });

  it('n’envoie pas le courriel sans sa pièce : il est réessayé, avec l’erreur, tant qu’elle ne peut être produite', async () => {
    await deposerDemande(ctx(), {
      slug: 'contact',
      values: contactValues(),
      file: null,
      canal: 'en_ligne',
      baseUrl: 'https://gamma.test',
    });
    assert.deepEqual(await deliver(false), { sent: 0, failed: 1 });
    assert.equal(received.length, 0);
    const row = await t.db.selectFrom('mail_outbox').select(['status', 'last_error']).executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal(row.last_error, `no renderer for the attachment "${ACCUSE_RENDERER}"`);
  });
});
