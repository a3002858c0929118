import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import { appendAuditEvent, verifyAuditChain } from '../../core/audit/index.js';
import { DiskFileStore } from '../../core/files/index.js';
import type { Commune } from '../../core/tenancy/index.js';
import {
  consulterConservation,
  enregistrerConservation,
  getBordereau,
  listBordereaux,
  runRetention,
  viserBordereau,
} from './conservation.service.js';
import { effacerPersonne, exporterPersonne, rechercherPersonne } from './personnes.service.js';
import { consulterRegistre, getActivity, modifierActivite } from './registre.service.js';
import { administrateur, agent, ctxFor, insertDemande, insertType, makeCommune, secretaire } from './rgpd.factories.js';

const code = (p: Promise<unknown>) => outcome(p);

const PDF = Buffer.from('%PDF-1.4\n% pièce de Léa\n%%EOF\n');
const SHARED_PDF = Buffer.from('%PDF-1.4\n% même pièce dans deux communes\n%%EOF\n');

describeEachEngine('rgpd : conservation, bordereaux d’élimination et visa des archives', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  let dir: string;
  let files: DiskFileStore;
  let now = new Date('2026-03-01T02:40:00Z');
  const clock = () => now;
  const ids: Record<string, { id: number; reference: string; sha256?: string }> = {};

  const demande = (id: number) => t.db.selectFrom('demande').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  before(async () => {
    t = await createTestDb(engine);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-rgpd-'));
    files = new DiskFileStore(dir);
    a = await makeCommune(t.db, '62001', 'alpha', now);
    b = await makeCommune(t.db, '62002', 'beta', now);
    const at = now.toISOString();
    const contact = await insertType(t.db, a.id, { slug: 'contact', title: 'Contacter la mairie', now: at });
    const signalement = await insertType(t.db, a.id, { slug: 'signalement', title: 'Signaler', now: at });
    const contactB = await insertType(t.db, b.id, { slug: 'contact', title: 'Contacter la mairie', now: at });
    const closedLongAgo = { receivedAt: '2025-01-05T09:00:00.000Z', updatedAt: '2025-01-10T09:00:00.000Z' };
    ids.archive = await insertDemande(t.db, a.id, {
      typeId: contact,
      email: 'lea@exemple.fr',
      status: 'close',
      ...closedLongAgo,
    });
    ids.direct = await insertDemande(t.db, a.id, {
      typeId: signalement,
      email: 'lea@exemple.fr',
      status: 'acceptee',
      ...closedLongAgo,
      piece: PDF,
      files,
    });
    ids.shared = await insertDemande(t.db, a.id, {
      typeId: signalement,
      email: 'paul@exemple.fr',
      status: 'refusee',
      ...closedLongAgo,
      piece: SHARED_PDF,
      files,
    });
    ids.open = await insertDemande(t.db, a.id, {
      typeId: contact,
      email: 'lea@exemple.fr',
      status: 'instruction',
      receivedAt: '2024-06-01T09:00:00.000Z',
      updatedAt: '2024-06-02T09:00:00.000Z',
    });
    ids.recent = await insertDemande(t.db, a.id, {
      typeId: contact,
      email: 'lea@exemple.fr',
      status: 'close',
      receivedAt: '2026-02-01T09:00:00.000Z',
      updatedAt: '2026-02-01T10:00:00.000Z',
    });
    ids.otherCommune = await insertDemande(t.db, b.id, {
      typeId: contactB,
      email: 'lea@exemple.fr',
      status: 'close',
      ...closedLongAgo,
      piece: SHARED_PDF,
      files,
    });
    // Alert subscriptions: one never confirmed (stale), one confirmed.
    await t.db
      .insertInto('alerte_abonne')
      .values([
        {
          commune_id: a.id,
          email: 'jamais@exemple.fr',
          status: 'en_attente',
          created_at: '2026-02-01T00:00:00.000Z',
          last_mail_at: '2026-02-01T00:00:00.000Z',
          confirmed_at: null,
        },
        {
          commune_id: a.id,
          email: 'lea@exemple.fr',
          status: 'confirme',
          created_at: '2025-02-01T00:00:00.000Z',
          last_mail_at: '2025-02-01T00:00:00.000Z',
          confirmed_at: '2025-02-01T00:00:00.000Z',
        },
      ])
      .execute();
    const mail = (to: string, createdAt: string, communeId: number) => ({
      commune_id: communeId,
      to_address: to,
      subject: 'Accusé de réception',
      text_body: 'Bonjour Léa',
      status: 'sent' as const,
      next_attempt_at: createdAt,
      created_at: createdAt,
      sent_at: createdAt,
    });
    await t.db
      .insertInto('mail_outbox')
      .values([
        mail('lea@exemple.fr', '2025-06-01T00:00:00.000Z', a.id),
        mail('lea@exemple.fr', '2026-02-15T00:00:00.000Z', a.id),
        mail('lea@exemple.fr', '2025-06-01T00:00:00.000Z', b.id),
      ])
      .execute();
  });
  after(async () => {
    await t.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prend par défaut les durées documentées ; seul un administrateur les change', async () => {
    const cats = await consulterConservation(ctxFor(t.db, a, clock, secretaire));
    const contact = cats.find((c) => c.def.key === 'demande:contact');
    assert.deepEqual(contact?.retention, { duree: 12, archive: true });
    assert.equal(contact?.isSet, false);
    assert.deepEqual(cats.find((c) => c.def.key === 'courriels')?.retention, { duree: 6, archive: false });
    const form = { categorie: 'demande:signalement', duree: '12', archive: '0' };
    assert.equal(await code(enregistrerConservation(ctxFor(t.db, a, clock, secretaire), form)), 'Forbidden');
    assert.equal(
      await code(enregistrerConservation(ctxFor(t.db, a, clock, administrateur), { ...form, duree: '0' })),
      'Invalid',
    );
    assert.equal(
      await code(
        enregistrerConservation(ctxFor(t.db, a, clock, administrateur), { ...form, categorie: 'demande:inconnue' }),
      ),
      'NotFound',
    );
    await enregistrerConservation(ctxFor(t.db, a, clock, administrateur), form);
    const after = await consulterConservation(ctxFor(t.db, a, clock, administrateur));
    assert.deepEqual(after.find((c) => c.def.key === 'demande:signalement')?.retention, { duree: 12, archive: false });
  });

  it('liste les archives échues sur un bordereau à viser et anonymise le reste aussitôt', async () => {
    const run = await runRetention(ctxFor(t.db, a, clock, undefined, files));
    // contact (archive) → one bordereau to visa; signalement, stale subscription, old mail → executed.
    assert.equal(run.proposes, 1);
    assert.equal(run.executes, 3);
    assert.equal(run.elimines, 4);

    const archive = await demande(ids.archive?.id as number);
    assert.equal(archive.email, 'lea@exemple.fr', 'an archive waits for the visa');

    const direct = await demande(ids.direct?.id as number);
    assert.deepEqual([direct.email, direct.nom, direct.prenom, direct.adresse, direct.answers], ['', '', '', '', '{}']);
    assert.equal(direct.status, 'acceptee', 'the statistics stay');
    const events = await t.db
      .selectFrom('demande_evenement')
      .select('body')
      .where('demande_id', '=', direct.id)
      .execute();
    assert.deepEqual(
      events.map((e) => e.body),
      [''],
    );
    const pieces = await t.db.selectFrom('demande_piece').select('id').where('demande_id', '=', direct.id).execute();
    assert.equal(pieces.length, 0);
    assert.equal(await files.has(ids.direct?.sha256 as string), false, 'the file left the store');
    assert.equal(await files.has(ids.shared?.sha256 as string), true, 'bytes another commune refers to stay');
    assert.equal(run.fichiers, 1);

    const open = await demande(ids.open?.id as number);
    assert.equal(open.email, 'lea@exemple.fr', 'a request still instructed is never eliminated');
    assert.equal((await demande(ids.recent?.id as number)).email, 'lea@exemple.fr');
    assert.equal((await demande(ids.otherCommune?.id as number)).email, 'lea@exemple.fr', 'commune B untouched');

    const subs = await t.db.selectFrom('alerte_abonne').select('email').where('commune_id', '=', a.id).execute();
    assert.deepEqual(
      subs.map((s) => s.email),
      ['lea@exemple.fr'],
    );
    const mails = await t.db.selectFrom('mail_outbox').select(['commune_id', 'created_at']).orderBy('id').execute();
    assert.deepEqual(
      mails.map((m) => [m.commune_id, m.created_at]),
      [
        [a.id, '2026-02-15T00:00:00.000Z'],
        [b.id, '2025-06-01T00:00:00.000Z'],
      ],
    );

    const bordereaux = await listBordereaux(ctxFor(t.db, a, clock, secretaire));
    assert.deepEqual(bordereaux.map((x) => [x.categorie, x.statut, x.nbItems]).sort(), [
      ['alertes_en_attente', 'execute', 1],
      ['courriels', 'execute', 1],
      ['demande:contact', 'a_viser', 1],
      ['demande:signalement', 'execute', 2],
    ]);
    const actions = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('commune_id', '=', a.id)
      .where('action', 'like', 'rgpd.%')
      .execute();
    assert.equal(actions.filter((x) => x.action === 'rgpd.elimination_executee').length, 3);
    assert.equal(actions.filter((x) => x.action === 'rgpd.bordereau_propose').length, 1);
    assert.deepEqual(await listBordereaux(ctxFor(t.db, b, clock, secretaire)), []);
  });

  it('ne liste rien deux fois quand la tâche repasse', async () => {
    const run = await runRetention(ctxFor(t.db, a, clock, undefined, files));
    assert.deepEqual(run, { proposes: 0, executes: 0, elimines: 0, fichiers: 0 });
  });

  it('n’élimine une archive qu’après le visa du service d’archives, puis journalise', async () => {
    const [pending] = (await listBordereaux(ctxFor(t.db, a, clock, secretaire))).filter((x) => x.statut === 'a_viser');
    const id = pending?.id as number;
    const { items } = await getBordereau(ctxFor(t.db, a, clock, secretaire), id);
    assert.match(items[0]?.libelle ?? '', new RegExp(`Demande ${ids.archive?.reference}`));
    assert.doesNotMatch(items[0]?.libelle ?? '', /lea|Martin/i, 'a bordereau holds no personal data');
    const visa = {
      visa_date: '2026-02-27',
      visa_service: 'Archives départementales du Pas-de-Calais',
      visa_reference: 'AD62-2026-14',
    };
    assert.equal(await code(viserBordereau(ctxFor(t.db, a, clock, agent), id, visa)), 'Forbidden');
    assert.equal(await code(viserBordereau(ctxFor(t.db, b, clock, secretaire), id, visa)), 'NotFound');
    assert.equal(
      await code(viserBordereau(ctxFor(t.db, a, clock, secretaire), id, { ...visa, visa_date: '2026-03-05' })),
      'Invalid',
    );
    assert.equal(
      await code(viserBordereau(ctxFor(t.db, a, clock, secretaire), id, { ...visa, visa_service: ' ' })),
      'Invalid',
    );
    await viserBordereau(ctxFor(t.db, a, clock, secretaire), id, visa);
    assert.equal(await code(viserBordereau(ctxFor(t.db, a, clock, secretaire), id, visa)), 'Conflict');
    assert.equal((await demande(ids.archive?.id as number)).email, 'lea@exemple.fr', 'the job executes, not the visa');

    now = new Date('2026-03-02T02:40:00Z');
    const run = await runRetention(ctxFor(t.db, a, clock, undefined, files));
    assert.equal(run.executes, 1);
    assert.equal((await demande(ids.archive?.id as number)).email, '');
    const { bordereau, items: done } = await getBordereau(ctxFor(t.db, a, clock, secretaire), id);
    assert.equal(bordereau.statut, 'execute');
    assert.equal(bordereau.visaReference, 'AD62-2026-14');
    assert.ok(done.every((i) => i.eliminatedAt !== null));
    const last = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('commune_id', '=', a.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(last.action, 'rgpd.elimination_executee');
    assert.match(last.details, /AD62-2026-14/);
    assert.equal(await verifyAuditChain(t.db, a.id), null);
  });
});

