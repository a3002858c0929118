import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('tentatives de connexion répétées', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  const attempt = async (email: string, password: string, ip: string) => {
    const client = new InjectClient(t.app);
    await client.get('/admin/connexion');
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/connexion',
      remoteAddress: ip,
      payload: new URLSearchParams({ _csrf: client.csrf ?? '', email, password }).toString(),
      headers: {
        host: 'localhost',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    return res;
  };

  it('suspend un compte après 10 échecs, de la même façon qu’il existe ou non, et prévient son titulaire', async () => {
    for (let i = 0; i < 10; i++) {
      assert.equal((await attempt(TEST_ACCOUNTS.agent, 'mauvais mot de passe', `10.0.0.${i}`)).statusCode, 401);
      assert.equal((await attempt('inconnu@exemple.fr', 'mauvais mot de passe', `10.0.1.${i}`)).statusCode, 401);
    }
    const existing = await attempt(TEST_ACCOUNTS.agent, TEST_PASSWORD, '10.0.0.99');
    const unknown = await attempt('inconnu@exemple.fr', 'mauvais mot de passe', '10.0.1.99');
    for (const res of [existing, unknown]) {
      assert.equal(res.statusCode, 429);
      assert.match(res.body, /Trop de tentatives de connexion/);
    }
    const mails = await t.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'subject'])
      .where('subject', 'like', 'Tentatives%')
      .execute();
    assert.deepEqual(
      mails.map((m) => m.to_address),
      [TEST_ACCOUNTS.agent],
    );
    // Another account from the same addresses is not affected.
    assert.equal((await attempt(TEST_ACCOUNTS.secretaire, TEST_PASSWORD, '10.0.0.1')).statusCode, 303);
  });

  it('suspend une adresse après 30 échecs, sur n’importe quel compte', async () => {
    for (let i = 0; i < 30; i++) await attempt(`personne${i}@exemple.fr`, 'x', '192.0.2.7');
    const res = await attempt(TEST_ACCOUNTS.elu, TEST_PASSWORD, '192.0.2.7');
    assert.equal(res.statusCode, 429);
    assert.equal((await attempt(TEST_ACCOUNTS.elu, TEST_PASSWORD, '192.0.2.8')).statusCode, 303);
  });

  it('ne limite jamais les pages publiques', async () => {
    for (let i = 0; i < 50; i++) {
      const res = await t.app.inject({ url: '/', headers: { host: 'localhost' }, remoteAddress: '192.0.2.7' });
      assert.equal(res.statusCode, 200);
    }
  });
});
