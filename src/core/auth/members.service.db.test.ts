import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import pino from 'pino';
import { insertTestCommune } from '../../../tests/helpers/communes.js';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { createDb, type Database } from '../../db/database.js';
import { listAuditEvents } from '../audit/index.js';
import { type Actor, type CommuneCtx, systemActor } from '../context.js';
import { isAppError } from '../errors.js';
import type { Commune } from '../tenancy/index.js';
import { createUser, grantRole, inviteMember, signIn } from './auth.service.js';
import { listCommuneMembers, updateCommuneMember } from './members.service.js';
import { acceptInvitation, findInvitation } from './password-links.service.js';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const BASE_URL = 'https://mairie.example.fr';

const insertCommune = (db: Database, insee: string, nom: string): Promise<Commune> =>
  insertTestCommune(db, insee, { nom });

const admin = (userId: number): Actor => ({
  kind: 'user',
  userId,
  displayName: 'Maire',
  isOperator: false,
  role: 'administrateur',
});

describeEachEngine('auth : membres d’une commune', (engine) => {
  let t: TestDb;
  let ctx: CommuneCtx;
  let adminId: number;
  const members = () => listCommuneMembers(ctx);
  const tokenFromMail = async (to: string) => {
    const mail = await t.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('to_address', '=', to)
      .executeTakeFirstOrThrow();
    return /\/admin\/invitation\/([A-Za-z0-9_-]+)/.exec(mail.text_body)?.[1] ?? '';
  };
  beforeEach(async () => {
    t = await createTestDb(engine);
    const base = { db: t.db, now: () => NOW, log: pino({ level: 'silent' }), actor: systemActor('test') };
    const commune = await insertCommune(t.db, '35001', 'Acigné');
    adminId = await createUser(base, {
      email: 'maire@example.fr',
      displayName: 'Maire',
      password: 'mot-de-passe-du-maire',
    });
    await grantRole({ ...base, commune }, adminId, 'administrateur');
    ctx = { ...base, commune, actor: admin(adminId) };
  });
  afterEach(() => t.destroy());

  it('invite une personne : compte, rôle et courriel d’invitation dans la même transaction', async () => {
    await inviteMember(ctx, { email: 'Agent@Example.fr', displayName: 'Paul Agent', role: 'agent', baseUrl: BASE_URL });
    const mail = await t.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    assert.equal(mail.to_address, 'agent@example.fr');
    assert.equal(mail.status, 'pending');
    assert.equal(mail.commune_id, ctx.commune.id);
    assert.match(mail.subject, /Acigné/);
    assert.match(mail.text_body, /https:\/\/mairie\.example\.fr\/admin\/invitation\//);
    const paul = (await members()).find((m) => m.email === 'agent@example.fr');
    assert.equal(paul?.role, 'agent');
    assert.equal((await listAuditEvents(t.db, ctx.commune.id))[0]?.action, 'member.invited');
  });

  it('fait choisir le mot de passe par le lien d’invitation, une seule fois', async () => {
    await inviteMember(ctx, { email: 'agent@example.fr', displayName: 'Paul Agent', role: 'agent', baseUrl: BASE_URL });
    const token = await tokenFromMail('agent@example.fr');
    assert.deepEqual(await findInvitation(ctx, token), { email: 'agent@example.fr', displayName: 'Paul Agent' });
    await acceptInvitation(ctx, token, 'mot-de-passe-de-paul');
    const session = await signIn(ctx, {
      email: 'agent@example.fr',
      password: 'mot-de-passe-de-paul',
      communeId: ctx.commune.id,
      userAgent: null,
    });
    assert.ok(session.token);
    await assert.rejects(acceptInvitation(ctx, token, 'autre-mot-de-passe'), (e) => isAppError(e, 'NotFound'));
    assert.equal(await findInvitation(ctx, token), null);
  });

  it('refuse un lien d’invitation expiré', async () => {
    await inviteMember(ctx, { email: 'agent@example.fr', displayName: 'Paul Agent', role: 'agent', baseUrl: BASE_URL });
    const token = await tokenFromMail('agent@example.fr');
    const later = { ...ctx, now: () => new Date(NOW.getTime() + 8 * 24 * 3600_000) };
    await assert.rejects(acceptInvitation(later, token, 'mot-de-passe-de-paul'), (e) => isAppError(e, 'NotFound'));
  });

  it('invite sans nouveau mot de passe une personne qui a déjà un compte', async () => {
    await createUser(ctx, { email: 'secretaire@example.fr', displayName: 'Anne', password: 'mot-de-passe-anne' });
    await inviteMember(ctx, {
      email: 'secretaire@example.fr',
      displayName: 'Anne',
      role: 'secretaire',
      baseUrl: BASE_URL,
    });
    const mail = await t.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    assert.doesNotMatch(mail.text_body, /invitation\//);
    assert.match(mail.text_body, /\/admin\/connexion/);
  });

  it('refuse d’inviter deux fois la même personne', async () => {
    const input = { email: 'agent@example.fr', displayName: 'Paul', role: 'agent' as const, baseUrl: BASE_URL };
    await inviteMember(ctx, input);
    await assert.rejects(inviteMember(ctx, input), (e) => isAppError(e, 'Conflict'));
    assert.equal((await t.db.selectFrom('mail_outbox').select('id').execute()).length, 1);
  });

  it('réserve l’invitation aux administrateurs', async () => {
    const agent: Actor = { kind: 'user', userId: adminId, displayName: 'X', isOperator: false, role: 'agent' };
    await assert.rejects(
      inviteMember(
        { ...ctx, actor: agent },
        { email: 'x@example.fr', displayName: 'X', role: 'agent', baseUrl: BASE_URL },
      ),
      (e) => isAppError(e, 'Forbidden'),
    );
  });

  it('refuse de retirer le dernier administrateur actif', async () => {
    const [maire] = await members();
    assert.ok(maire);
    for (const change of [
      { role: 'agent' as const, active: true },
      { role: 'administrateur' as const, active: false },
    ]) {
      await assert.rejects(updateCommuneMember(ctx, maire.membershipId, { displayName: 'Maire', ...change }), (e) =>
        isAppError(e, 'Conflict'),
      );
    }
    assert.equal((await members())[0]?.role, 'administrateur');
  });

  it('refuse aussi en ligne de commande (grantRole) de changer le rôle du dernier administrateur', async () => {
    await assert.rejects(grantRole(ctx, adminId, 'agent'), (e) => isAppError(e, 'Conflict'));
    assert.equal((await members())[0]?.role, 'administrateur');
    const other = await createUser(ctx, {
      email: 'adjoint@example.fr',
      displayName: 'Adjoint',
      password: 'tisane-verveine-1987',
    });
    await grantRole(ctx, other, 'administrateur');
    await grantRole(ctx, adminId, 'agent');
    assert.deepEqual(
      (await members()).map((m) => m.role).sort(),
      ['administrateur', 'agent'],
      'with another administrator, the change is made',
    );
  });

  it('laisse retirer un administrateur quand il en reste un autre', async () => {
    await inviteMember(ctx, {
      email: 'adjoint@example.fr',
      displayName: 'Adjoint',
      role: 'administrateur',
      baseUrl: BASE_URL,
    });
    const maire = (await members()).find((m) => m.userId === adminId);
    assert.ok(maire);
    await updateCommuneMember(ctx, maire.membershipId, { displayName: 'Ancien maire', role: 'elu', active: true });
    const updated = (await members()).find((m) => m.userId === adminId);
    assert.equal(updated?.role, 'elu');
    assert.equal(updated?.displayName, 'Ancien maire');
  });

  it('garde un administrateur quand deux administrateurs se retirent l’un l’autre en même temps', async () => {
    await inviteMember(ctx, {
      email: 'adjoint@example.fr',
      displayName: 'Adjoint',
      role: 'administrateur',
      baseUrl: BASE_URL,
    });
    const [first, second] = await members();
    assert.ok(first && second);
    // PostgreSQL: two pools, as two server processes; SQLite: one file, one writer.
    const other = t.url ? createDb({ engine: 'postgres', connectionString: t.url }) : t.db;
    try {
      const results = await Promise.allSettled([
        updateCommuneMember(ctx, first.membershipId, { displayName: first.displayName, role: 'agent', active: true }),
        updateCommuneMember({ ...ctx, db: other }, second.membershipId, {
          displayName: second.displayName,
          role: 'agent',
          active: true,
        }),
      ]);
      assert.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    } finally {
      if (other !== t.db) await other.destroy();
    }
    assert.equal((await members()).filter((m) => m.role === 'administrateur').length, 1);
  });

  it('ferme les sessions d’un membre dont l’accès est retiré', async () => {
    await inviteMember(ctx, { email: 'agent@example.fr', displayName: 'Paul', role: 'agent', baseUrl: BASE_URL });
    await acceptInvitation(ctx, await tokenFromMail('agent@example.fr'), 'mot-de-passe-de-paul');
    await signIn(ctx, {
      email: 'agent@example.fr',
      password: 'mot-de-passe-de-paul',
      communeId: ctx.commune.id,
      userAgent: null,
    });
    const paul = (await members()).find((m) => m.email === 'agent@example.fr');
    assert.ok(paul);
    await updateCommuneMember(ctx, paul.membershipId, { displayName: 'Paul', role: 'agent', active: false });
    const sessions = await t.db.selectFrom('user_session').select('id').where('user_id', '=', paul.userId).execute();
    assert.deepEqual(sessions, []);
  });

  it('ne laisse pas une commune voir ou modifier les membres d’une autre', async () => {
    const other = await insertCommune(t.db, '35002', 'Amanlis');
    const [maire] = await members();
    assert.ok(maire);
    const otherCtx = { ...ctx, commune: other, actor: { ...admin(adminId), isOperator: true } };
    assert.deepEqual(await listCommuneMembers(otherCtx), []);
    await assert.rejects(
      updateCommuneMember(otherCtx, maire.membershipId, { displayName: 'X', role: 'agent', active: false }),
      (e) => isAppError(e, 'NotFound'),
    );
  });
});
