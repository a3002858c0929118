import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('sécurité de la commune', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  it('calcule les indicateurs et tient la liste des bonnes pratiques', async () => {
    const secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    const page = await secretaire.get('/admin/securite');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /0 compte sur 4 \(0 %\) ont activé la double authentification/);
    assert.match(page.body, /1 administrateur : le bon nombre/);
    assert.match(page.body, /n’est pas servi en HTTPS/);
    assert.match(page.body, /Bonnes pratiques à la mairie \(0 sur 6\)/);
    assert.equal((await secretaire.post('/admin/securite', { item: 'antivirus', done: 'oui' })).statusCode, 303);
    const after = await secretaire.get('/admin/securite');
    assert.match(after.body, /\(1 sur 6\)/);
    assert.match(after.body, /En place depuis le/);
    assert.equal((await secretaire.post('/admin/securite', { item: 'antivirus', done: 'non' })).statusCode, 303);
    assert.match((await secretaire.get('/admin/securite')).body, /\(0 sur 6\)/);
    assert.equal((await secretaire.post('/admin/securite', { item: 'inconnu', done: 'oui' })).statusCode, 400);
  });

  it('est réservée à l’administrateur et à la secrétaire', async () => {
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await agent.get('/admin/securite')).statusCode, 403);
  });
});
