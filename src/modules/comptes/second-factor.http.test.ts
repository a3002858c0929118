import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { generate } from 'otplib';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('double authentification', (engine) => {
  let t: TestApp;
  let key = '';
  let recovery: string[] = [];
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  const codeAt = (offsetSeconds = 0) => generate({ secret: key, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

  it('s’active avec un QR code et un premier code, et donne dix codes de secours', async () => {
    const user = new InjectClient(t.app);
    await user.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    await user.get('/admin/compte');
    const start = await user.post('/admin/compte/double-authentification', {});
    assert.equal(start.statusCode, 200);
    assert.match(start.body, /<img class="qr" src="data:image\/svg\+xml;base64,/);
    key = (/Clé à saisir : <code>([A-Z2-7 ]+)<\/code>/.exec(start.body)?.[1] ?? '').replace(/ /g, '');
    assert.ok(key.length >= 16);
    const wrong = await user.post('/admin/compte/double-authentification/confirmer', { code: '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /Ce code n’est pas valable/);
    assert.match(wrong.body, /<img class="qr"/, 'the QR code is shown again');
    const ok = await user.post('/admin/compte/double-authentification/confirmer', { code: await codeAt() });
    assert.equal(ok.statusCode, 200);
    recovery = [...ok.body.matchAll(/<li><code>([a-z0-9]{4}-[a-z0-9]{4})<\/code><\/li>/g)].map((m) => m[1] ?? '');
    assert.equal(recovery.length, 10);
    const secretRow = await t.db.selectFrom('user_totp').select('secret_enc').executeTakeFirstOrThrow();
    assert.ok(!secretRow.secret_enc.includes(key), 'the secret is stored encrypted');
  });

  it('demande le code après le mot de passe, refuse un mauvais code et le rejeu', async () => {
    const user = new InjectClient(t.app);
    const first = await user.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, '/admin/connexion/code');
    assert.equal((await user.get('/admin')).statusCode, 303, 'no session before the second factor');
    await user.get('/admin/connexion/code');
    assert.equal((await user.post('/admin/connexion/code', { code: '123456' })).statusCode, 400);
    const code = await codeAt(30);
    const ok = await user.post('/admin/connexion/code', { code });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/admin');
    assert.equal((await user.get('/admin')).statusCode, 200);

    const again = new InjectClient(t.app);
    await again.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    await again.get('/admin/connexion/code');
    assert.equal(
      (await again.post('/admin/connexion/code', { code })).statusCode,
      400,
      'a code is never accepted twice',
    );
  });

  it('accepte un code de secours une seule fois', async () => {
    const use = async () => {
      const user = new InjectClient(t.app);
      await user.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
      await user.get('/admin/connexion/code');
      return user.post('/admin/connexion/code', { code: recovery[0] ?? '' });
    };
    assert.equal((await use()).statusCode, 303);
    assert.equal((await use()).statusCode, 400);
  });

  it('liste les sessions ouvertes et en ferme une, jamais celle d’un autre', async () => {
    const laptop = new InjectClient(t.app);
    await laptop.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    const phone = new InjectClient(t.app);
    await phone.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    const page = await laptop.get('/admin/compte');
    const ids = [...page.body.matchAll(/name="session" value="([0-9a-f]{64})"/g)].map((m) => m[1] ?? '');
    assert.equal(ids.length, 1, 'the other session can be closed, not the current one');
    assert.match(page.body, /cette session/);
    const other = new InjectClient(t.app);
    await other.signIn(TEST_ACCOUNTS.elu, TEST_PASSWORD);
    await other.get('/admin/compte');
    assert.equal((await other.post('/admin/compte/sessions/fermer', { session: ids[0] ?? '' })).statusCode, 404);
    assert.equal((await phone.get('/admin')).statusCode, 200);
    assert.equal((await laptop.post('/admin/compte/sessions/fermer', { session: ids[0] ?? '' })).statusCode, 303);
    assert.equal((await phone.get('/admin')).statusCode, 303, 'the phone is signed out');
    assert.equal((await laptop.get('/admin')).statusCode, 200);
  });

  it('est réinitialisée par l’administrateur, puis la connexion ne demande plus de code', async () => {
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    const list = await admin.get('/admin/utilisateurs');
    const id = /href="\/admin\/utilisateurs\/(\d+)">Modifier<span class="sr-only"> Nathalie Dupont/.exec(
      list.body,
    )?.[1];
    assert.ok(id);
    await admin.get(`/admin/utilisateurs/${id}`);
    assert.equal((await admin.post(`/admin/utilisateurs/${id}/double-authentification`, {})).statusCode, 303);
    const user = new InjectClient(t.app);
    const res = await user.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    assert.equal(res.headers.location, '/admin');
  });
});