describeEachEngine('rgpd : droits des personnes et registre', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  let dir: string;
  let files: DiskFileStore;
  const now = new Date('2026-03-01T10:00:00Z');
  const clock = () => now;
  let typeA: number;

  before(async () => {
    t = await createTestDb(engine);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-rgpd-'));
    files = new DiskFileStore(dir);
    a = await makeCommune(t.db, '62001', 'alpha', now);
    b = await makeCommune(t.db, '62002', 'beta', now);
    const at = now.toISOString();
    typeA = await insertType(t.db, a.id, { slug: 'contact', title: 'Contacter la mairie', now: at });
    const etatCivil = await insertType(t.db, a.id, { slug: 'etat-civil', title: 'Acte d’état civil', now: at });
    const contactB = await insertType(t.db, b.id, { slug: 'contact', title: 'Contacter la mairie', now: at });
    await enregistrerConservation(ctxFor(t.db, a, clock, administrateur), {
      categorie: 'demande:contact',
      duree: '12',
      archive: '0',
    });
    const closed = { receivedAt: '2026-01-05T09:00:00.000Z', updatedAt: '2026-01-10T09:00:00.000Z' };
    await insertDemande(t.db, a.id, {
      typeId: typeA,
      email: 'lea@exemple.fr',
      status: 'close',
      ...closed,
      piece: PDF,
      files,
    });
    await insertDemande(t.db, a.id, { typeId: typeA, email: 'lea@exemple.fr', status: 'instruction', ...closed });
    await insertDemande(t.db, a.id, { typeId: etatCivil, email: 'lea@exemple.fr', status: 'acceptee', ...closed });
    await insertDemande(t.db, b.id, { typeId: contactB, email: 'lea@exemple.fr', status: 'close', ...closed });
    await t.db
      .insertInto('alerte_abonne')
      .values({
        commune_id: a.id,
        email: 'lea@exemple.fr',
        status: 'confirme',
        created_at: '2025-02-01T00:00:00.000Z',
        last_mail_at: '2025-02-01T00:00:00.000Z',
        confirmed_at: '2025-02-01T00:00:00.000Z',
      })
      .execute();
    await t.db.transaction().execute(async (trx) => {
      await appendAuditEvent(trx, {
        communeId: a.id,
        occurredAt: now,
        action: 'auth.sign_in_failed',
        personal: { email: 'lea@exemple.fr', ip: '192.0.2.1' },
      });
      await appendAuditEvent(trx, {
        communeId: a.id,
        occurredAt: now,
        action: 'auth.sign_in_failed',
        personal: { email: 'autre@exemple.fr' },
      });
    });
  });
  after(async () => {
    await t.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('retrouve tout ce que la commune détient sur une adresse, avec la décision pour chaque élément', async () => {
    const data = await rechercherPersonne(ctxFor(t.db, a, clock, secretaire), '  Lea@Exemple.FR ');
    assert.equal(data.email, 'lea@exemple.fr');
    const summary = data.items.map((i) => [i.kind, i.decision.allowed]);
    assert.deepEqual(summary, [
      ['demande', true],
      ['demande', false],
      ['demande', false],
      ['alerte_abonne', true],
      ['journal', true],
    ]);
    assert.match(data.items[1]?.decision.reason ?? '', /en cours d’instruction/);
    assert.match(data.items[2]?.decision.reason ?? '', /jusqu’au 10\/01\/2027.*2017-890/);
    assert.equal(await code(rechercherPersonne(ctxFor(t.db, a, clock, agent), 'lea@exemple.fr')), 'Forbidden');
    assert.equal(await code(rechercherPersonne(ctxFor(t.db, a, clock, secretaire), 'pas-une-adresse')), 'Invalid');
  });

  it('exporte les données d’une personne et journalise l’export', async () => {
    const json = (await exporterPersonne(ctxFor(t.db, a, clock, secretaire), 'lea@exemple.fr')) as Record<
      string,
      unknown[]
    >;
    assert.equal(json.demandes?.length, 3, 'only this commune’s requests');
    assert.match(JSON.stringify(json), /Ma question personnelle/);
    assert.match(JSON.stringify(json), /Bonjour, je suis Léa Martin/);
    assert.equal(json.abonnements_alertes?.length, 1);
    const event = await t.db
      .selectFrom('audit_event')
      .select(['action', 'personal', 'details'])
      .where('commune_id', '=', a.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(event.action, 'rgpd.donnees_exportees');
    assert.match(event.personal ?? '', /lea@exemple.fr/);
    assert.doesNotMatch(event.details, /lea/);
  });

  it('efface ce qui peut l’être, refuse le reste avec sa raison, sans casser la chaîne d’audit', async () => {
    const result = await effacerPersonne(ctxFor(t.db, a, clock, secretaire, files), 'lea@exemple.fr');
    assert.deepEqual(
      result.erased.map((i) => i.kind),
      ['demande', 'alerte_abonne', 'journal', 'journal'],
    );
    assert.deepEqual(
      result.refused.map((i) => i.kind),
      ['demande', 'demande'],
    );
    const left = await rechercherPersonne(ctxFor(t.db, a, clock, secretaire), 'lea@exemple.fr');
    assert.deepEqual(
      left.items.map((i) => i.kind),
      ['demande', 'demande'],
      'only what the law keeps',
    );
    assert.equal(await verifyAuditChain(t.db, a.id), null);
    const other = await t.db
      .selectFrom('audit_event')
      .select('personal')
      .where('commune_id', '=', a.id)
      .where('personal', 'is not', null)
      .execute();
    assert.deepEqual(
      other.map((o) => o.personal),
      ['{"email":"autre@exemple.fr"}'],
    );
    const last = await t.db
      .selectFrom('audit_event')
      .select(['action', 'details', 'personal'])
      .where('commune_id', '=', a.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(last.action, 'rgpd.effacement');
    assert.equal(last.personal, null);
    assert.doesNotMatch(last.details, /lea/);
    const inB = await rechercherPersonne(ctxFor(t.db, b, clock, secretaire), 'lea@exemple.fr');
    assert.equal(inB.items.length, 1, 'commune B keeps its own');
  });

  it('génère le registre depuis les démarches et les modules, garde les modifications d’un administrateur', async () => {
    const modules = ['comptes', 'alertes', 'demarches'];
    const reg = await consulterRegistre(ctxFor(t.db, a, clock, secretaire), modules);
    assert.deepEqual(
      reg.map((r) => r.cle),
      [
        'demarche:contact',
        'demarche:etat-civil',
        'module:comptes',
        'module:alertes',
        'socle:journal',
        'socle:courriels',
      ],
    );
    const contact = reg[0];
    assert.match(contact?.donnees ?? '', /Objet, Pièce jointe/);
    assert.doesNotMatch(contact?.donnees ?? '', /Texte d’aide/);
    assert.match(contact?.destinataires ?? '', /Service Contacter la mairie/);
    assert.match(contact?.conservation ?? '', /12 mois.*anonymisation/);

    const id = contact?.id as number;
    const edited = {
      ...(await getActivity(ctxFor(t.db, a, clock, administrateur), id)),
      finalite: 'Répondre aux questions (revu avec le délégué).',
    };
    assert.equal(await code(modifierActivite(ctxFor(t.db, a, clock, secretaire), id, edited)), 'Forbidden');
    assert.equal(
      await code(modifierActivite(ctxFor(t.db, a, clock, administrateur), id, { ...edited, nom: '' })),
      'Invalid',
    );
    assert.equal(await code(modifierActivite(ctxFor(t.db, b, clock, administrateur), id, edited)), 'NotFound');
    await modifierActivite(ctxFor(t.db, a, clock, administrateur), id, edited);

    await insertType(t.db, a.id, { slug: 'reservation-salle', title: 'Réserver une salle', now: now.toISOString() });
    const again = await consulterRegistre(ctxFor(t.db, a, clock, secretaire), ['comptes', 'demarches', 'conseil']);
    const byKey = new Map(again.map((r) => [r.cle, r]));
    assert.equal(byKey.get('demarche:contact')?.finalite, 'Répondre aux questions (revu avec le délégué).');
    assert.equal(byKey.get('demarche:contact')?.modifie, true);
    assert.equal(byKey.get('demarche:reservation-salle')?.actif, true, 'a new démarche type appears');
    assert.equal(byKey.get('module:conseil')?.actif, true);
    assert.equal(byKey.get('module:alertes')?.actif, false, 'a module no longer in use is marked so');
    assert.equal((await consulterRegistre(ctxFor(t.db, b, clock, secretaire), modules)).length, 5);
    assert.equal(await code(consulterRegistre(ctxFor(t.db, a, clock, agent), modules)), 'Forbidden');
  });
});
