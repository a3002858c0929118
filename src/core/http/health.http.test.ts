import assert from 'node:assert/strict';
import { it } from 'node:test';
import { buildTestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';

describeEachEngine('santé du service', (engine) => {
  it('répond 503 sur /readyz quand la base ne répond plus, et 200 sur /healthz', async () => {
    const t = await buildTestApp(engine);
    try {
      assert.equal((await t.app.inject({ url: '/readyz' })).statusCode, 200);
      await t.db.destroy();
      const ready = await t.app.inject({ url: '/readyz' });
      assert.equal(ready.statusCode, 503);
      assert.deepEqual(ready.json(), { status: 'database unreachable' });
      assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200);
    } finally {
      await t.close().catch(() => {});
    }
  });
});
