import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('réglages du site', (engine) => {
  let t: TestApp;
  let secretaire: InjectClient;
  before(async () => {
    t = await buildTestApp(engine);
    secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
  });
  after(() => t.close());
  const get = (url: string) => t.app.inject({ url, headers: { host: 'localhost' } });

  const current = async () => {
    const page = await secretaire.get('/admin/reglages');
    assert.equal(page.statusCode, 200);
    const values: Record<string, string> = {};
    for (const m of page.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
      values[m[1] ?? ''] = m[2] ?? '';
    for (const m of page.body.matchAll(/<input[^>]*value="([^"]*)"[^>]*name="([^"]+)"/g))
      values[m[2] ?? ''] ??= m[1] ?? '';
    delete values._csrf;
    return values;
  };

  it('refuse une couleur trop claire en donnant le contraste, et garde la saisie', async () => {
    const values = await current();
    const res = await secretaire.post('/admin/reglages', {
      ...values,
      primaryColor: '#ffcc00',
      telephone: '03 21 99 99 99',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /trop claire/);
    assert.match(res.body, /value="03 21 99 99 99"/);
  });

  it('enregistre la couleur, les horaires et une fermeture, visibles à la requête suivante', async () => {
    const before = await get('/');
    assert.match(before.body, /03 21 00 00 00/);
    const values = await current();
    const res = await secretaire.post('/admin/reglages', {
      ...values,
      primaryColor: '#7a1f3d',
      telephone: '03 21 12 34 56',
      h1_o1: '09:00',
      h1_c1: '12:30',
      f0_du: '2026-12-24',
      f0_au: '2026-12-26',
      f0_motif: 'Fêtes de fin d’année',
    });
    assert.equal(res.statusCode, 303);
    const home = await get('/');
    assert.match(home.body, /03 21 12 34 56/);
    assert.match(home.body, /de 9 h à 12 h 30/);
    assert.match(home.body, /Fêtes de fin d’année/);
    const css = await get('/theme.css');
    assert.match(css.body, /--color-primary:#7a1f3d/);
  });

  it('refuse des horaires incohérents', async () => {
    const values = await current();
    const res = await secretaire.post('/admin/reglages', { ...values, h2_o1: '12:00', h2_c1: '08:00' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /L’heure de fermeture doit suivre l’heure d’ouverture/);
  });

  it('ne déclare le site conforme qu’avec un audit daté', async () => {
    assert.match((await get('/')).body, /Accessibilité : non conforme/);
    const values = await current();
    const noDate = await secretaire.post('/admin/reglages', { ...values, tauxConformite: '80', dateAudit: '' });
    assert.equal(noDate.statusCode, 400);
    const ok = await secretaire.post('/admin/reglages', {
      ...values,
      tauxConformite: '80',
      dateAudit: '2026-10-15',
      auditeur: 'Cabinet Exemple',
    });
    assert.equal(ok.statusCode, 303);
    assert.match((await get('/')).body, /Accessibilité : partiellement conforme/);
    const statement = await get('/accessibilite');
    assert.match(statement.body, /80 % des critères/);
    assert.match(statement.body, /Cabinet Exemple/);
  });

  it('réserve les réglages à l’administrateur et à la secrétaire', async () => {
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await agent.get('/admin/reglages')).statusCode, 403);
  });
});
