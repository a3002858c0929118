import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('connexion et utilisateurs', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  it('renvoie vers la connexion quand on n’est pas connecté', async () => {
    const res = await new InjectClient(t.app).get('/admin/utilisateurs');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/connexion?retour=%2Fadmin%2Futilisateurs');
  });

  it('connecte la secrétaire et ouvre une session côté serveur', async () => {
    const client = new InjectClient(t.app);
    const res = await client.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin');
    const cookie = res.cookies.find((c: { name: string }) => c.name === 'clocher_session') as
      | { httpOnly?: boolean; sameSite?: string; value: string }
      | undefined;
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    const sessions = await t.db.selectFrom('user_session').select('id').execute();
    assert.ok(sessions.length >= 1);
    assert.ok(!sessions.some((s) => s.id === cookie.value), 'the table holds a hash, not the token');
    const dashboard = await client.get('/admin');
    assert.equal(dashboard.statusCode, 200);
    assert.match(dashboard.body, /Tableau de bord/);
    assert.match(dashboard.body, /Nathalie Dupont/);
  });

  it('donne le même message pour un mauvais mot de passe et une adresse inconnue', async () => {
    const client = new InjectClient(t.app);
    const wrong = await client.signIn(TEST_ACCOUNTS.secretaire, 'pas-le-bon-mot-de-passe');
    const unknown = await client.signIn('personne@exemple.fr', 'pas-le-bon-mot-de-passe');
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 401);
      assert.match(res.body, /Adresse électronique ou mot de passe incorrect\./);
    }
    const failures = await t.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'auth.sign_in_failed')
      .execute();
    assert.ok(failures.length >= 2);
  });

  it('signale les champs manquants à côté du champ et dans le résumé', async () => {
    const client = new InjectClient(t.app);
    await client.get('/admin/connexion');
    const res = await client.post('/admin/connexion', { email: '', password: '' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Le formulaire contient 2 erreurs/);
    assert.match(res.body, /id="erreur-email"/);
  });

  it('traite un cookie de session corrompu comme une absence de session', async () => {
    for (const value of ['abc', 'x'.repeat(43), '%%%', 'A'.repeat(5000)]) {
      const res = await t.app.inject({
        url: '/admin',
        headers: { host: 'localhost', cookie: `clocher_session=${value}` },
      });
      assert.equal(res.statusCode, 303, value.slice(0, 10));
    }
  });

  it('déconnecte et ferme la session', async () => {
    const client = new InjectClient(t.app);
    await client.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await client.get('/admin')).statusCode, 200);
    const out = await client.post('/admin/deconnexion', {});
    assert.equal(out.statusCode, 303);
    assert.equal((await client.get('/admin')).statusCode, 303);
  });

  it('réserve la page des utilisateurs aux administrateurs', async () => {
    const client = new InjectClient(t.app);
    await client.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await client.get('/admin/utilisateurs')).statusCode, 403);
  });

  it('invite une personne, qui choisit son mot de passe et se connecte', async () => {
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    await admin.get('/admin/utilisateurs');
    const invalid = await admin.post('/admin/utilisateurs', {
      displayName: '',
      email: 'pas-une-adresse',
      role: 'chef',
    });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /Le formulaire contient 3 erreurs/);
    assert.match(invalid.body, /value="pas-une-adresse"/, 'entered values are kept');
    const res = await admin.post('/admin/utilisateurs', {
      displayName: 'Paul <b>Nouveau</b>',
      email: 'Paul.Nouveau@Exemple.fr',
      role: 'agent',
    });
    assert.equal(res.statusCode, 303);
    const again = await admin.post('/admin/utilisateurs', {
      displayName: 'Paul',
      email: 'paul.nouveau@exemple.fr',
      role: 'agent',
    });
    assert.equal(again.statusCode, 409);
    const list = await admin.get('/admin/utilisateurs');
    assert.match(list.body, /Paul &lt;b>Nouveau&lt;\/b>/);

    const mail = await t.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'text_body'])
      .where('to_address', '=', 'paul.nouveau@exemple.fr')
      .executeTakeFirstOrThrow();
    const link = /\/admin\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.text_body)?.[0];
    assert.ok(link);
    const paul = new InjectClient(t.app);
    assert.equal((await paul.get(link)).statusCode, 200);
    const mismatch = await paul.post(link, { password: 'une phrase de passe', confirmation: 'autre chose' });
    assert.equal(mismatch.statusCode, 400);
    const ok = await paul.post(link, { password: 'une phrase de passe', confirmation: 'une phrase de passe' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await paul.get(link)).statusCode, 404, 'the link works once');
    const signedIn = await paul.signIn('paul.nouveau@exemple.fr', 'une phrase de passe');
    assert.equal(signedIn.statusCode, 303);
    assert.equal((await paul.get('/admin')).statusCode, 200);
  });

  it('garde au moins un administrateur actif', async () => {
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    const list = await admin.get('/admin/utilisateurs');
    const adminRow = /href="\/admin\/utilisateurs\/(\d+)">Modifier<span class="sr-only"> Alain Martin/.exec(list.body);
    assert.ok(adminRow);
    await admin.get(`/admin/utilisateurs/${adminRow[1]}`);
    const res = await admin.post(`/admin/utilisateurs/${adminRow[1]}`, {
      displayName: 'Alain Martin',
      role: 'agent',
      active: 'on',
    });
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /au moins un administrateur actif/);
  });

  it('désactive un compte et ferme ses sessions', async () => {
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await agent.get('/admin')).statusCode, 200);
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    const list = await admin.get('/admin/utilisateurs');
    const id = /href="\/admin\/utilisateurs\/(\d+)">Modifier<span class="sr-only"> Julien Lemaire/.exec(list.body)?.[1];
    assert.ok(id);
    await admin.get(`/admin/utilisateurs/${id}`);
    const res = await admin.post(`/admin/utilisateurs/${id}`, { displayName: 'Julien Lemaire', role: 'agent' });
    assert.equal(res.statusCode, 303);
    assert.equal((await agent.get('/admin')).statusCode, 303, 'the disabled agent is signed out');
    const again = await new InjectClient(t.app).signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal(again.statusCode, 303, 'the account still exists platform-wide');
  });

  it('refuse un identifiant d’utilisateur mal formé par un 404', async () => {
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    for (const id of ['abc', '-1', '0', '99999999999999']) {
      assert.equal((await admin.get(`/admin/utilisateurs/${id}`)).statusCode, 404, id);
    }
  });
});
