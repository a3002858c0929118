import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../helpers/app.js';
import { describeEachEngine } from '../helpers/db.js';

// Password guessing against one account, from one address and from 50. The test config does not
// trust a proxy (CLOCHER_TRUST_PROXY unset), so X-Forwarded-For is ignored and the client address
// is the socket's: the 50 addresses are given as inject's remoteAddress.

/** A browser at one IP address: keeps its cookies and the sign-in form's token. */
class Visitor {
  private cookie = '';
  private csrf = '';
  constructor(
    private readonly app: FastifyInstance,
    readonly ip: string,
  ) {}

  private keep(res: { cookies: { name: string; value: string }[]; body: string }) {
    const jar = new Map(this.cookie ? this.cookie.split('; ').map((c) => c.split('=') as [string, string]) : []);
    for (const c of res.cookies) jar.set(c.name, c.value);
    this.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? this.csrf;
  }

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, remoteAddress: this.ip, headers: { cookie: this.cookie } });
    this.keep(res);
    return res;
  }

  async post(url: string, form: Record<string, string>) {
    const res = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.ip,
      payload: new URLSearchParams({ _csrf: this.csrf, ...form }).toString(),
      headers: {
        cookie: this.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        // Ignored: the proxy is not trusted.
        'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}`,
      },
    });
    this.keep(res);
    return res;
  }

  async signIn(email: string, password: string) {
    if (!this.csrf) await this.get('/admin/connexion');
    return this.post('/admin/connexion', { email, password });
  }
}

/** The page without what differs by nature from one answer to the next (token, typed e-mail). */
const normalized = (body: string, email: string) =>
  body
    .replace(/value="[^"]*"/g, 'value=""')
    .replaceAll(email, 'EMAIL')
    .replace(/content="[^"]*"/g, '');

describeEachEngine('deviner un mot de passe', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  async function resetPasswordByMail(email: string, ip: string, password: string) {
    const owner = new Visitor(t.app, ip);
    await owner.get('/admin/mot-de-passe-oublie');
    assert.equal((await owner.post('/admin/mot-de-passe-oublie', { email })).statusCode, 200);
    const mail = await t.db
      .selectFrom('mail_outbox')
      .select('text_body')
      .where('to_address', '=', email)
      .where('subject', '=', 'Choisir un nouveau mot de passe')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const link = /\/admin\/mot-de-passe\/[A-Za-z0-9_-]+/.exec(mail.text_body)?.[0] ?? '';
    await owner.get(link);
    const done = await owner.post(link, { password, confirmation: password });
    assert.equal(done.statusCode, 303);
  }

  it('1 000 essais depuis une adresse : bloqués, même réponse que pour un compte inconnu, le titulaire reprend la main', async () => {
    const attacker = new Visitor(t.app, '203.0.113.7');
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const res = await attacker.signIn(TEST_ACCOUNTS.agent, `essai-${i}-mauvais`);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(statuses), { 401: 10, 429: 990 });
    const failures = await t.db.selectFrom('sign_in_failure').select('id').execute();
    assert.equal(failures.length, 10, 'throttled attempts do not even reach the password check');

    // Identical answers for an existing and an unknown account, locked or not.
    const probe = new Visitor(t.app, '203.0.113.8');
    const known = await probe.signIn(TEST_ACCOUNTS.agent, 'encore-un-essai');
    const unknown = await probe.signIn('personne@exemple.fr', 'encore-un-essai');
    assert.equal(known.statusCode, 429, 'the account is locked, from any address');
    assert.equal(unknown.statusCode, 401);
    const fresh = new Visitor(t.app, '203.0.113.9');
    const a = await fresh.signIn(TEST_ACCOUNTS.elu, 'mauvais-mot-de-passe');
    const b = await fresh.signIn('inconnu@exemple.fr', 'mauvais-mot-de-passe');
    assert.equal(a.statusCode, b.statusCode);
    assert.equal(normalized(a.body, TEST_ACCOUNTS.elu), normalized(b.body, 'inconnu@exemple.fr'));
    for (let i = 0; i < 12; i++) await fresh.signIn('inconnu@exemple.fr', `x-${i}-mauvais`);
    const lockedUnknown = await fresh.signIn('inconnu@exemple.fr', 'mauvais');
    const lockedKnown = await new Visitor(t.app, '203.0.113.9').signIn(TEST_ACCOUNTS.agent, 'mauvais');
    assert.equal(lockedUnknown.statusCode, 429);
    assert.equal(
      normalized(lockedKnown.body, TEST_ACCOUNTS.agent),
      normalized(lockedUnknown.body, 'inconnu@exemple.fr'),
    );

    // The real user: even the right password waits…
    const owner = new Visitor(t.app, '192.0.2.10');
    assert.equal((await owner.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD)).statusCode, 429);
    // …but a new password chosen through the e-mailed link opens the account again.
    await resetPasswordByMail(TEST_ACCOUNTS.agent, '192.0.2.10', 'une toute nouvelle phrase');
    const back = await new Visitor(t.app, '192.0.2.10').signIn(TEST_ACCOUNTS.agent, 'une toute nouvelle phrase');
    assert.equal(back.statusCode, 303);
    assert.equal(back.headers.location, '/admin');
  });

  it('1 000 essais répartis sur 50 adresses : le compte est bloqué de la même façon', async () => {
    const attackers = Array.from({ length: 50 }, (_, i) => new Visitor(t.app, `10.0.${i}.1`));
    let ok = 0;
    let locked = 0;
    for (let i = 0; i < 1000; i++) {
      const res = await attackers[i % 50]?.signIn(TEST_ACCOUNTS.secretaire, `essai-${i}-mauvais`);
      if (res?.statusCode === 303) ok++;
      if (res?.statusCode === 429) locked++;
    }
    assert.equal(ok, 0);
    assert.equal(locked, 990);
    assert.equal(
      (await new Visitor(t.app, '10.9.9.9').signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD)).statusCode,
      429,
    );
    await resetPasswordByMail(TEST_ACCOUNTS.secretaire, '10.9.9.9', 'une autre phrase de passe');
    const back = await new Visitor(t.app, '10.9.9.9').signIn(TEST_ACCOUNTS.secretaire, 'une autre phrase de passe');
    assert.equal(back.statusCode, 303);
  });
});
