import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../tests/helpers/db.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

describeEachEngine('migrations', (engine) => {
  let t: TestDb;
  before(async () => {
    t = await createTestDb(engine);
  });
  after(() => t.destroy());

  it('crée toutes les tables du schéma', async () => {
    const tables = (await t.db.introspection.getTables()).map((x) => x.name).sort();
    for (const expected of [
      'app_user',
      'audit_chain',
      'audit_event',
      'commune',
      'commune_host',
      'epci',
      'job',
      'job_schedule',
      'mail_outbox',
      'membership',
      'stored_file',
      'user_session',
      'user_token',
    ]) {
      assert.ok(tables.includes(expected), `table ${expected} missing from ${tables.join(', ')}`);
    }
  });

  it('est idempotente : une seconde passe n’applique rien', async () => {
    assert.deepEqual(await migrateToLatest(t.db), []);
  });

  it('enregistre chaque migration de la chronologie', async () => {
    const rows = await t.db
      // biome-ignore lint/suspicious/noExplicitAny: kysely's own bookkeeping table
      .selectFrom('schema_migration' as any)
      .select('name')
      .execute();
    assert.deepEqual(rows.map((r) => r.name).sort(), Object.keys(migrations).sort());
  });

  it('garde les mêmes types de valeurs sur les deux moteurs', async () => {
    const now = '2026-11-28T10:00:00.000Z';
    const id = (
      await t.db
        .insertInto('commune')
        .values({
          slug: 'x',
          insee: '62998',
          nom: 'X',
          population: 10,
          departement: '62',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const row = await t.db.selectFrom('commune').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(typeof row.id, 'number');
    assert.equal(row.is_demo, 0);
    assert.equal(row.created_at, now);
    assert.equal(row.theme, '{}');
    const count = await t.db
      .selectFrom('commune')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.strictEqual(count.n, 1);
  });
});
