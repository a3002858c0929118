import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { insertTestCommune } from '../../../tests/helpers/communes.js';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import type { Database } from '../../db/database.js';
import { appendAuditEvent, verifyAuditChain } from './audit.js';
import { purgeAuditChain, purgeExpiredAuditEvents } from './audit-purge.js';
import { searchAuditEvents } from './audit-search.js';

const DAY = 86_400_000;
const NOW = new Date('2026-12-01T10:00:00.000Z');

const insertCommune = async (db: Database, insee: string): Promise<number> => (await insertTestCommune(db, insee)).id;

const append = (db: Database, communeId: number | null, daysAgo: number, action: string, personal?: object) =>
  db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      communeId,
      occurredAt: new Date(NOW.getTime() - daysAgo * DAY),
      action,
      objectType: 'demande',
      objectId: daysAgo,
      ...(personal && { personal: personal as Record<string, unknown> }),
    }),
  );

describeEachEngine('audit : purge après la durée de conservation', (engine) => {
  let t: TestDb;
  let a: number;
  beforeEach(async () => {
    t = await createTestDb(engine);
    a = await insertCommune(t.db, '35001');
    for (const days of [400, 380, 370, 200, 10, 1])
      await append(t.db, a, days, `demarches.e${days}`, { ip: '192.0.2.1' });
    await append(t.db, null, 500, 'auth.signed_in');
  });
  afterEach(() => t.destroy());

  it('supprime le début de la chaîne, pose un point de reprise, et la chaîne se vérifie encore', async () => {
    const removed = await purgeAuditChain(t.db, a, new Date(NOW.getTime() - 365 * DAY), NOW);
    assert.equal(removed, 3);
    const rows = await t.db
      .selectFrom('audit_event')
      .select(['seq', 'action'])
      .where('commune_id', '=', a)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.seq),
      [4, 5, 6, 7],
    );
    assert.equal(rows.at(-1)?.action, 'audit.purged');
    const checkpoint = await t.db.selectFrom('audit_checkpoint').selectAll().executeTakeFirstOrThrow();
    assert.equal(checkpoint.seq, 3);
    assert.equal(await verifyAuditChain(t.db, a), null);
    // A second purge with nothing old enough removes nothing and keeps the chain valid.
    assert.equal(await purgeAuditChain(t.db, a, new Date(NOW.getTime() - 365 * DAY), NOW), 0);
    assert.equal(await verifyAuditChain(t.db, a), null);
  });

  it('la purge quotidienne traite toutes les chaînes, plateforme comprise', async () => {
    assert.equal(await purgeExpiredAuditEvents(t.db, 365, NOW), 4);
    assert.equal(await verifyAuditChain(t.db, a), null);
    assert.equal(await verifyAuditChain(t.db, null), null);
  });

  it('après la purge, un événement modifié ou supprimé est encore détecté', async () => {
    await purgeAuditChain(t.db, a, new Date(NOW.getTime() - 365 * DAY), NOW);
    await t.db
      .updateTable('audit_event')
      .set({ action: 'demarches.autre' })
      .where('commune_id', '=', a)
      .where('seq', '=', 5)
      .execute();
    assert.equal(await verifyAuditChain(t.db, a), 5);
    await t.db
      .updateTable('audit_event')
      .set({ action: 'demarches.e10' })
      .where('commune_id', '=', a)
      .where('seq', '=', 5)
      .execute();
    assert.equal(await verifyAuditChain(t.db, a), null);
    await t.db.deleteFrom('audit_event').where('commune_id', '=', a).where('seq', '=', 4).execute();
    assert.equal(await verifyAuditChain(t.db, a), 5);
  });

  it('un point de reprise déplacé pour cacher une suppression est détecté', async () => {
    await purgeAuditChain(t.db, a, new Date(NOW.getTime() - 365 * DAY), NOW);
    const four = await t.db
      .selectFrom('audit_event')
      .select('hash')
      .where('commune_id', '=', a)
      .where('seq', '=', 4)
      .executeTakeFirstOrThrow();
    await t.db.deleteFrom('audit_event').where('commune_id', '=', a).where('seq', '=', 4).execute();
    await t.db.updateTable('audit_checkpoint').set({ seq: 4, hash: four.hash }).execute();
    assert.notEqual(await verifyAuditChain(t.db, a), null);
  });

  it('cherche par action, date et objet, page par page, avec l’adresse IP', async () => {
    const all = await searchAuditEvents(t.db, a, {}, { offset: 0, limit: 2 });
    assert.equal(all.total, 6);
    assert.deepEqual(
      all.entries.map((e) => e.action),
      ['demarches.e1', 'demarches.e10'],
    );
    assert.equal(all.entries[0]?.ip, '192.0.2.1');
    const old = await searchAuditEvents(t.db, a, { to: '2025-12-01' }, { offset: 0, limit: 10 });
    assert.deepEqual(
      old.entries.map((e) => e.action),
      ['demarches.e370', 'demarches.e380', 'demarches.e400'],
    );
    const range = await searchAuditEvents(t.db, a, { from: '2026-05-01', to: '2026-11-30' }, { offset: 0, limit: 10 });
    assert.deepEqual(
      range.entries.map((e) => e.action),
      ['demarches.e1', 'demarches.e10', 'demarches.e200'],
    );
    const byObject = await searchAuditEvents(
      t.db,
      a,
      { objectType: 'demande', objectId: '10' },
      { offset: 0, limit: 10 },
    );
    assert.equal(byObject.total, 1);
    const byAction = await searchAuditEvents(t.db, a, { action: 'demarches.e3' }, { offset: 0, limit: 10 });
    assert.equal(byAction.total, 2);
    assert.equal((await searchAuditEvents(t.db, a, { action: '%' }, { offset: 0, limit: 10 })).total, 0);
  });
});
