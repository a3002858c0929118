import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import type { Commune } from '../../core/tenancy/index.js';
import { contactValues, ctxFor, elu, makeCommune, secretaire } from './demarches.factories.js';
import { deposerDemande, getSuivi } from './demarches.service.js';
import { ajouterMessage, changerStatut, getDemandeAdmin, listInbox, repondreUsager } from './instruction.service.js';

const depot = (values = contactValues()) => ({
  slug: 'contact',
  values,
  file: null,
  canal: 'en_ligne' as const,
  baseUrl: 'https://bellerive.test',
});

const code = (p: Promise<unknown>) => outcome(p);

describeEachEngine('démarches : dépôt, instruction et isolement', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  let now = new Date('2026-11-27T10:00:00Z');
  const clock = () => now;

  before(async () => {
    t = await createTestDb(engine);
    a = await makeCommune(t.db, '62001', 'alpha', now);
    b = await makeCommune(t.db, '62002', 'beta', now);
  });
  after(() => t.destroy());

  it('donne des références YYYY-NNNNNN qui se suivent par commune, même déposées en même temps', async () => {
    const refsA = await Promise.all(Array.from({ length: 20 }, () => deposerDemande(ctxFor(t.db, a, clock), depot())));
    const refB = await deposerDemande(ctxFor(t.db, b, clock), depot());
    const numbers = refsA.map((d) => d.reference).sort();
    assert.deepEqual(
      numbers,
      Array.from({ length: 20 }, (_, i) => `2026-${String(i + 1).padStart(6, '0')}`),
    );
    assert.equal(refB.reference, '2026-000001');
    const mails = await t.db
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body'])
      .where('commune_id', '=', a.id)
      .execute();
    assert.equal(mails.length, 20);
    assert.match(mails[0]?.text_body ?? '', /Date de réception/);
    assert.match(mails[0]?.text_body ?? '', /Service chargé du dossier : Secrétariat de la mairie de alpha/);
  });

  it('ne garde que le condensé du secret de suivi et refuse un mauvais secret', async () => {
    const d = await deposerDemande(ctxFor(t.db, a, clock), depot());
    const row = await t.db.selectFrom('demande').select('token_hash').where('id', '=', d.id).executeTakeFirstOrThrow();
    assert.notEqual(row.token_hash, d.token);
    assert.equal((await getSuivi(ctxFor(t.db, a, clock), d.reference, d.token)).demande.id, d.id);
    assert.equal(await code(getSuivi(ctxFor(t.db, a, clock), d.reference, `${d.token}x`)), 'NotFound');
    assert.equal(await code(getSuivi(ctxFor(t.db, b, clock), d.reference, d.token)), 'NotFound');
  });

  it('instruit une demande : statut avec motif, message, note interne, courriels et historique', async () => {
    const d = await deposerDemande(ctxFor(t.db, a, clock), depot());
    const agent = ctxFor(t.db, a, clock, secretaire);
    await changerStatut(agent, { id: d.id, to: 'instruction', motif: 'Prise en charge.' });
    await ajouterMessage(agent, { id: d.id, body: '', modele: 'prise_en_charge', kind: 'message_agent' });
    await ajouterMessage(agent, { id: d.id, body: 'Appeler le service technique.', kind: 'note' });
    assert.equal(await code(changerStatut(agent, { id: d.id, to: 'recue', motif: 'x' })), 'InvalidTransition');
    assert.equal(await code(changerStatut(agent, { id: d.id, to: 'acceptee', motif: '  ' })), 'Invalid');
    const admin = await getDemandeAdmin(agent, d.id);
    assert.equal(admin.demande.status, 'instruction');
    assert.deepEqual(
      admin.evenements.map((e) => e.kind),
      ['statut', 'statut', 'message_agent', 'note'],
    );
    assert.match(
      admin.evenements[2]?.body ?? '',
      /Bonjour Léa Martin,\n\nVotre demande 2026-\d{6} est bien prise en charge/,
    );
    const suivi = await getSuivi(ctxFor(t.db, a, clock), d.reference, d.token);
    assert.equal(
      suivi.evenements.some((e) => e.kind === 'note'),
      false,
      'internal notes stay internal',
    );
    const mails = await t.db
      .selectFrom('mail_outbox')
      .select('subject')
      .where('to_address', '=', 'lea.martin@exemple.fr')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    assert.match(mails[1]?.subject ?? '', /en cours d’instruction/);
  });

  it('refuse l’instruction à un élu et à une autre commune', async () => {
    const d = await deposerDemande(ctxFor(t.db, a, clock), depot());
    assert.equal(await code(listInbox(ctxFor(t.db, a, clock, elu), {})), 'Forbidden');
    assert.equal(await code(getDemandeAdmin(ctxFor(t.db, b, clock, secretaire), d.id)), 'NotFound');
    assert.equal(
      await code(changerStatut(ctxFor(t.db, b, clock, secretaire), { id: d.id, to: 'close', motif: 'x' })),
      'NotFound',
    );
    const inboxB = await listInbox(ctxFor(t.db, b, clock, secretaire), {});
    assert.equal(
      inboxB.demandes.some((x) => x.id === d.id),
      false,
    );
  });

  it('repasse en instruction quand le demandeur répond à une demande de compléments', async () => {
    const d = await deposerDemande(ctxFor(t.db, a, clock), depot());
    const agent = ctxFor(t.db, a, clock, secretaire);
    await changerStatut(agent, { id: d.id, to: 'complements', motif: 'Il manque une pièce.' });
    now = new Date('2026-11-30T09:00:00Z');
    await repondreUsager(ctxFor(t.db, a, clock), {
      reference: d.reference,
      token: d.token,
      body: 'Voici la pièce.',
      file: null,
    });
    const suivi = await getSuivi(ctxFor(t.db, a, clock), d.reference, d.token);
    assert.equal(suivi.demande.status, 'instruction');
    assert.deepEqual(
      suivi.evenements.map((e) => e.kind),
      ['statut', 'statut', 'message_usager', 'statut'],
    );
    const inbox = await listInbox(agent, { text: d.reference });
    assert.equal(inbox.demandes.length, 1);
    assert.equal(
      (await listInbox(agent, { status: 'complements' })).demandes.some((x) => x.id === d.id),
      false,
    );
  });
});
