import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('pages du site dans l’administration', (engine) => {
  let t: TestApp;
  let agent: InjectClient;
  before(async () => {
    t = await buildTestApp(engine);
    agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
  });
  after(() => t.close());

  const publicGet = (url: string) => t.app.inject({ url, headers: { host: 'localhost' } });

  it('liste les pages et ouvre le formulaire', async () => {
    const list = await agent.get('/admin/pages');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /État civil/);
    assert.equal((await agent.get('/admin/pages/nouvelle')).statusCode, 200);
  });

  it('publie une page, visible à la requête suivante malgré le cache', async () => {
    const before = await publicGet('/');
    assert.doesNotMatch(before.body, /Marché de producteurs/);
    assert.equal((await publicGet('/marche')).statusCode, 404);
    await agent.get('/admin/pages/nouvelle');
    const res = await agent.post('/admin/pages/nouvelle', {
      title: 'Marché de producteurs',
      slug: '',
      parentId: '',
      summary: 'Tous les jeudis sur la place.',
      body: '<p>Le marché <strong>a lieu</strong> le jeudi.</p><script>alert(1)</script><img src="/x.png" onerror="alert(1)">',
      position: '9',
      status: 'publie',
      publishAt: '',
    });
    assert.equal(res.statusCode, 303);
    const page = await publicGet('/marche-de-producteurs');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<strong>a lieu<\/strong>/);
    assert.doesNotMatch(page.body, /alert\(1\)/);
    const home = await publicGet('/');
    assert.match(home.body, /Marché de producteurs/, 'the menu and quick links show it at once');
  });

  it('répond 304 quand la page n’a pas changé', async () => {
    const first = await publicGet('/mairie');
    const etag = String(first.headers.etag);
    const again = await t.app.inject({ url: '/mairie', headers: { host: 'localhost', 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
  });

  it('garde les valeurs saisies et explique chaque erreur', async () => {
    await agent.get('/admin/pages/nouvelle');
    const res = await agent.post('/admin/pages/nouvelle', {
      title: '',
      slug: 'Pas Bon',
      parentId: 'abc',
      summary: 'Résumé <gardé>',
      body: '',
      position: '-3',
      status: 'peut-etre',
      publishAt: '31/02/2026',
    });
    assert.equal(res.statusCode, 400);
    for (const field of ['title', 'parentId', 'position', 'status', 'publishAt']) {
      assert.match(res.body, new RegExp(`id="erreur-${field}"`), field);
    }
    assert.match(res.body, /value="Résumé &lt;gardé>"/);
  });

  it('refuse une adresse réservée et une adresse déjà prise', async () => {
    await agent.get('/admin/pages/nouvelle');
    const reserved = await agent.post('/admin/pages/nouvelle', {
      title: 'Actualités',
      slug: 'actualites',
      status: 'publie',
    });
    assert.equal(reserved.statusCode, 400);
    assert.match(reserved.body, /est réservée/);
    const taken = await agent.post('/admin/pages/nouvelle', { title: 'Mairie bis', slug: 'mairie', status: 'publie' });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /Une page a déjà l’adresse \/mairie/);
  });

  it('retire une page du public en la repassant en brouillon, et l’aperçu reste visible aux agents', async () => {
    const list = await agent.get('/admin/pages');
    const id = /href="\/admin\/pages\/(\d+)">Associations/.exec(list.body)?.[1];
    assert.ok(id);
    await agent.get(`/admin/pages/${id}`);
    const res = await agent.post(`/admin/pages/${id}`, {
      title: 'Associations',
      slug: 'associations',
      status: 'brouillon',
    });
    assert.equal(res.statusCode, 303);
    assert.equal((await publicGet('/associations')).statusCode, 404);
    const preview = await agent.get(`/admin/pages/${id}/apercu`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Aperçu de la version enregistrée/);
    assert.equal(
      (await publicGet(`/admin/pages/${id}/apercu`)).statusCode,
      303,
      'anonymous readers are sent to sign in',
    );
  });

  it('répond 404 à un identifiant inconnu ou mal formé', async () => {
    for (const id of ['999999', 'abc', '0']) assert.equal((await agent.get(`/admin/pages/${id}`)).statusCode, 404, id);
  });

  it('réserve l’édition aux agents de la commune', async () => {
    const elu = new InjectClient(t.app);
    await elu.signIn(TEST_ACCOUNTS.elu, TEST_PASSWORD);
    assert.equal((await elu.get('/admin/pages')).statusCode, 403);
  });
});
