import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('application web', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  it('sert l’accueil de la commune sans déposer de cookie', async () => {
    const res = await t.app.inject({ url: '/', headers: { host: 'localhost' } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Bellerive-sur-Lys/);
    assert.match(res.body, /^<!doctype html><html lang="fr">/);
    assert.equal(res.headers['set-cookie'], undefined);
  });

  it('envoie une politique de sécurité stricte', async () => {
    const res = await t.app.inject({ url: '/', headers: { host: 'localhost' } });
    const csp = String(res.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers['referrer-policy']);
    assert.ok(res.headers['permissions-policy']);
    assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over http');
  });

  it('ne contient ni script ni attribut style en ligne', async () => {
    for (const url of ['/', '/mairie', '/admin/connexion', '/accessibilite']) {
      const res = await t.app.inject({ url, headers: { host: 'localhost' } });
      assert.doesNotMatch(res.body, /<script(?![^>]*\bsrc=)/, url);
      assert.doesNotMatch(res.body, /\sstyle="/, url);
      assert.doesNotMatch(res.body, /\son[a-z]+="/, url);
    }
  });

  it('sert les pages légales et l’arborescence des pages', async () => {
    for (const url of [
      '/mentions-legales',
      '/accessibilite',
      '/donnees-personnelles',
      '/plan-du-site',
      '/mairie',
      '/mairie/elus',
    ]) {
      const res = await t.app.inject({ url, headers: { host: 'localhost' } });
      assert.equal(res.statusCode, 200, url);
    }
    const plan = await t.app.inject({ url: '/plan-du-site', headers: { host: 'localhost' } });
    assert.match(plan.body, /href="\/mairie\/etat-civil"/);
  });

  it('répond 404 en français, sans trace technique, à une page inconnue', async () => {
    for (const url of ['/page-inconnue', '/mairie/inconnue', '/a/b/c', '/admin/inconnu/x', '/Majuscules']) {
      const res = await t.app.inject({ url, headers: { host: 'localhost' } });
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Page introuvable/);
      assert.doesNotMatch(res.body, /at .*\.ts:\d+|Error:/);
    }
  });

  it('répond 400, jamais 500, à une adresse mal formée', async () => {
    const res = await t.app.inject({ url: '/%E0%A4%A', headers: { host: 'localhost' } });
    assert.ok(res.statusCode === 400 || res.statusCode === 404, String(res.statusCode));
  });

  it('donne l’état du processus et de la base', async () => {
    assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
    const ready = await t.app.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready' });
  });

  it('refuse un formulaire envoyé sans jeton anti-falsification', async () => {
    const client = new InjectClient(t.app);
    const res = await client.post('/admin/connexion', { email: 'a@b.fr', password: 'x' });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Le formulaire a expiré/);
    await client.get('/admin/connexion');
    const forged = await client.post('/admin/connexion', { _csrf: 'forged-token', email: 'a@b.fr', password: 'x' });
    assert.equal(forged.statusCode, 403);
  });

  it('ne dépose le cookie anti-falsification que sur les pages à formulaire, jamais mises en cache', async () => {
    const res = await t.app.inject({ url: '/admin/connexion', headers: { host: 'localhost' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.cookies.length, 1);
    assert.equal(res.cookies[0]?.name, 'clocher_csrf');
    assert.equal(res.cookies[0]?.httpOnly, true);
    assert.equal(res.cookies[0]?.sameSite, 'Lax');
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('sert les fichiers statiques avec un long cache', async () => {
    const res = await t.app.inject({ url: '/static/css/clocher.css' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['cache-control']), /max-age=31536000/);
  });
});
