import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import pino from 'pino';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { listAuditEvents, verifyAuditChain } from '../audit/index.js';
import { type PlatformCtx, systemActor } from '../context.js';
import { isAppError } from '../errors.js';
import { SESSION_ABSOLUTE_MINUTES, SESSION_IDLE_MINUTES } from './auth.rules.js';
import { createUser, loadSession, resetPassword, SIGN_IN_FAILED, signIn, signOut } from './auth.service.js';

const PASSWORD = 'cloche-du-village-2026';
const MINUTE = 60_000;

describeEachEngine('auth : connexion et sessions', (engine) => {
  let t: TestDb;
  let now: number;
  let ctx: PlatformCtx;
  let userId: number;
  const at = (minutes: number) => {
    now = Date.parse('2026-12-01T08:00:00.000Z') + minutes * MINUTE;
  };
  const credentials = (email = 'secretaire@mairie.example.fr', password = PASSWORD) => ({
    email,
    password,
    communeId: null,
    userAgent: 'test',
  });
  beforeEach(async () => {
    t = await createTestDb(engine);
    at(0);
    ctx = {
      db: t.db,
      now: () => new Date(now),
      log: pino({ level: 'silent' }),
      actor: systemActor('test'),
      ip: '192.0.2.7',
    };
    userId = await createUser(ctx, {
      email: 'Secretaire@Mairie.example.fr',
      displayName: 'Anne Secrétaire',
      password: PASSWORD,
    });
  });
  afterEach(() => t.destroy());

  it('ouvre une session avec le bon mot de passe et retrouve l’utilisateur', async () => {
    const { token, userId: id } = await signIn(ctx, credentials(' SECRETAIRE@mairie.example.fr '));
    assert.equal(id, userId);
    const session = await loadSession(ctx, token);
    assert.equal(session?.user.id, userId);
    assert.equal(session?.user.email, 'secretaire@mairie.example.fr');
    assert.equal(session?.user.lastSignInAt, new Date(now).toISOString());
    const stored = await t.db.selectFrom('user_session').select('id').execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]?.id, token, 'only a digest of the token is stored');
  });

  it('répond le même message pour un mauvais mot de passe et une adresse inconnue', async () => {
    for (const wrong of [credentials(undefined, 'mauvais-mot-de-passe'), credentials('inconnu@example.fr')]) {
      await assert.rejects(signIn(ctx, wrong), (e) => isAppError(e, 'Unauthenticated') && e.message === SIGN_IN_FAILED);
    }
    assert.deepEqual(await t.db.selectFrom('user_session').select('id').execute(), []);
  });

  it('refuse la connexion d’un compte désactivé et ne reconnaît plus ses sessions', async () => {
    const { token } = await signIn(ctx, credentials());
    await t.db.updateTable('app_user').set({ disabled: 1 }).where('id', '=', userId).execute();
    await assert.rejects(
      signIn(ctx, credentials()),
      (e) => isAppError(e, 'Unauthenticated') && e.message === SIGN_IN_FAILED,
    );
    assert.equal(await loadSession(ctx, token), null);
  });

  it('ferme une session inactive depuis plus de deux heures', async () => {
    const { token } = await signIn(ctx, credentials());
    at(SESSION_IDLE_MINUTES - 1);
    assert.ok(await loadSession(ctx, token), 'still active, and touched');
    at(2 * SESSION_IDLE_MINUTES - 2);
    assert.ok(await loadSession(ctx, token), 'idle time counts from the last activity');
    at(3 * SESSION_IDLE_MINUTES);
    assert.equal(await loadSession(ctx, token), null);
    assert.deepEqual(await t.db.selectFrom('user_session').select('id').execute(), []);
  });

  it('ferme une session au bout de douze heures même active', async () => {
    const { token } = await signIn(ctx, credentials());
    for (let m = 60; m < SESSION_ABSOLUTE_MINUTES; m += 60) {
      at(m);
      assert.ok(await loadSession(ctx, token), `active at +${m} min`);
    }
    at(SESSION_ABSOLUTE_MINUTES);
    assert.equal(await loadSession(ctx, token), null);
  });

  it('ignore un jeton mal formé ou inconnu', async () => {
    assert.equal(await loadSession(ctx, 'court'), null);
    assert.equal(await loadSession(ctx, 'x'.repeat(43)), null);
  });

  it('remplace l’ancienne session à la reconnexion', async () => {
    const first = await signIn(ctx, credentials());
    const second = await signIn(ctx, { ...credentials(), previousToken: first.token });
    assert.equal(await loadSession(ctx, first.token), null);
    assert.equal((await loadSession(ctx, second.token))?.user.id, userId);
  });

  it('ferme la session à la déconnexion', async () => {
    const { token } = await signIn(ctx, credentials());
    await signOut(ctx, token, null);
    assert.equal(await loadSession(ctx, token), null);
    await signOut(ctx, token, null);
  });

  it('trace connexion, échec et déconnexion, les données personnelles hors de la chaîne', async () => {
    await assert.rejects(signIn(ctx, credentials(undefined, 'mauvais-mot-de-passe')));
    const { token } = await signIn(ctx, credentials());
    await signOut(ctx, token, null);
    const events = await listAuditEvents(t.db, null);
    assert.deepEqual(
      events.slice(0, 3).map((e) => e.action),
      ['auth.signed_out', 'auth.signed_in', 'auth.sign_in_failed'],
    );
    const failed = await t.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.sign_in_failed')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(failed.personal ?? '{}'), { email: 'secretaire@mairie.example.fr', ip: '192.0.2.7' });
    assert.doesNotMatch(failed.details, /secretaire/);
    assert.equal(await verifyAuditChain(t.db, null), null);
  });

  it('refuse un second compte pour la même adresse, quelle que soit la casse', async () => {
    await assert.rejects(createUser(ctx, { email: 'SECRETAIRE@mairie.example.fr', displayName: 'Doublon' }), (e) =>
      isAppError(e, 'Conflict'),
    );
  });

  it('refuse un mot de passe trop court', async () => {
    await assert.rejects(
      createUser(ctx, { email: 'elu@example.fr', displayName: 'Élu', password: 'court' }),
      (e) => isAppError(e, 'Invalid') && 'password' in e.fields,
    );
  });

  it('change le mot de passe et ferme toutes les sessions à la réinitialisation', async () => {
    const { token } = await signIn(ctx, credentials());
    await resetPassword(ctx, 'secretaire@mairie.example.fr', 'nouveau-mot-de-passe-2026');
    assert.equal(await loadSession(ctx, token), null);
    await assert.rejects(signIn(ctx, credentials()), (e) => isAppError(e, 'Unauthenticated'));
    assert.ok(await signIn(ctx, credentials(undefined, 'nouveau-mot-de-passe-2026')));
  });
});
