import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import { insertTestCommune } from '../../../tests/helpers/communes.js';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { createDb, type Database } from '../../db/database.js';
import { type AuditEventInput, appendAuditEvent, listAuditEvents, verifyAuditChain } from './audit.js';
import { GENESIS_HASH } from './audit.rules.js';

const NOW = new Date('2026-12-01T10:00:00.000Z');

const insertCommune = async (db: Database, insee: string): Promise<number> => (await insertTestCommune(db, insee)).id;

const event = (communeId: number | null, action: string, extra: Partial<AuditEventInput> = {}): AuditEventInput => ({
  communeId,
  occurredAt: NOW,
  action,
  actorUserId: null,
  ...extra,
});

const append = (db: Database, e: AuditEventInput) => db.transaction().execute((trx) => appendAuditEvent(trx, e));

const chainRows = (db: Database, communeId: number) =>
  db.selectFrom('audit_event').selectAll().where('commune_id', '=', communeId).orderBy('seq').execute();

describeEachEngine('audit : chaîne de traçabilité', (engine) => {
  let t: TestDb;
  let a: number;
  let b: number;
  beforeEach(async () => {
    t = await createTestDb(engine);
    a = await insertCommune(t.db, '35001');
    b = await insertCommune(t.db, '35002');
  });
  afterEach(() => t.destroy());

  it('numérote les événements 1, 2, 3 et chaîne chacun au précédent, commune par commune', async () => {
    await append(t.db, event(a, 'acte.publie', { objectType: 'acte', objectId: 12, details: { numero: '2026-12' } }));
    await append(t.db, event(b, 'acte.publie'));
    await append(t.db, event(a, 'acte.retire'));
    await append(t.db, event(a, 'acte.publie'));
    const rows = await chainRows(t.db, a);
    assert.deepEqual(
      rows.map((r) => r.seq),
      [1, 2, 3],
    );
    assert.equal(rows[0]?.prev_hash, GENESIS_HASH);
    assert.equal(rows[1]?.prev_hash, rows[0]?.hash);
    assert.equal(rows[2]?.prev_hash, rows[1]?.hash);
    assert.equal(rows[0]?.chain, `commune:${a}`);
    assert.equal(rows[0]?.object_id, '12');
    assert.deepEqual(
      (await chainRows(t.db, b)).map((r) => r.seq),
      [1],
    );
    assert.equal(await verifyAuditChain(t.db, a), null);
    assert.equal(await verifyAuditChain(t.db, b), null);
  });

  it('tient une chaîne à part pour la plateforme', async () => {
    await append(t.db, event(null, 'commune.added'));
    await append(t.db, event(null, 'user.created'));
    const platform = await listAuditEvents(t.db, null);
    assert.deepEqual(
      platform.map((e) => [e.seq, e.action]),
      [
        [2, 'user.created'],
        [1, 'commune.added'],
      ],
    );
    assert.equal(await verifyAuditChain(t.db, null), null);
  });

  it('détecte un événement modifié', async () => {
    for (const action of ['a.un', 'a.deux', 'a.trois']) await append(t.db, event(a, action, { details: { n: 1 } }));
    await t.db
      .updateTable('audit_event')
      .set({ details: '{"n":2}' })
      .where('commune_id', '=', a)
      .where('seq', '=', 2)
      .execute();
    assert.equal(await verifyAuditChain(t.db, a), 2);
  });

  it('détecte un événement supprimé', async () => {
    for (const action of ['a.un', 'a.deux', 'a.trois']) await append(t.db, event(a, action));
    await t.db.deleteFrom('audit_event').where('commune_id', '=', a).where('seq', '=', 2).execute();
    assert.equal(await verifyAuditChain(t.db, a), 3);
  });

  it('détecte la suppression du dernier événement', async () => {
    for (const action of ['a.un', 'a.deux', 'a.trois']) await append(t.db, event(a, action));
    await t.db.deleteFrom('audit_event').where('commune_id', '=', a).where('seq', '=', 3).execute();
    assert.equal(await verifyAuditChain(t.db, a), 3);
    await t.db.deleteFrom('audit_event').where('commune_id', '=', a).execute();
    assert.equal(await verifyAuditChain(t.db, a), 1);
  });

  it('détecte une donnée personnelle modifiée, mais pas son effacement', async () => {
    await append(t.db, event(a, 'auth.sign_in_failed', { personal: { email: 'jean@example.fr', ip: '192.0.2.1' } }));
    await append(t.db, event(a, 'auth.signed_in', { personal: { ip: '192.0.2.1' } }));
    const tampered = t.db.updateTable('audit_event').where('commune_id', '=', a).where('seq', '=', 1);
    await tampered.set({ personal: '{"email":"autre@example.fr","ip":"192.0.2.1"}' }).execute();
    assert.equal(await verifyAuditChain(t.db, a), 1);
    // Erasure (RGPD): the personal part goes, its digest stays in the chain.
    await t.db.updateTable('audit_event').set({ personal: null }).where('commune_id', '=', a).execute();
    assert.equal(await verifyAuditChain(t.db, a), null);
  });

  it('ne met jamais de donnée personnelle dans la partie chaînée', async () => {
    await append(t.db, event(a, 'auth.sign_in_failed', { personal: { email: 'jean@example.fr' } }));
    const [row] = await chainRows(t.db, a);
    assert.equal(row?.details, '{}');
    assert.deepEqual(JSON.parse(row?.personal ?? 'null'), { email: 'jean@example.fr' });
    assert.match(row?.personal_digest ?? '', /^[0-9a-f]{64}$/);
  });

  it('ne garde pas un événement dont la transaction est annulée', async () => {
    await append(t.db, event(a, 'a.un'));
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await appendAuditEvent(trx, event(a, 'a.annule'));
        throw new Error('rollback');
      }),
    );
    await append(t.db, event(a, 'a.deux'));
    assert.deepEqual(
      (await chainRows(t.db, a)).map((r) => [r.seq, r.action]),
      [
        [1, 'a.un'],
        [2, 'a.deux'],
      ],
    );
    assert.equal(await verifyAuditChain(t.db, a), null);
  });

  it('ne fourche jamais la chaîne sous 20 écritures simultanées', async () => {
    // PostgreSQL: two pools, as two server processes; SQLite: one file, one writer.
    const other = t.url ? createDb({ engine: 'postgres', connectionString: t.url }) : t.db;
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? other : t.db).transaction().execute(async (trx) => {
            await appendAuditEvent(trx, event(a, `concurrent.${i}`));
            await appendAuditEvent(trx, event(b, `concurrent.${i}`));
          }),
        ),
      );
    } finally {
      if (other !== t.db) await other.destroy();
    }
    assert.deepEqual(
      (await chainRows(t.db, a)).map((r) => r.seq),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    assert.equal(await verifyAuditChain(t.db, a), null);
    assert.equal(await verifyAuditChain(t.db, b), null);
  });
});
