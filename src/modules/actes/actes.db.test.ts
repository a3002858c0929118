import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import { listAuditEvents } from '../../core/audit/index.js';
import type { Actor } from '../../core/context.js';
import type { Commune } from '../../core/tenancy/index.js';
import { actesCtx, agent, deliberationInput, makeCommune, makeMember, tempFileStore } from './actes.factories.js';
import * as service from './actes.service.js';

describeEachEngine('actes : API des délibérations', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  const files = tempFileStore();
  const now = new Date('2026-11-21T09:00:00Z');
  let sa: Actor;
  let sb: Actor;
  const ctx = (commune: Commune = a) => actesCtx(t.db, commune, () => now, files, commune === a ? sa : sb);
  const code = (p: Promise<unknown>) => outcome(p, 'message');

  before(async () => {
    t = await createTestDb(engine);
    a = await makeCommune(t.db, '62001', 'Avesnes', now);
    b = await makeCommune(t.db, '62002', 'Bours', now);
    sa = await makeMember(t.db, a, now);
    sb = await makeMember(t.db, b, now);
  });
  after(() => t.destroy());

  it('crée une délibération numérotée et refuse un second acte pour le même point', async () => {
    const { acteId, numero } = await service.createDeliberation(ctx(), deliberationInput());
    assert.equal(numero, 'D2026_001');
    const second = await service.createDeliberation(ctx(), deliberationInput({ pointId: 32, objet: 'Autre point' }));
    assert.equal(second.numero, 'D2026_002');
    assert.match(
      await code(service.createDeliberation(ctx(), deliberationInput())),
      /^Conflict: Une délibération existe déjà/,
    );
    const list = await service.listActesOfSeance(ctx(), 7);
    assert.deepEqual(
      list.map((x) => [x.id, x.numero, x.pointId, x.statut, x.executoire]),
      [
        [acteId, 'D2026_001', 31, 'projet', false],
        [second.acteId, 'D2026_002', 32, 'projet', false],
      ],
    );
    // Another commune sees none of them, and may reuse the point id and the number.
    assert.deepEqual(await service.listActesOfSeance(ctx(b), 7), []);
    assert.equal((await service.createDeliberation(ctx(b), deliberationInput())).numero, 'D2026_001');
  });

  it('refuse de publier un acte non signé, puis publie, transmet et le rend exécutoire', async () => {
    const { acteId } = await service.createDeliberation(ctx(), deliberationInput({ pointId: 40 }));
    assert.match(
      await code(service.publishActe(ctx(), { acteId })),
      /^InvalidTransition: L’acte doit être signé avant d’être publié/,
    );
    await service.signActe(ctx(), { acteId });
    await service.publishActe(ctx(), { acteId });
    let row = (await service.listActesOfSeance(ctx(), 7)).find((x) => x.id === acteId);
    assert.equal(row?.statut, 'publie');
    assert.equal(row?.executoire, false, 'a délibération must also be transmitted');
    await service.recordTransmission(ctx(), {
      acteId,
      identifiant: '062-216200010-20261120-D2026_003-DE',
      transmisLe: '2026-11-21',
      arRecuLe: '2026-11-21',
    });
    row = (await service.listActesOfSeance(ctx(), 7)).find((x) => x.id === acteId);
    assert.equal(row?.executoire, true);
    const actions = (await listAuditEvents(t.db, a.id)).map((e) => e.action);
    for (const x of ['acte.created', 'acte.signed', 'acte.published', 'acte.transmitted'])
      assert.ok(actions.includes(x), x);
  });

  it('refuse les chiffres de vote incohérents et les acteurs sans droit', async () => {
    const bad = deliberationInput({
      pointId: 50,
      vote: { effectif: 10, presents: 8, representes: 1, pour: 8, contre: 2, abstention: 0, nePrendPasPart: 0 },
    });
    assert.match(await code(service.createDeliberation(ctx(), bad)), /^Invalid: Le nombre de voix dépasse/);
    assert.match(
      await code(service.createDeliberation({ ...ctx(), actor: agent }, deliberationInput({ pointId: 51 }))),
      /^Forbidden/,
    );
    assert.match(
      await code(service.createDeliberation(ctx(), deliberationInput({ pointId: 52, matiereCode: '12.4' }))),
      /^Invalid: La matière 12.4 n’existe pas/,
    );
  });
});
