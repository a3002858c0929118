import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import sharp from 'sharp';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import type { Actor } from '../../core/context.js';
import { DiskFileStore } from '../../core/files/index.js';
import type { Commune } from '../../core/tenancy/index.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { uploadMedia } from '../medias/index.js';
import { findTypeAdmin } from './builder.repo.js';
import {
  ajouterChamp,
  creerType,
  deplacerChamp,
  enregistrerReglages,
  getBuilder,
  listTypesConfig,
  modifierChamp,
  publierType,
  supprimerChamp,
} from './builder.service.js';
import { ctxFor, elu, makeCommune, secretaire } from './demarches.factories.js';
import { deposerDemande, getType } from './demarches.service.js';
import { changerStatut, cloturerDemandes, getDemandeAdmin } from './instruction.service.js';
import { archiverSalle, calendrierSalles, creerSalle, reglerRetenue } from './salles.service.js';

const agent: Actor = { kind: 'user', userId: 3, displayName: 'Agent', isOperator: false, role: 'agent' };

const code = (p: Promise<unknown>) => outcome(p);

const identity = { prenom: 'Léa', nom: 'Martin', email: 'lea@exemple.fr', adresse: '3 rue des Lilas' };
const settingsInput = {
  serviceNom: 'Service scolaire',
  serviceEmail: 'ecole@exemple.fr',
  serviceAdresse: '1 place de la Mairie',
  serviceTelephone: '03 21 00 00 00',
  silence: 'rejet',
  delaiUnite: 'mois',
  delai: '2',
  conservationMois: '24',
  roles: ['secretaire', 'agent'],
};
const noEdit = { hint: '', required: true, options: '', showIfField: '', showIfValues: [] as string[] };

