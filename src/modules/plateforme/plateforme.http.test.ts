import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('console de la plateforme et isolation des communes', (engine) => {
  let t: TestApp;
  let operator: InjectClient;
  before(async () => {
    t = await buildTestApp(engine);
    operator = new InjectClient(t.app);
    await operator.signIn(TEST_ACCOUNTS.operateur, TEST_PASSWORD);
  });
  after(() => t.close());

  it('est réservée à l’opérateur', async () => {
    const secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    assert.equal((await secretaire.get('/plateforme')).statusCode, 403);
    const page = await operator.get('/plateforme');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Bellerive-sur-Lys/);
  });

  it('ajoute une commune à partir de son code INSEE', async () => {
    await operator.get('/plateforme');
    const res = await operator.post('/plateforme/communes', { insee: '35238', host: 'Rennes.Example.' });
    assert.equal(res.statusCode, 303);
    const page = await operator.get(String(res.headers.location));
    assert.match(page.body, /La commune Rennes a été ajoutée/);
    assert.match(page.body, /Rennes Métropole/);
    assert.match(page.body, /rennes\.example/);
  });

  it('refuse un code inconnu, mal formé ou déjà présent avec un message en français', async () => {
    await operator.get('/plateforme');
    const cases: [string, number, RegExp][] = [
      ['99999', 400, /Aucune commune actuelle ne porte le code INSEE 99999/],
      ['abc', 400, /Code INSEE invalide/],
      ['', 400, /Le code INSEE est obligatoire/],
      ['62998', 400, /Aucune commune actuelle/],
    ];
    for (const [insee, status, message] of cases) {
      const res = await operator.post('/plateforme/communes', { insee, host: '' });
      assert.equal(res.statusCode, status, insee);
      assert.match(res.body, message);
    }
    const dup = await operator.post('/plateforme/communes', { insee: '35238', host: '' });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /déjà sur la plateforme/);
  });

  it('sert chaque commune sur son nom d’hôte', async () => {
    const res = await t.app.inject({ url: '/', headers: { host: 'rennes.example' } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Bienvenue à Rennes/);
    const other = await t.app.inject({ url: '/', headers: { host: 'localhost' } });
    assert.match(other.body, /Bienvenue à Bellerive-sur-Lys/);
  });

  it('ne montre jamais à une commune les données d’une autre', async () => {
    // The administrator of Bellerive knows the id of one of its members; the same id is asked on
    // the other commune's host, and an id of the other commune is asked on its own host.
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    const list = await admin.get('/admin/utilisateurs');
    const ownId = /href="\/admin\/utilisateurs\/(\d+)"/.exec(list.body)?.[1];
    assert.ok(ownId);

    // A member of Rennes, created by the operator.
    const rennes = await t.db.selectFrom('commune').select('id').where('insee', '=', '35238').executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const user = await t.db
      .insertInto('app_user')
      .values({ email: 'agent@rennes.example', display_name: 'Agent de Rennes', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const membership = await t.db
      .insertInto('membership')
      .values({ commune_id: rennes.id, user_id: user.id, role: 'agent', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();

    const foreign = await admin.get(`/admin/utilisateurs/${membership.id}`);
    assert.equal(foreign.statusCode, 404);
    assert.doesNotMatch(foreign.body, /Agent de Rennes|agent@rennes\.example/);
    await admin.get(`/admin/utilisateurs/${ownId}`);
    const change = await admin.post(`/admin/utilisateurs/${membership.id}`, {
      displayName: 'Piraté',
      role: 'administrateur',
      active: 'on',
    });
    assert.equal(change.statusCode, 404);
    const unchanged = await t.db
      .selectFrom('membership')
      .select('role')
      .where('id', '=', membership.id)
      .executeTakeFirstOrThrow();
    assert.equal(unchanged.role, 'agent');

    // The same session on the other commune's host opens nothing there.
    const onRennes = new InjectClient(t.app, 'rennes.example');
    for (const [k, v] of admin.cookies) onRennes.cookies.set(k, v);
    const denied = await onRennes.get('/admin/utilisateurs');
    assert.equal(denied.statusCode, 403);
    assert.doesNotMatch(denied.body, /Agent de Rennes/);
  });
});
