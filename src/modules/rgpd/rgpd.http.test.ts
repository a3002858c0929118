import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { DiskFileStore } from '../../core/files/index.js';
import { findCommuneById } from '../../core/tenancy/index.js';
import { runRetention } from './conservation.service.js';
import { ctxFor, insertDemande, insertType } from './rgpd.factories.js';

describeEachEngine('rgpd : pages de l’administration', (engine) => {
  let t: TestApp;
  let admin: InjectClient;
  let secretaire: InjectClient;
  let communeId: number;

  before(async () => {
    t = await buildTestApp(engine);
    // Set before the first request: the commune is then read (and cached) with its delegate.
    const demo = await t.db.selectFrom('commune').select('info').where('is_demo', '=', 1).executeTakeFirstOrThrow();
    const info = { ...JSON.parse(demo.info), dpo: 'Délégué mutualisé : dpo@cdg-exemple.fr' };
    await t.db
      .updateTable('commune')
      .set({ info: JSON.stringify(info) })
      .where('is_demo', '=', 1)
      .execute();
    admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    const row = await t.db.selectFrom('commune').select('id').where('is_demo', '=', 1).executeTakeFirstOrThrow();
    communeId = row.id;
    const now = new Date().toISOString();
    const typeId = await insertType(t.db, communeId, { slug: 'rgpd-test', title: 'Démarche de test', now });
    const libre = await insertType(t.db, communeId, { slug: 'rgpd-libre', title: 'Démarche sans archive', now });
    const old = { receivedAt: '2024-01-05T09:00:00.000Z', updatedAt: '2024-01-10T09:00:00.000Z' };
    const recent = { receivedAt: now, updatedAt: now };
    await insertDemande(t.db, communeId, {
      typeId: libre,
      email: 'usager.rgpd@exemple.fr',
      status: 'close',
      ...recent,
    });
    await insertDemande(t.db, communeId, { typeId, email: 'usager.rgpd@exemple.fr', status: 'instruction', ...old });
    await insertDemande(t.db, communeId, { typeId, email: 'archive.rgpd@exemple.fr', status: 'refusee', ...old });
  });
  after(() => t.close());

  it('réserve les pages à l’administrateur et au secrétaire', async () => {
    const anonymous = await new InjectClient(t.app).get('/admin/rgpd/registre');
    assert.equal(anonymous.statusCode, 303);
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    for (const url of ['/admin/rgpd/registre', '/admin/rgpd/eliminations', '/admin/rgpd/personnes']) {
      assert.equal((await agent.get(url)).statusCode, 403, url);
    }
    assert.equal((await secretaire.get('/admin/rgpd/registre')).statusCode, 200);
    const dashboard = await admin.get('/admin');
    assert.match(dashboard.body, /href="\/admin\/rgpd\/registre"/);
  });

  it('montre le registre généré depuis les démarches, et l’exporte en PDF et en CSV', async () => {
    const res = await admin.get('/admin/rgpd/registre');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Démarche en ligne : Démarche de test/);
    assert.match(res.body, /Journal de traçabilité/);
    assert.match(res.body, /Transferts hors de l’Union européenne/);
    const pdf = await admin.get('/admin/rgpd/registre.pdf');
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const bytes = pdf.rawPayload.toString('latin1');
    assert.ok(bytes.startsWith('%PDF-'));
    assert.match(bytes, /DejaVuSans/);
    assert.match(bytes, /\/FontFile2/, 'the font is embedded');
    const csv = await admin.get('/admin/rgpd/registre.csv');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-disposition'] as string, /attachment; filename="registre-traitements.csv"/);
    assert.ok(csv.body.startsWith('\ufeffidentifiant;nom;finalite;base_legale'));
    assert.match(csv.body, /demarche:rgpd-test;Démarche en ligne : Démarche de test/);
  });

  it('laisse l’administrateur modifier une activité, pas le secrétaire', async () => {
    const page = await admin.get('/admin/rgpd/registre');
    const id = /href="\/admin\/rgpd\/registre\/(\d+)"/.exec(page.body)?.[1];
    assert.ok(id);
    assert.equal((await secretaire.get(`/admin/rgpd/registre/${id}`)).statusCode, 403);
    const form = await admin.get(`/admin/rgpd/registre/${id}`);
    assert.equal(form.statusCode, 200);
    const fields = {
      nom: 'Démarche revue',
      finalite: 'Finalité revue avec le délégué.',
      base_legale: 'Mission d’intérêt public.',
      personnes: 'Demandeurs.',
      donnees: 'Identité.',
      destinataires: 'Secrétariat.',
      conservation: '1 an.',
      securite: 'Accès restreint.',
      transferts: 'Aucun.',
    };
    const bad = await admin.post(`/admin/rgpd/registre/${id}`, { ...fields, finalite: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Le formulaire contient une erreur/);
    assert.match(bad.body, /La finalité est obligatoire/);
    assert.match(bad.body, /value="Démarche revue"/, 'the values are kept');
    const ok = await admin.post(`/admin/rgpd/registre/${id}`, fields);
    assert.equal(ok.statusCode, 303);
    const after = await admin.get('/admin/rgpd/registre?message=modifie');
    assert.match(after.body, /Finalité revue avec le délégué/);
    assert.match(after.body, /Modifiée par un administrateur/);
    assert.equal((await admin.get('/admin/rgpd/registre/abc')).statusCode, 400);
    assert.equal((await admin.get('/admin/rgpd/registre/999999')).statusCode, 404);
  });

  it('enregistre les durées de conservation et refuse une durée invalide', async () => {
    const page = await admin.get('/admin/rgpd/eliminations');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Demandes : Démarche de test/);
    const index = /name="categorie_(\d+)" value="demande:rgpd-libre"/.exec(page.body)?.[1];
    assert.ok(index);
    const bad = await admin.post('/admin/rgpd/conservation', {
      [`categorie_${index}`]: 'demande:rgpd-libre',
      [`duree_${index}`]: 'douze',
      [`archive_${index}`]: '0',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Indiquez une durée en nombre entier/);
    const ok = await admin.post('/admin/rgpd/conservation', {
      [`categorie_${index}`]: 'demande:rgpd-libre',
      [`duree_${index}`]: '12',
      [`archive_${index}`]: '0',
    });
    assert.equal(ok.statusCode, 303);
    const sec = await secretaire.get('/admin/rgpd/eliminations');
    assert.doesNotMatch(sec.body, /action="\/admin\/rgpd\/conservation"/, 'the secrétaire only reads the periods');
    await secretaire.get('/admin/rgpd/eliminations');
    const forbidden = await secretaire.post('/admin/rgpd/conservation', {
      categorie_0: 'courriels',
      duree_0: '1',
      archive_0: '0',
    });
    assert.equal(forbidden.statusCode, 403);
  });

  it('fait viser un bordereau d’archives par le secrétaire', async () => {
    const commune = await findCommuneById(t.db, communeId);
    assert.ok(commune);
    await runRetention(ctxFor(t.db, commune, () => new Date(), undefined, new DiskFileStore(t.dataDir)));
    const list = await secretaire.get('/admin/rgpd/eliminations');
    assert.match(list.body, /En attente du visa des archives/);
    const id = /href="\/admin\/rgpd\/eliminations\/(\d+)"/.exec(list.body)?.[1];
    const page = await secretaire.get(`/admin/rgpd/eliminations/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Enregistrer le visa du service d’archives/);
    assert.doesNotMatch(page.body, /rgpd@exemple/, 'no personal data on a bordereau');
    const bad = await secretaire.post(`/admin/rgpd/eliminations/${id}/visa`, {
      visa_date: '',
      visa_service: '',
      visa_reference: '',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Le formulaire contient 3 erreurs/);
    const ok = await secretaire.post(`/admin/rgpd/eliminations/${id}/visa`, {
      visa_date: '2026-01-05',
      visa_service: 'Archives départementales',
      visa_reference: 'AD-2026-3',
    });
    assert.equal(ok.statusCode, 303);
    const done = await secretaire.get(`/admin/rgpd/eliminations/${id}?message=vise`);
    assert.match(done.body, /Visa du 05\/01\/2026 par Archives départementales, référence AD-2026-3/);
    assert.doesNotMatch(done.body, /Enregistrer le visa/);
  });

  it('recherche une personne, exporte ses données et efface ce qui peut l’être', async () => {
    const form = await secretaire.get('/admin/rgpd/personnes');
    assert.equal(form.statusCode, 200);
    const bad = await secretaire.post('/admin/rgpd/personnes', { email: 'pas une adresse' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Indiquez une adresse électronique valide/);
    const found = await secretaire.post('/admin/rgpd/personnes', { email: 'Usager.RGPD@exemple.fr' });
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /Données liées à usager.rgpd@exemple.fr/);
    assert.match(found.body, /Effaçable/);
    assert.match(found.body, /en cours d’instruction/);
    const exported = await secretaire.post('/admin/rgpd/personnes/export', { email: 'usager.rgpd@exemple.fr' });
    assert.equal(exported.statusCode, 200);
    assert.match(exported.headers['content-type'] as string, /application\/json/);
    assert.match(exported.headers['content-disposition'] as string, /attachment; filename="donnees-personnelles-/);
    const json = JSON.parse(exported.body) as { demandes: { answers: unknown }[] };
    assert.equal(json.demandes.length, 2);
    const audit = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('commune_id', '=', communeId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(audit.action, 'rgpd.donnees_exportees');
    await secretaire.post('/admin/rgpd/personnes', { email: 'usager.rgpd@exemple.fr' });
    const unconfirmed = await secretaire.post('/admin/rgpd/personnes/effacement', { email: 'usager.rgpd@exemple.fr' });
    assert.equal(unconfirmed.statusCode, 400);
    assert.match(unconfirmed.body, /Cochez la case/);
    const erased = await secretaire.post('/admin/rgpd/personnes/effacement', {
      email: 'usager.rgpd@exemple.fr',
      confirme: 'on',
    });
    assert.equal(erased.statusCode, 200);
    assert.match(erased.body, /2 éléments ont été effacés ; 1 élément est conservé/);
    assert.match(erased.body, /en cours d’instruction/);
    // Past 10 minutes without a proof of identity, export and erasure ask for it first.
    await t.db
      .updateTable('user_session')
      .set({ created_at: new Date(Date.now() - 20 * 60_000).toISOString(), reauthenticated_at: null })
      .execute();
    await secretaire.get('/admin/rgpd/personnes');
    for (const url of ['/admin/rgpd/personnes/export', '/admin/rgpd/personnes/effacement']) {
      const stale = await secretaire.post(url, { email: 'usager.rgpd@exemple.fr', confirme: 'on' });
      assert.equal(stale.statusCode, 303, url);
      assert.equal(
        stale.headers.location,
        `/admin/reauthentification?retour=${encodeURIComponent('/admin/rgpd/personnes')}`,
      );
    }
    const noToken = await secretaire.post('/admin/rgpd/personnes/export', {
      email: 'usager.rgpd@exemple.fr',
      _csrf: null,
    });
    assert.equal(noToken.statusCode, 403);
  });

  it('montre le contact du délégué sur la page publique, sans déposer de cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/donnees-personnelles', headers: { host: 'localhost' } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /dpo@cdg-exemple.fr/);
    assert.equal(res.headers['set-cookie'], undefined);
  });
});