describeEachEngine('démarches : constructeur de formulaires, clôture groupée et salles', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  const now = new Date('2026-11-27T10:00:00Z');
  const clock = () => now;

  before(async () => {
    t = await createTestDb(engine);
    a = await makeCommune(t.db, '62001', 'alpha', now);
    b = await makeCommune(t.db, '62002', 'beta', now);
  });
  after(() => t.destroy());

  it('publie une démarche créée, puis une version 2 ; la demande faite sur la version 1 garde la sienne', async () => {
    const sec = ctxFor(t.db, a, clock, secretaire);
    const id = await creerType(sec, { title: 'Inscription à la cantine', slug: '', summary: 'Inscrire un enfant.' });
    assert.equal(await code(getType(ctxFor(t.db, a, clock), 'inscription-a-la-cantine')), 'NotFound');
    await ajouterChamp(sec, id, { type: 'text', label: 'Nom de l’enfant' });
    await ajouterChamp(sec, id, { type: 'choice', label: 'Régime' });
    await ajouterChamp(sec, id, { type: 'textarea', label: 'Allergies' });
    await modifierChamp(sec, id, 'regime', { ...noEdit, label: 'Régime', options: 'Standard\nSans porc\nAllergie' });
    await modifierChamp(sec, id, 'allergies', {
      ...noEdit,
      label: 'Allergies',
      showIfField: 'regime',
      showIfValues: ['allergie'],
    });
    await enregistrerReglages(sec, id, {
      title: 'Inscription à la cantine',
      summary: 'Inscrire un enfant.',
      settings: settingsInput,
    });
    assert.equal(await publierType(sec, id), 1);
    const v1 = await getType(ctxFor(t.db, a, clock), 'inscription-a-la-cantine');
    assert.deepEqual(
      v1.form.map((f) => f.name),
      ['nom_de_l_enfant', 'regime', 'allergies'],
    );
    assert.equal(v1.settings.silence, 'rejet');
    const depot = (values: Record<string, string>) =>
      deposerDemande(ctxFor(t.db, a, clock), {
        slug: 'inscription-a-la-cantine',
        values: { ...identity, ...values },
        file: null,
        canal: 'en_ligne',
        baseUrl: 'https://alpha.test',
      });
    const err = await code(depot({ nom_de_l_enfant: 'Tom', regime: 'allergie' }));
    assert.equal(err, 'Invalid', 'the field shown by the condition is required');
    const first = await depot({ nom_de_l_enfant: 'Tom', regime: 'allergie', allergies: 'Arachide' });
    assert.equal(first.decisionDue, '2027-01-27');

    await modifierChamp(sec, id, 'nom_de_l_enfant', { ...noEdit, label: 'Prénom et nom de l’enfant' });
    await ajouterChamp(sec, id, { type: 'date', label: 'Date de naissance' });
    await deplacerChamp(sec, id, 'date_de_naissance', 'up');
    assert.equal(await code(supprimerChamp(sec, id, 'regime')), 'Conflict', 'allergies depends on it');
    await supprimerChamp(sec, id, 'allergies');
    assert.equal(await code(supprimerChamp(sec, id, 'regime')), 'ok');
    assert.equal((await getType(ctxFor(t.db, a, clock), 'inscription-a-la-cantine')).version, 1, 'draft only');
    assert.equal(await publierType(sec, id), 2);
    const second = await depot({ nom_de_l_enfant: 'Zoé', date_de_naissance: '2019-04-02' });

    const old = await getDemandeAdmin(sec, first.id);
    assert.equal(old.demande.form.find((f) => f.name === 'nom_de_l_enfant')?.label, 'Nom de l’enfant');
    assert.equal(old.demande.answers.allergies, 'Arachide');
    await changerStatut(sec, { id: first.id, to: 'acceptee', motif: 'Inscription validée.' });
    assert.equal((await getDemandeAdmin(sec, first.id)).demande.status, 'acceptee');
    const fresh = await getDemandeAdmin(sec, second.id);
    assert.equal(fresh.demande.form[0]?.label, 'Prénom et nom de l’enfant');
    assert.notEqual(fresh.demande.form.length, old.demande.form.length);
    const revisions = await t.db.selectFrom('demarche_revision').select('version').where('type_id', '=', id).execute();
    assert.deepEqual(revisions.map((r) => r.version).sort(), [1, 2]);
  });

  it('refuse le constructeur à un agent et à un élu, et à une autre commune', async () => {
    const id = await creerType(ctxFor(t.db, a, clock, secretaire), { title: 'Permis', slug: 'permis', summary: 'x' });
    assert.equal(await code(listTypesConfig(ctxFor(t.db, a, clock, agent))), 'Forbidden');
    assert.equal(await code(getBuilder(ctxFor(t.db, a, clock, elu), id)), 'Forbidden');
    assert.equal(await code(getBuilder(ctxFor(t.db, b, clock, secretaire), id)), 'NotFound');
    assert.equal(await code(publierType(ctxFor(t.db, b, clock, secretaire), id)), 'NotFound');
    assert.equal(
      await code(ajouterChamp(ctxFor(t.db, b, clock, secretaire), id, { type: 'text', label: 'x' })),
      'NotFound',
    );
    assert.equal(
      await code(creerType(ctxFor(t.db, a, clock, secretaire), { title: 'x', slug: 'permis', summary: 'y' })),
      'Conflict',
    );
    assert.equal(
      await code(creerType(ctxFor(t.db, a, clock, secretaire), { title: 'x', slug: 'contact', summary: 'y' })),
      'Invalid',
    );
    assert.equal(await code(publierType(ctxFor(t.db, a, clock, secretaire), id)), 'Invalid', 'empty form');
  });

  it('garde les champs exigés de l’état civil et sa conservation d’un an', async () => {
    const sec = ctxFor(t.db, a, clock, secretaire);
    const ec = (await listTypesConfig(sec)).find((x) => x.slug === 'etat-civil');
    assert.ok(ec);
    assert.equal(await code(supprimerChamp(sec, ec.id, 'date_evenement')), 'Conflict');
    assert.equal(await code(supprimerChamp(sec, ec.id, 'exemplaires')), 'ok');
    const bad = await code(
      enregistrerReglages(sec, ec.id, {
        title: 'Acte',
        summary: 'Acte.',
        settings: { ...settingsInput, conservationMois: '24' },
      }),
    );
    assert.equal(bad, 'Invalid');
    assert.equal(await publierType(sec, ec.id), 2);
    const published = await getType(ctxFor(t.db, a, clock), 'etat-civil');
    assert.ok(published.form.some((f) => f.name === 'date_evenement'));
    assert.ok(!published.form.some((f) => f.name === 'exemplaires'));
  });

  it('n’ouvre une démarche qu’aux rôles choisis', async () => {
    const sec = ctxFor(t.db, a, clock, secretaire);
    const contact = (await listTypesConfig(sec)).find((x) => x.slug === 'contact');
    assert.ok(contact);
    await enregistrerReglages(sec, contact.id, {
      title: 'Contacter la mairie',
      summary: 'Une question.',
      settings: { ...settingsInput, silence: 'aucune', roles: ['secretaire'] },
    });
    await publierType(sec, contact.id);
    const d = await deposerDemande(ctxFor(t.db, a, clock), {
      slug: 'contact',
      values: { ...identity, objet: 'Horaires', question: 'Quand ?' },
      file: null,
      canal: 'en_ligne',
      baseUrl: 'https://alpha.test',
    });
    assert.equal(await code(getDemandeAdmin(ctxFor(t.db, a, clock, agent), d.id)), 'Forbidden');
    assert.equal(await code(getDemandeAdmin(sec, d.id)), 'ok');
  });

  it('clôture plusieurs demandes d’un coup, chacune tracée et annoncée, ou aucune', async () => {
    const sec = ctxFor(t.db, b, clock, secretaire);
    const depot = () =>
      deposerDemande(ctxFor(t.db, b, clock), {
        slug: 'signalement',
        values: { ...identity, categorie: 'voirie', description: 'Trou', lieu: 'Rue' },
        file: null,
        canal: 'en_ligne',
        baseUrl: 'https://beta.test',
      });
    const [d1, d2, d3] = [await depot(), await depot(), await depot()];
    await changerStatut(sec, { id: d3.id, to: 'close', motif: 'Doublon.' });
    assert.equal(await code(cloturerDemandes(sec, { ids: [d1.id, d3.id], motif: 'Réparé.' })), 'InvalidTransition');
    assert.equal((await getDemandeAdmin(sec, d1.id)).demande.status, 'recue', 'all or nothing');
    assert.equal(await code(cloturerDemandes(sec, { ids: [d1.id], motif: ' ' })), 'Invalid');
    assert.equal(
      await code(cloturerDemandes(ctxFor(t.db, a, clock, secretaire), { ids: [d1.id], motif: 'x' })),
      'NotFound',
    );
    const before = await t.db.selectFrom('mail_outbox').select('id').where('commune_id', '=', b.id).execute();
    assert.equal(await cloturerDemandes(sec, { ids: [d1.id, d2.id], motif: 'Le trou est rebouché.' }), 2);
    for (const d of [d1, d2]) {
      const admin = await getDemandeAdmin(sec, d.id);
      assert.equal(admin.demande.status, 'close');
      assert.equal(admin.evenements.at(-1)?.body, 'Le trou est rebouché.');
    }
    const mails = await t.db.selectFrom('mail_outbox').select('text_body').where('commune_id', '=', b.id).execute();
    assert.equal(mails.length - before.length, 2);
    const audits = await t.db
      .selectFrom('audit_event')
      .select('object_id')
      .where('commune_id', '=', b.id)
      .where('action', '=', 'demarches.statut_change')
      .execute();
    assert.deepEqual(
      audits
        .map((x) => Number(x.object_id))
        .filter((x) => x === d1.id || x === d2.id)
        .sort(),
      [d1.id, d2.id].sort(),
    );
  });

  it('gère les salles : le formulaire de réservation suit les salles, la retenue se règle', async () => {
    const sec = ctxFor(t.db, b, clock, secretaire);
    const room = { capacite: '80', tarifs: 'Gratuit', description: '', equipements: 'Tables', photos: [] };
    assert.equal(await code(reglerRetenue(sec, '10')), 'Conflict', 'no booking type before a room');
    const s1 = await creerSalle(sec, { ...room, nom: 'Salle des fêtes' });
    await listTypesConfig(sec); // creates the booking type with the room
    const s2 = await creerSalle(sec, { ...room, nom: 'Salle des fêtes' });
    let type = await getType(ctxFor(t.db, b, clock), 'reservation-salle');
    assert.deepEqual(
      type.form.find((f) => f.name === 'salle')?.options?.map((o) => o.value),
      ['salle-des-fetes', 'salle-des-fetes-2'],
    );
    await archiverSalle(sec, s2, true);
    type = await getType(ctxFor(t.db, b, clock), 'reservation-salle');
    assert.deepEqual(
      type.form.find((f) => f.name === 'salle')?.options?.map((o) => o.value),
      ['salle-des-fetes'],
    );
    assert.equal(await code(creerSalle(sec, { ...room, nom: 'X', photos: ['999'] })), 'Invalid');
    assert.equal(await code(creerSalle(ctxFor(t.db, b, clock, agent), { ...room, nom: 'Y' })), 'Forbidden');
    assert.equal(await code(archiverSalle(ctxFor(t.db, a, clock, secretaire), s1, true)), 'NotFound');
    await reglerRetenue(sec, '10');
    type = await getType(ctxFor(t.db, b, clock), 'reservation-salle');
    assert.equal(type.settings.retenueJours, 10);
    const scope = new TenantScope(t.db, b.id);
    assert.equal((await findTypeAdmin(scope, type.id))?.version, type.version);
    const d = await deposerDemande(ctxFor(t.db, b, clock), {
      slug: 'reservation-salle',
      values: {
        ...identity,
        salle: 'salle-des-fetes',
        date: '2027-06-19',
        creneau: 'soiree',
        objet: 'Mariage',
        personnes: '60',
      },
      file: null,
      canal: 'en_ligne',
      baseUrl: 'https://beta.test',
    });
    const hold = await t.db
      .selectFrom('salle_creneau')
      .select('expires_at')
      .where('demande_id', '=', d.id)
      .executeTakeFirstOrThrow();
    assert.equal(hold.expires_at, new Date(now.getTime() + 10 * 86_400_000).toISOString());
    const cal = await calendrierSalles(ctxFor(t.db, b, clock), '2027-06');
    assert.equal(cal.calendars.length, 1);
    const day = cal.calendars[0]?.days.find((x) => x.date === '2027-06-19');
    assert.equal(day?.slots.find((s) => s.creneau === 'soiree')?.state, 'demande');
    assert.equal((await calendrierSalles(ctxFor(t.db, a, clock), '2027-06')).calendars.length, 0);
  });

  it('montre les photos d’une salle, prises dans la médiathèque de la commune seulement', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-salles-'));
    try {
      const files = new DiskFileStore(dir);
      const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#3a7' } })
        .png()
        .toBuffer();
      const upload = (c: Commune) =>
        uploadMedia(
          { ...ctxFor(t.db, c, clock), files },
          { bytes: png, originalName: 'salle.png', title: 'La salle', alt: 'La grande salle', decorative: false },
        );
      const photoA = await upload(a);
      const photoB = await upload(b);
      const sec = ctxFor(t.db, a, clock, secretaire);
      const room = { capacite: '50', tarifs: 'Gratuit', description: '', equipements: '' };
      assert.equal(await code(creerSalle(sec, { ...room, nom: 'Préau', photos: [String(photoB.id)] })), 'Invalid');
      await creerSalle(sec, { ...room, nom: 'Préau', photos: [String(photoA.id)] });
      const cal = await calendrierSalles(ctxFor(t.db, a, clock), undefined);
      const preau = cal.calendars.find((c) => c.room.nom === 'Préau');
      assert.deepEqual(
        preau?.photos.map((p) => p.alt),
        ['La grande salle'],
      );
      assert.equal(cal.month, '2026-11');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
