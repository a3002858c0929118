import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { generate } from 'otplib';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('double authentification obligatoire', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  it('la démo ne l’exige pas : les comptes de démonstration entrent sans second facteur', async () => {
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await agent.get('/admin')).statusCode, 200);
    assert.equal(await t.db.selectFrom('user_totp').select('user_id').executeTakeFirst(), undefined);
    assert.equal(await t.db.selectFrom('webauthn_credential').select('id').executeTakeFirst(), undefined);
  });

  it('l’administrateur l’exige avec un délai : rappel pendant le délai', async () => {
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    const page = await admin.get('/admin/securite/regles');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /n’est pas exigée/);
    const bad = await admin.post('/admin/securite/regles', { requireSecondFactor: 'on', graceDays: '365' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /entre 0 et 90/);
    const ok = await admin.post('/admin/securite/regles', { requireSecondFactor: 'on', graceDays: '7' });
    assert.equal(ok.statusCode, 303);
    assert.match((await admin.get('/admin/securite/regles?message=enregistre')).body, /Exigée depuis le/);
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await agent.get('/admin')).statusCode, 200, 'still open during the grace period');
    assert.match((await agent.get('/admin/compte')).body, /sera obligatoire pour votre compte à partir du/);
    const events = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'securite.policy_changed')
      .execute();
    assert.equal(events.length, 1);
  });

  it('après le délai, un compte sans second facteur ne peut que l’activer', async () => {
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    await admin.get('/admin/securite/regles');
    await admin.post('/admin/securite/regles', { requireSecondFactor: 'on', graceDays: '0' });
    assert.equal((await admin.get('/admin')).statusCode, 303, 'the administrator too');

    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    const home = await agent.get('/admin');
    assert.equal(home.statusCode, 303);
    assert.equal(home.headers.location, '/admin/compte?message=obligatoire');
    assert.equal((await agent.get('/admin/demandes')).statusCode, 303);
    const account = await agent.get('/admin/compte?message=obligatoire');
    assert.equal(account.statusCode, 200);
    assert.match(account.body, /La double authentification est obligatoire/);
    assert.equal((await agent.post('/admin/demandes/guichet/contact', {})).statusCode, 403);

    const start = await agent.post('/admin/compte/double-authentification', {});
    const key = (/Clé à saisir : <code>([A-Z2-7 ]+)<\/code>/.exec(start.body)?.[1] ?? '').replace(/ /g, '');
    const code = await generate({ secret: key, epoch: Math.floor(Date.now() / 1000) });
    assert.equal((await agent.post('/admin/compte/double-authentification/confirmer', { code })).statusCode, 200);
    assert.equal((await agent.get('/admin')).statusCode, 200, 'open again once enrolled');

    // Switching the requirement off opens the back-office again for the others.
    await admin.get('/admin/compte');
    await admin.get('/admin/securite/regles');
    assert.equal(
      (await admin.post('/admin/securite/regles', { graceDays: '0' })).statusCode,
      403,
      'blocked admin cannot change it',
    );
  });

  it('l’opérateur règle l’exigence de la plateforme et la conservation du journal', async () => {
    await t.db.deleteFrom('security_policy').execute();
    const op = new InjectClient(t.app);
    await op.signIn(TEST_ACCOUNTS.operateur, TEST_PASSWORD);
    assert.match((await op.get('/admin')).body, /href="\/plateforme\/securite"/, 'the back-office menu leads to it');
    const page = await op.get('/plateforme/securite');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /value="365"/);
    const bad = await op.post('/plateforme/securite', { graceDays: '10', auditRetentionDays: '30' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /entre 180 et 1095 jours/);
    assert.equal(
      (await op.post('/plateforme/securite', { graceDays: '10', auditRetentionDays: '180' })).statusCode,
      303,
    );
    assert.match((await op.get('/plateforme/securite')).body, /value="180"/);
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    assert.doesNotMatch((await admin.get('/admin')).body, /href="\/plateforme\/securite"/);
    assert.equal((await admin.get('/plateforme/securite')).statusCode, 403);
    const secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    assert.equal((await secretaire.get('/admin/securite/regles')).statusCode, 403);
  });
});
