import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('mot de passe oublié', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  const resetMails = () =>
    t.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'text_body'])
      .where('subject', '=', 'Choisir un nouveau mot de passe')
      .execute();

  it('répond de la même façon qu’un compte existe ou non, et n’écrit qu’au titulaire', async () => {
    const client = new InjectClient(t.app);
    await client.get('/admin/mot-de-passe-oublie');
    const known = await client.post('/admin/mot-de-passe-oublie', { email: TEST_ACCOUNTS.agent });
    const unknown = await client.post('/admin/mot-de-passe-oublie', { email: 'personne@exemple.fr' });
    assert.equal(known.statusCode, 200);
    assert.equal(unknown.statusCode, 200);
    const text = (body: string) => /<main[\s\S]*<\/main>/.exec(body)?.[0].replace(/value="[^"]*"/g, '');
    assert.equal(text(known.body), text(unknown.body));
    assert.deepEqual(
      (await resetMails()).map((m) => m.to_address),
      [TEST_ACCOUNTS.agent],
    );
    const bad = await client.post('/admin/mot-de-passe-oublie', { email: 'pas une adresse' });
    assert.equal(bad.statusCode, 400);
  });

  it('change le mot de passe par le lien, une seule fois, et ferme les sessions ouvertes', async () => {
    const session = new InjectClient(t.app);
    await session.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await session.get('/admin')).statusCode, 200);
    const [mail] = await resetMails();
    const link = /\/admin\/mot-de-passe\/[A-Za-z0-9_-]+/.exec(mail?.text_body ?? '')?.[0];
    assert.ok(link);
    const user = new InjectClient(t.app);
    assert.equal((await user.get(link)).statusCode, 200);
    const short = await user.post(link, { password: 'court', confirmation: 'court' });
    assert.equal(short.statusCode, 400);
    const ok = await user.post(link, { password: 'une nouvelle phrase', confirmation: 'une nouvelle phrase' });
    assert.equal(ok.statusCode, 303);
    assert.equal((await user.get(link)).statusCode, 404, 'the link works once');
    assert.equal((await session.get('/admin')).statusCode, 303, 'open sessions are closed');
    assert.equal((await new InjectClient(t.app).signIn(TEST_ACCOUNTS.agent, 'une nouvelle phrase')).statusCode, 303);
    assert.equal((await new InjectClient(t.app).signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD)).statusCode, 401);
  });

  it('refuse un lien inconnu ou mal formé', async () => {
    const client = new InjectClient(t.app);
    for (const token of ['x', 'A'.repeat(43), '../../etc']) {
      assert.equal((await client.get(`/admin/mot-de-passe/${encodeURIComponent(token)}`)).statusCode, 404);
    }
  });
});
