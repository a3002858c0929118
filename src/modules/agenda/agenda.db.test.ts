import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import pino from 'pino';
import { registerCommunesAB } from '../../../tests/helpers/communes.js';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import { listAuditEvents } from '../../core/audit/index.js';
import { searchDocuments } from '../../core/content/index.js';
import { type Actor, type CommuneCtx, systemActor } from '../../core/context.js';
import type { Commune } from '../../core/tenancy/index.js';
import { getPublishedEvenement, upcomingEvenements } from './agenda.public.js';
import type { EvenementInput } from './agenda.schemas.js';
import * as service from './agenda.service.js';

const log = pino({ level: 'silent' });

describeEachEngine('agenda', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  const now = new Date('2026-11-28T10:00:00Z');
  const actor: Actor = { kind: 'user', userId: 0, displayName: 'Secrétaire', isOperator: false, role: 'secretaire' };
  const ctx = (commune: Commune, who: Actor = systemActor('test')): CommuneCtx => ({
    db: t.db,
    now: () => now,
    log,
    actor: who,
    commune,
  });
  const input = (over: Partial<EvenementInput> = {}): EvenementInput => ({
    title: 'Loto des écoles',
    slug: '',
    description: '<p>Nombreux lots.</p>',
    allDay: false,
    startsAt: new Date('2026-12-12T13:00:00Z'),
    endsAt: new Date('2026-12-12T18:00:00Z'),
    lieu: 'Salle des fêtes',
    adresse: 'Rue du Marais',
    ...over,
  });
  const found = async (commune: Commune, q: string, at = now) =>
    (await searchDocuments(t.db, commune.id, q, at)).map((h) => h.url);
  const publish = async (commune: Commune, over: Partial<EvenementInput> = {}) => {
    const id = await service.createEvenement(ctx(commune), input(over));
    await service.changeEvenementPublication(ctx(commune), id, 'publier');
    return { id, slug: (await service.getEvenementForEdit(ctx(commune), id)).slug };
  };

  before(async () => {
    t = await createTestDb(engine);
    ({ a, b } = await registerCommunesAB(t.db, now));
  });
  after(() => t.destroy());

  it('annonce un événement en brouillon, le modifie et numérote les adresses déjà prises', async () => {
    const id = await service.createEvenement(ctx(a), input());
    const twin = await service.createEvenement(ctx(a), input());
    assert.equal((await service.getEvenementForEdit(ctx(a), id)).slug, 'loto-des-ecoles');
    assert.equal((await service.getEvenementForEdit(ctx(a), twin)).slug, 'loto-des-ecoles-2');
    await service.updateEvenement(ctx(a), twin, input({ title: 'Brocante', allDay: true, lieu: 'Place' }));
    const e = await service.getEvenementForEdit(ctx(a), twin);
    assert.equal(e.title, 'Brocante');
    assert.equal(e.slug, 'brocante');
    assert.equal(e.allDay, true);
    assert.equal(e.startsAt, '2026-12-12T13:00:00.000Z');
    assert.equal(e.status, 'brouillon');
    assert.equal(await outcome(service.updateEvenement(ctx(a), id, input({ slug: 'brocante' }))), 'Conflict');
  });

  it('ne montre jamais un brouillon : ni agenda, ni page, ni recherche', async () => {
    const id = await service.createEvenement(ctx(a), input({ title: 'Réunion confidentielle' }));
    const { slug } = await service.getEvenementForEdit(ctx(a), id);
    assert.equal(await outcome(getPublishedEvenement(ctx(a), now, slug)), 'NotFound');
    assert.ok(!(await upcomingEvenements(ctx(a), now)).some((e) => e.id === id));
    assert.deepEqual(await found(a, 'confidentielle'), []);
  });

  it('publie à la date programmée et annonce au cache la fin de l’événement', async () => {
    const id = await service.createEvenement(ctx(a), input({ title: 'Marché de Noël' }));
    const { slug } = await service.getEvenementForEdit(ctx(a), id);
    const at = new Date('2026-12-01T07:00:00Z');
    await service.changeEvenementPublication(ctx(a), id, 'programmer', at);
    assert.equal(await outcome(getPublishedEvenement(ctx(a), now, slug)), 'NotFound');
    assert.deepEqual(await found(a, 'noel'), []);
    assert.equal((await getPublishedEvenement(ctx(a), at, slug)).id, id);
    assert.ok((await upcomingEvenements(ctx(a), at)).some((e) => e.id === id));
    assert.deepEqual(await found(a, 'noel', at), [`/agenda/${slug}`]);
    const jobs = await t.db
      .selectFrom('job')
      .select('run_at')
      .where('name', '=', 'content.change')
      .where('commune_id', '=', a.id)
      .execute();
    const runs = jobs.map((j) => j.run_at);
    assert.ok(runs.includes(at.toISOString()), 'la publication programmée');
    assert.ok(runs.includes('2026-12-12T18:00:00.000Z'), 'la fin de l’événement');
  });

  it('sort un événement terminé de l’agenda mais garde sa page', async () => {
    const { id, slug } = await publish(a, { title: 'Concert de la Sainte-Cécile' });
    const during = new Date('2026-12-12T17:59:00Z');
    const over = new Date('2026-12-12T18:00:00Z');
    assert.ok((await upcomingEvenements(ctx(a), during)).some((e) => e.id === id));
    assert.ok(!(await upcomingEvenements(ctx(a), over)).some((e) => e.id === id));
    assert.equal((await getPublishedEvenement(ctx(a), over, slug)).id, id);
  });

  it('range l’agenda du plus proche au plus lointain', async () => {
    await publish(b, {
      title: 'Vœux',
      startsAt: new Date('2027-01-08T18:00:00Z'),
      endsAt: new Date('2027-01-08T20:00:00Z'),
    });
    await publish(b, {
      title: 'Loto',
      startsAt: new Date('2026-12-05T13:00:00Z'),
      endsAt: new Date('2026-12-05T18:00:00Z'),
    });
    await publish(b, {
      title: 'Passé',
      startsAt: new Date('2026-11-01T13:00:00Z'),
      endsAt: new Date('2026-11-01T18:00:00Z'),
    });
    assert.deepEqual(
      (await upcomingEvenements(ctx(b), now)).map((e) => e.title),
      ['Loto', 'Vœux'],
    );
    assert.deepEqual(
      (await upcomingEvenements(ctx(b), now, 1)).map((e) => e.title),
      ['Loto'],
    );
  });

  it('retire, supprime et journalise chaque changement', async () => {
    const { id, slug } = await publish(a, { title: 'Fête de la musique' });
    await service.changeEvenementPublication(ctx(a), id, 'retirer');
    assert.equal(await outcome(getPublishedEvenement(ctx(a), now, slug)), 'NotFound');
    assert.deepEqual(await found(a, 'musique'), []);
    await service.deleteEvenement(ctx(a), id);
    assert.equal(await outcome(service.getEvenementForEdit(ctx(a), id)), 'NotFound');
    const actions = (await listAuditEvents(t.db, a.id, 200))
      .filter((e) => e.objectType === 'evenement' && e.objectId === String(id))
      .map((e) => e.action)
      .reverse();
    assert.deepEqual(actions, [
      'evenement.created',
      'evenement.published',
      'evenement.unpublished',
      'evenement.deleted',
    ]);
  });

  it('restaure une version comme une nouvelle version', async () => {
    const id = await service.createEvenement(
      ctx(a),
      input({ title: 'Brocante de printemps', lieu: 'Place de l’Église' }),
    );
    await service.updateEvenement(ctx(a), id, input({ title: 'Brocante de printemps', lieu: 'Stade' }));
    const revisions = await service.evenementRevisions(ctx(a), id);
    assert.equal(revisions.length, 2);
    await service.restoreEvenementRevision(ctx(a), id, revisions[1]?.id ?? 0);
    assert.equal((await service.getEvenementForEdit(ctx(a), id)).lieu, 'Place de l’Église');
    assert.equal((await service.evenementRevisions(ctx(a), id)).length, 3);
  });

  it('la commune B ne lit ni ne modifie les événements de la commune A', async () => {
    const { id, slug } = await publish(a, { title: 'Conseil municipal' });
    for (const attempt of [
      () => service.getEvenementForEdit(ctx(b), id),
      () => service.updateEvenement(ctx(b), id, input({ title: 'Piraté' })),
      () => service.changeEvenementPublication(ctx(b), id, 'retirer'),
      () => service.deleteEvenement(ctx(b), id),
      () => service.evenementRevisions(ctx(b), id),
      () => getPublishedEvenement(ctx(b), now, slug),
    ]) {
      assert.equal(await outcome(attempt()), 'NotFound');
    }
    const e = await service.getEvenementForEdit(ctx(a), id);
    assert.equal(e.title, 'Conseil municipal');
    assert.equal(e.status, 'publie');
    assert.ok(!(await upcomingEvenements(ctx(b), now)).some((x) => x.id === id));
  });

  it('refuse l’écriture à un élu et l’accepte d’une secrétaire', async () => {
    const elu: Actor = { ...actor, role: 'elu' };
    assert.equal(await outcome(service.createEvenement(ctx(a, elu), input())), 'Forbidden');
    assert.equal(await outcome(service.listEvenementsForAdmin(ctx(a, elu))), 'Forbidden');
    assert.ok((await service.listEvenementsForAdmin(ctx(a, actor))).length > 0);
  });
});
