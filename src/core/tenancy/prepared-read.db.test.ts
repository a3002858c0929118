import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { insertTestCommune } from '../../../tests/helpers/communes.js';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { preparedRead } from './prepared-read.js';
import { TenantScope } from './tenant-scope.js';

const NOW = '2026-12-01T10:00:00.000Z';

describeEachEngine('tenancy : lectures préparées', (engine) => {
  let t: TestDb;
  let scopeA: TenantScope;
  let scopeB: TenantScope;

  before(async () => {
    t = await createTestDb(engine);
    scopeA = new TenantScope(t.db, (await insertTestCommune(t.db, '35001')).id);
    scopeB = new TenantScope(t.db, (await insertTestCommune(t.db, '35002')).id);
    const file = (name: string, size: number) => ({
      sha256: 'a'.repeat(64),
      mime: 'application/pdf',
      size,
      original_name: name,
      created_at: NOW,
      created_by: null,
    });
    await scopeA.insertInto('stored_file', [file('a1.pdf', 1), file('a2.pdf', 2), file('a3.pdf', 3)]).execute();
    await scopeB.insertInto('stored_file', [file('b1.pdf', 1), file('b5.pdf', 5)]).execute();
  });
  after(() => t.destroy());

  const larger = preparedRead<{ min: number; limit: number }, { original_name: string }>((scope, arg) =>
    scope
      .selectFrom('stored_file')
      .select('original_name')
      .where('size', '>=', arg('min'))
      .where('mime', '=', 'application/pdf')
      .orderBy('size')
      .limit(arg('limit')),
  );
  const names = (rows: { original_name: string }[]) => rows.map((r) => r.original_name);

  it('lit avec les valeurs de chaque appel, une fois la requête construite', async () => {
    assert.deepEqual(names(await larger(scopeA, { min: 2, limit: 10 })), ['a2.pdf', 'a3.pdf']);
    assert.deepEqual(names(await larger(scopeA, { min: 1, limit: 2 })), ['a1.pdf', 'a2.pdf']);
    assert.deepEqual(names(await larger(scopeA, { min: 4, limit: 10 })), []);
  });

  it('ne lit que les lignes de la commune de la portée, même après une autre commune', async () => {
    assert.deepEqual(names(await larger(scopeB, { min: 1, limit: 10 })), ['b1.pdf', 'b5.pdf']);
    assert.deepEqual(names(await larger(scopeA, { min: 1, limit: 10 })), ['a1.pdf', 'a2.pdf', 'a3.pdf']);
    await t.db.transaction().execute(async (trx) => {
      assert.deepEqual(names(await larger(scopeB.withExecutor(trx), { min: 2, limit: 10 })), ['b5.pdf']);
    });
  });

  it('refuse une lecture sans la commune ou sans une de ses valeurs', async () => {
    const unscoped = preparedRead<{ min: number }, { id: number }>((scope, arg) =>
      scope.db.selectFrom('stored_file').select('id').where('size', '>=', arg('min')),
    );
    await assert.rejects(unscoped(scopeA, { min: 1 }), /not scoped to the commune/);
    await assert.rejects(larger(scopeA, { min: 1 } as never), /no value for limit/);
  });
});
