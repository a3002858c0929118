import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('confirmation d’identité avant une action sensible', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  /** Sessions opened more than 10 minutes ago, with no confirmation since. */
  const ageSessions = () =>
    t.db
      .updateTable('user_session')
      .set({ created_at: new Date(Date.now() - 20 * 60_000).toISOString(), reauthenticated_at: null })
      .execute();

  const actions = async () =>
    (await t.db.selectFrom('audit_event').select('action').orderBy('id').execute()).map((r) => r.action);

  it('l’export des demandes demande le mot de passe après 10 minutes, puis est tracé', async () => {
    const secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    const fresh = await secretaire.get('/admin/demandes/export.csv');
    assert.equal(fresh.statusCode, 200, 'sign-in itself counts as a recent proof');
    assert.match(fresh.headers['content-type'] as string, /text\/csv/);

    await ageSessions();
    const asked = await secretaire.get('/admin/demandes/export.csv?statut=recue');
    assert.equal(asked.statusCode, 303);
    assert.equal(
      asked.headers.location,
      `/admin/reauthentification?retour=${encodeURIComponent('/admin/demandes/export.csv?statut=recue')}`,
    );
    const page = await secretaire.get(asked.headers.location as string);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Confirmer votre identité/);
    const wrong = await secretaire.post('/admin/reauthentification', {
      password: 'pas le bon',
      retour: '/admin/demandes/export.csv?statut=recue',
    });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Ce mot de passe n’est pas le bon/);
    const ok = await secretaire.post('/admin/reauthentification', {
      password: TEST_PASSWORD,
      retour: '/admin/demandes/export.csv?statut=recue',
    });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/admin/demandes/export.csv?statut=recue');
    assert.equal((await secretaire.get(ok.headers.location as string)).statusCode, 200);
    const log = await actions();
    assert.ok(log.includes('auth.reauthentication_failed'));
    assert.ok(log.includes('auth.reauthenticated'));
    assert.equal(log.filter((a) => a === 'export.demandes').length, 2);
  });

  it('le retour après confirmation ne mène qu’à une page de l’administration', async () => {
    const secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    await secretaire.get('/admin/reauthentification?retour=https://evil.example/');
    const ok = await secretaire.post('/admin/reauthentification', {
      password: TEST_PASSWORD,
      retour: '//evil.example/',
    });
    assert.equal(ok.headers.location, '/admin');
  });

  it('changer le rôle d’un utilisateur demande une confirmation récente', async () => {
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    const membership = () =>
      t.db
        .selectFrom('membership')
        .innerJoin('app_user', 'app_user.id', 'membership.user_id')
        .select(['membership.id', 'membership.role'])
        .where('app_user.email', '=', TEST_ACCOUNTS.agent)
        .executeTakeFirstOrThrow();
    const agentId = (await membership()).id;
    await admin.get(`/admin/utilisateurs/${agentId}`);
    await ageSessions();
    const asked = await admin.post(`/admin/utilisateurs/${agentId}`, {
      displayName: 'Julien Lemaire',
      role: 'secretaire',
      active: 'on',
    });
    assert.equal(asked.statusCode, 303);
    assert.match(
      asked.headers.location as string,
      /^\/admin\/reauthentification\?retour=%2Fadmin%2Futilisateurs%2F\d+$/,
    );
    const role = async () => (await membership()).role;
    assert.equal(await role(), 'agent', 'nothing changed yet');
    // A change of name alone is not sensitive.
    const rename = await admin.post(`/admin/utilisateurs/${agentId}`, {
      displayName: 'Julien Lemaire',
      role: 'agent',
      active: 'on',
    });
    assert.equal(rename.headers.location, '/admin/utilisateurs?message=modifie');
    await admin.get('/admin/reauthentification');
    await admin.post('/admin/reauthentification', {
      password: TEST_PASSWORD,
      retour: `/admin/utilisateurs/${agentId}`,
    });
    await admin.get(`/admin/utilisateurs/${agentId}`);
    const done = await admin.post(`/admin/utilisateurs/${agentId}`, {
      displayName: 'Julien Lemaire',
      role: 'secretaire',
      active: 'on',
    });
    assert.equal(done.headers.location, '/admin/utilisateurs?message=modifie');
    assert.equal(await role(), 'secretaire');
  });
});
