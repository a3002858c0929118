import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { deleteExpiredSessions, insertSession } from './sessions.repo.js';
import { insertUser } from './users.platform.repo.js';

describeEachEngine('purge des sessions', (engine) => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb(engine);
  });
  after(() => t.destroy());

  it('supprime les sessions expirées ou inactives et garde les autres', async () => {
    const now = new Date('2026-11-28T12:00:00.000Z');
    const userId = await insertUser(t.db, {
      email: 'a@exemple.fr',
      displayName: 'A',
      passwordHash: null,
      isOperator: false,
      now: now.toISOString(),
    });
    const make = async (id: string, lastSeen: string, expires: string) => {
      await insertSession(t.db, { id, userId, now: lastSeen, expiresAt: expires, ip: null, userAgent: null });
    };
    await make('active', '2026-11-28T11:30:00.000Z', '2026-11-28T20:00:00.000Z');
    await make('idle', '2026-11-28T09:00:00.000Z', '2026-11-28T20:00:00.000Z');
    await make('expired', '2026-11-28T11:59:00.000Z', '2026-11-28T11:59:30.000Z');
    assert.equal(await deleteExpiredSessions(t.db, now, 120), 2);
    const left = await t.db.selectFrom('user_session').select('id').execute();
    assert.deepEqual(
      left.map((r) => r.id),
      ['active'],
    );
  });
});
