import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

const identity = { prenom: 'Léa', nom: 'Martin', email: 'lea@exemple.fr', adresse: '3 rue des Lilas' };
const settings = {
  title: 'Inscription à la cantine',
  summary: 'Inscrire un enfant au restaurant scolaire.',
  serviceNom: 'Service scolaire',
  serviceEmail: 'ecole@exemple.fr',
  serviceAdresse: '1 place de la Mairie',
  serviceTelephone: '03 21 00 00 00',
  silence: 'acceptation',
  delaiUnite: 'jours',
  delai: '10',
  conservationMois: '12',
  roles: 'secretaire',
};

describeEachEngine('démarches : constructeur, boîte de réception et salles par HTTP', (engine) => {
  let t: TestApp;
  let sec: InjectClient;
  before(async () => {
    t = await buildTestApp(engine);
    sec = new InjectClient(t.app);
    await sec.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
  });
  after(() => t.close());

  it('construit une démarche sans JavaScript, la prévisualise, la publie en version 1 puis 2', async () => {
    const list = await sec.get('/admin/demarches');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Demander un acte d’état civil/);
    const missing = await sec.post('/admin/demarches', { title: '', slug: 'Mauvaise adresse', summary: '' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /id="erreur-slug"/);
    const created = await sec.post('/admin/demarches', { title: settings.title, slug: '', summary: settings.summary });
    assert.equal(created.statusCode, 303);
    const base = String(created.headers.location).replace(/\?.*$/, '');
    assert.match(base, /^\/admin\/demarches\/\d+$/);
    await sec.get(base);
    assert.equal((await sec.post(`${base}/champs`, { type: 'choice', label: 'Régime' })).statusCode, 303);
    assert.equal((await sec.post(`${base}/champs`, { type: 'textarea', label: 'Allergies' })).statusCode, 303);
    assert.equal((await sec.post(`${base}/champs`, { type: 'inconnu', label: 'X' })).statusCode, 400);
    const editPage = await sec.get(`${base}/champs/allergies`);
    assert.equal(editPage.statusCode, 200);
    assert.match(editPage.body, /Afficher ce champ seulement si/);
    await sec.post(`${base}/champs/regime`, { label: 'Régime', options: 'Standard\nAllergie', required: 'on' });
    const bad = await sec.post(`${base}/champs/allergies`, { label: 'Allergies', showIfField: 'regime' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Cochez au moins une réponse/);
    const cond = await sec.post(`${base}/champs/allergies`, {
      label: 'Allergies',
      showIfField: 'regime',
      si_regime: 'allergie',
    });
    assert.equal(cond.statusCode, 303);
    assert.equal((await sec.post(`${base}/reglages`, { ...settings, serviceEmail: 'x' })).statusCode, 400);
    assert.equal((await sec.post(`${base}/reglages`, settings)).statusCode, 303);
    const preview = await sec.get(`${base}/apercu`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /id="champ-regime"/);
    assert.match(preview.body, /ne peut pas être envoyé/);
    assert.doesNotMatch(preview.body, /<form[^>]*demarche-form/);
    assert.equal((await new InjectClient(t.app).get('/demarches/inscription-a-la-cantine')).statusCode, 404);
    assert.equal((await sec.post(`${base}/publier`, {})).statusCode, 303);
    const builder = await sec.get(base);
    assert.match(builder.body, /Version publiée : 1/);

    const citizen = new InjectClient(t.app);
    const form = await citizen.get('/demarches/inscription-a-la-cantine');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Allergies/);
    const sent = await citizen.post('/demarches/inscription-a-la-cantine', {
      ...identity,
      regime: 'allergie',
      allergies: 'Arachide',
    });
    assert.equal(sent.statusCode, 303);

    await sec.post(`${base}/champs/regime`, { label: 'Régime alimentaire', options: 'Standard\nAllergie' });
    await sec.post(`${base}/champs`, { type: 'yesno', label: 'Repas du mercredi' });
    await sec.post(`${base}/champs/repas_du_mercredi/monter`, {});
    assert.equal((await sec.post(`${base}/publier`, {})).statusCode, 303);
    const v2 = await new InjectClient(t.app).get('/demarches/inscription-a-la-cantine');
    assert.match(v2.body, /Régime alimentaire/);
    assert.match(v2.body, /Repas du mercredi/);

    const inbox = await sec.get('/admin/demandes?type=inscription-a-la-cantine');
    const id = /href="\/admin\/demandes\/(\d+)"/.exec(inbox.body)?.[1];
    assert.ok(id);
    const old = await sec.get(`/admin/demandes/${id}`);
    assert.equal(old.statusCode, 200);
    assert.match(old.body, /Régime/);
    assert.doesNotMatch(old.body, /Régime alimentaire/, 'the request keeps its version');
    assert.match(old.body, /Arachide/);
    const done = await sec.post(`/admin/demandes/${id}/statut`, { to: 'acceptee', motif: 'Inscription validée.' });
    assert.equal(done.statusCode, 303);
  });

  it('garde les champs exigés de l’état civil et réserve le constructeur à l’administrateur et au secrétaire', async () => {
    const list = await sec.get('/admin/demarches');
    const id = /href="\/admin\/demarches\/(\d+)">Demander un acte/.exec(list.body)?.[1];
    assert.ok(id);
    const page = await sec.get(`/admin/demarches/${id}`);
    assert.doesNotMatch(page.body, /champs\/date_evenement\/supprimer/);
    const refused = await sec.post(`/admin/demarches/${id}/champs/date_evenement/supprimer`, {});
    assert.equal(refused.statusCode, 409);
    assert.match(refused.body, /ne peut pas être supprimé/);
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await agent.get('/admin/demarches')).statusCode, 403);
    assert.equal((await agent.get('/admin/salles')).statusCode, 403);
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    assert.equal((await admin.get('/admin/demarches')).statusCode, 200);
    assert.equal((await sec.post('/admin/demarches', { _csrf: null, title: 'x', summary: 'y' })).statusCode, 403);
  });

  it('attribue, trie, filtre, clôture en groupe et imprime une demande en PDF', async () => {
    const inbox = await sec.get('/admin/demandes?statut=recue&type=contact&tri=reference');
    assert.equal(inbox.statusCode, 200);
    const ids = [...inbox.body.matchAll(/name="ids" value="(\d+)"/g)].map((m) => m[1] as string);
    assert.ok(ids.length >= 2);
    const refs = [...inbox.body.matchAll(/<a href="\/admin\/demandes\/\d+">(\d{4}-\d{6})<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(refs, [...refs].sort());
    const [first, second] = ids as [string, string];
    assert.equal((await sec.get('/admin/demandes?tri=echeance')).statusCode, 200);
    assert.equal((await sec.get('/admin/demandes?tri=nimporte')).statusCode, 400);

    await sec.get(`/admin/demandes/${first}`);
    assert.equal((await sec.post(`/admin/demandes/${first}/attribuer`, { assignee: 'moi' })).statusCode, 303);
    const mine = await sec.get('/admin/demandes?attribue=moi');
    assert.match(mine.body, new RegExp(`href="/admin/demandes/${first}"`));
    assert.doesNotMatch(mine.body, new RegExp(`href="/admin/demandes/${second}"`));
    assert.match((await sec.get(`/admin/demandes/${first}`)).body, /Demande confiée à Nathalie Dupont/);
    assert.equal((await sec.post(`/admin/demandes/${first}/attribuer`, { assignee: '999999' })).statusCode, 400);

    const pdf = await sec.get(`/admin/demandes/${first}/demande.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.match(String(pdf.headers['content-type']), /application\/pdf/);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdf.rawPayload.toString('latin1'), /DejaVuSans/);

    await sec.get('/admin/demandes');
    const empty = await sec.post('/admin/demandes/cloture', { motif: 'x' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Cochez au moins une demande/);
    const body = new URLSearchParams([
      ['_csrf', sec.csrf ?? ''],
      ['ids', first],
      ['ids', second],
      ['motif', 'Traitée par téléphone.'],
    ]);
    const cookie = [...sec.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const closed = await t.app.inject({
      method: 'POST',
      url: '/admin/demandes/cloture',
      payload: body.toString(),
      headers: { host: 'localhost', cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(closed.statusCode, 303);
    assert.equal(closed.headers.location, '/admin/demandes?cloturees=2');
    assert.match((await sec.get('/admin/demandes?cloturees=2')).body, /2 demandes ont été clôturées/);
    for (const id of [first, second])
      assert.match((await sec.get(`/admin/demandes/${id}`)).body, /Traitée par téléphone/);
    const csv = await sec.get('/admin/demandes/export.csv?statut=close');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /^\ufeffreference;demarche;statut/);
  });

  it('montre au tableau de bord les demandes en retard et proches de l’échéance', async () => {
    const home = await sec.get('/admin');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Demandes à surveiller/);
    assert.match(home.body, /<strong>1<\/strong> demande en retard/);
    assert.match(home.body, /<strong>1<\/strong> demande arrive à la date de décision implicite/);
    assert.match(home.body, /href="\/admin\/demandes\?retard=1&amp;tri=echeance"/);
    const soon = await sec.get('/admin/demandes?retard=proche&tri=echeance');
    assert.equal(soon.statusCode, 200);
    assert.match(soon.body, /Hochart/);
    assert.doesNotMatch(soon.body, /Vasseur/);
    const late = await sec.get('/admin/demandes?retard=1');
    assert.match(late.body, /Vasseur/);
    assert.match(late.body, /Délai dépassé/);
    const elu = new InjectClient(t.app);
    await elu.signIn(TEST_ACCOUNTS.elu, TEST_PASSWORD);
    assert.doesNotMatch((await elu.get('/admin')).body, /Demandes à surveiller/);
  });

  it('gère les salles et montre le calendrier des disponibilités par mois', async () => {
    const list = await sec.get('/admin/salles');
    assert.equal(list.statusCode, 200);
    await sec.get('/admin/salles/nouvelle');
    const bad = await sec.post('/admin/salles', { nom: '', capacite: 'beaucoup', tarifs: '' });
    assert.equal(bad.statusCode, 400);
    const created = await sec.post('/admin/salles', {
      nom: 'Préau de l’école',
      capacite: '40',
      tarifs: 'Gratuit pour les associations',
      equipements: 'Tables\nChaises',
    });
    assert.equal(created.statusCode, 303);
    const salle = String(created.headers.location).replace(/\?.*$/, '');
    const form = await new InjectClient(t.app).get('/demarches/reservation-salle');
    assert.match(form.body, /value="preau-de-l-ecole"/);
    assert.match(form.body, /href="\/demarches\/reservation-salle\/calendrier"/);
    await sec.get(salle);
    assert.equal((await sec.post(`${salle}/archiver`, {})).statusCode, 303);
    assert.doesNotMatch((await new InjectClient(t.app).get('/demarches/reservation-salle')).body, /preau-de-l-ecole/);
    await sec.get('/admin/salles');
    assert.equal((await sec.post('/admin/salles/retenue', { retenueJours: '0' })).statusCode, 400);
    assert.equal((await sec.post('/admin/salles/retenue', { retenueJours: '12' })).statusCode, 303);
    assert.match((await sec.get('/admin/salles')).body, /value="12"/);

    const visitor = new InjectClient(t.app);
    const month = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 7);
    const cal = await visitor.get(`/demarches/reservation-salle/calendrier?mois=${month}`);
    assert.equal(cal.statusCode, 200);
    assert.match(cal.body, /Salle des fêtes/);
    assert.match(cal.body, /Libre/);
    assert.equal(cal.headers['set-cookie'], undefined, 'no form, no cookie');
    assert.equal((await visitor.get('/demarches/reservation-salle/calendrier?mois=2027-13')).statusCode, 400);
  });
});
