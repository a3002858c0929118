import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';

describeEachEngine('recherche, plan XML et robots', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());
  const get = (url: string) => t.app.inject({ url, headers: { host: 'localhost' } });

  it('trouve une page sans accents ni casse et surligne le mot', async () => {
    const res = await get('/recherche?q=DECHETERIE');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Collecte des déchets/);
    assert.match(res.body, /<mark>déchèterie<\/mark>|<mark>Déchèterie<\/mark>/i);
    assert.equal(res.headers['set-cookie'], undefined, 'searching sets no cookie');
  });

  it('répond sans erreur à toute saisie, même étrange', async () => {
    for (const q of ['"', '*', 'NEAR(a b)', '<script>alert(1)</script>', '%00', 'a'.repeat(500), '']) {
      const res = await get(`/recherche?q=${encodeURIComponent(q)}`);
      assert.equal(res.statusCode, 200, q.slice(0, 20));
      assert.doesNotMatch(res.body, /<script>alert/);
    }
    const many = await get('/recherche?q=a&q=b');
    assert.equal(many.statusCode, 200);
  });

  it('publie le plan XML et robots.txt', async () => {
    const sitemap = await get('/sitemap.xml');
    assert.equal(sitemap.statusCode, 200);
    assert.match(sitemap.body, /<loc>http:\/\/127\.0\.0\.1:0\/mairie\/etat-civil<\/loc>/);
    const robots = await get('/robots.txt');
    assert.match(robots.body, /Disallow: \/admin/);
    assert.match(robots.body, /Sitemap: .*\/sitemap\.xml/);
  });
});
