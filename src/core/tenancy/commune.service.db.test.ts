import assert from 'node:assert/strict';
import { afterEach, beforeEach, it } from 'node:test';
import pino from 'pino';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { listAuditEvents } from '../audit/index.js';
import { type PlatformCtx, systemActor } from '../context.js';
import { isAppError } from '../errors.js';
import { findCommuneByHost } from './commune.platform.repo.js';
import { addCommune } from './commune.service.js';

describeEachEngine('tenancy : ajout d’une commune', (engine) => {
  let t: TestDb;
  let ctx: PlatformCtx;
  beforeEach(async () => {
    t = await createTestDb(engine);
    ctx = {
      db: t.db,
      now: () => new Date('2026-12-01T10:00:00.000Z'),
      log: pino({ level: 'silent' }),
      actor: systemActor('test'),
    };
  });
  afterEach(() => t.destroy());

  it('crée Rennes depuis le code INSEE 35238 avec sa population et son EPCI', async () => {
    const rennes = await addCommune(ctx, { insee: '35238', host: 'Rennes.Example.fr' });
    assert.equal(rennes.nom, 'Rennes');
    assert.equal(rennes.slug, 'rennes');
    assert.equal(rennes.departement, '35');
    assert.equal(rennes.siren, '213502388');
    assert.ok(rennes.population > 200_000, String(rennes.population));
    assert.ok(rennes.epciId !== null);
    const epci = await t.db.selectFrom('epci').selectAll().where('id', '=', rennes.epciId).executeTakeFirstOrThrow();
    assert.equal(epci.nom, 'Rennes Métropole');
    assert.equal((await findCommuneByHost(t.db, 'rennes.example.fr'))?.id, rennes.id);
  });

  it('rattache deux communes de la même métropole au même EPCI', async () => {
    const rennes = await addCommune(ctx, { insee: '35238' });
    const bruz = await addCommune(ctx, { insee: '35047' });
    assert.equal(bruz.epciId, rennes.epciId);
    assert.equal((await t.db.selectFrom('epci').select('id').execute()).length, 1);
  });

  it('trace l’ajout dans la chaîne de la plateforme', async () => {
    const rennes = await addCommune(ctx, { insee: '35238' });
    const [last] = await listAuditEvents(t.db, null);
    assert.equal(last?.action, 'commune.added');
    assert.equal(last?.objectId, String(rennes.id));
  });

  it('refuse un code INSEE mal formé', async () => {
    await assert.rejects(addCommune(ctx, { insee: 'abc' }), (e) => isAppError(e, 'Invalid') && 'insee' in e.fields);
  });

  it('refuse un code INSEE inconnu', async () => {
    await assert.rejects(
      addCommune(ctx, { insee: '99999' }),
      (e) => isAppError(e, 'Invalid') && /99999/.test(e.message),
    );
    assert.deepEqual(await t.db.selectFrom('commune').select('id').execute(), []);
  });

  it('refuse une commune déjà présente', async () => {
    await addCommune(ctx, { insee: '35238' });
    await assert.rejects(addCommune(ctx, { insee: ' 35238 ' }), (e) => isAppError(e, 'Conflict'));
  });

  it('refuse un nom d’hôte déjà pris par une autre commune', async () => {
    await addCommune(ctx, { insee: '35238', host: 'mairie.example.fr' });
    await assert.rejects(addCommune(ctx, { insee: '29019', host: 'MAIRIE.example.fr:443' }), (e) =>
      isAppError(e, 'Conflict'),
    );
    assert.equal((await t.db.selectFrom('commune').select('id').execute()).length, 1);
  });

  it('refuse un nom d’hôte invalide', async () => {
    await assert.rejects(addCommune(ctx, { insee: '35238', host: 'mairie_rennes' }), (e) => isAppError(e, 'Invalid'));
  });

  it('rend unique un slug déjà pris', async () => {
    await addCommune(ctx, { insee: '35238' });
    const brest = await addCommune(ctx, { insee: '29019', slug: 'Rennes' });
    assert.equal(brest.slug, 'rennes-29019');
  });
});
