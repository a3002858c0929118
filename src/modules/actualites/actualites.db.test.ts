import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import pino from 'pino';
import { registerCommunesAB } from '../../../tests/helpers/communes.js';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import { listAuditEvents } from '../../core/audit/index.js';
import { createUser, grantRole } from '../../core/auth/index.js';
import { searchDocuments } from '../../core/content/index.js';
import { type Actor, type CommuneCtx, systemActor } from '../../core/context.js';
import type { Commune } from '../../core/tenancy/index.js';
import { getPublishedActualite, latestActualites, publishedActualitesPage } from './actualites.public.js';
import type { ActualiteInput } from './actualites.schemas.js';
import * as service from './actualites.service.js';

const log = pino({ level: 'silent' });

describeEachEngine('actualités', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  let secretaire: Actor;
  let now = new Date('2026-11-28T10:00:00Z');
  const ctx = (commune: Commune, actor: Actor = secretaire): CommuneCtx => ({
    db: t.db,
    now: () => now,
    log,
    actor,
    commune,
  });
  const input = (over: Partial<ActualiteInput> = {}): ActualiteInput => ({
    title: 'Repas des aînés',
    slug: '',
    chapo: 'Inscriptions en mairie.',
    body: '<p>Le repas aura lieu à la salle des fêtes.</p>',
    imageUrl: null,
    imageAlt: '',
    ...over,
  });
  const found = async (commune: Commune, q: string) =>
    (await searchDocuments(t.db, commune.id, q, now)).map((h) => h.url);

  before(async () => {
    t = await createTestDb(engine);
    const platform = { db: t.db, now: () => now, log, actor: systemActor('test') };
    ({ a, b } = await registerCommunesAB(t.db, now));
    const userId = await createUser(platform, { email: 'nathalie@exemple.fr', displayName: 'Nathalie Dupont' });
    await grantRole({ ...platform, commune: a }, userId, 'secretaire');
    secretaire = { kind: 'user', userId, displayName: 'Nathalie Dupont', isOperator: false, role: 'secretaire' };
  });
  after(() => t.destroy());

  it('écrit un brouillon, le modifie et numérote les adresses déjà prises', async () => {
    const id = await service.createActualite(ctx(a), input());
    const twin = await service.createActualite(ctx(a), input());
    const third = await service.createActualite(ctx(a), input());
    const slugs = await Promise.all(
      [id, twin, third].map(async (x) => (await service.getActualiteForEdit(ctx(a), x)).slug),
    );
    assert.deepEqual(slugs, ['repas-des-aines', 'repas-des-aines-2', 'repas-des-aines-3']);
    await service.updateActualite(ctx(a), twin, input({ title: 'Colis de Noël', slug: 'colis-de-noel' }));
    const edited = await service.getActualiteForEdit(ctx(a), twin);
    assert.equal(edited.title, 'Colis de Noël');
    assert.equal(edited.status, 'brouillon');
    assert.equal(
      await outcome(service.updateActualite(ctx(a), third, input({ slug: 'colis-de-noel' }))),
      'Conflict',
      'une adresse saisie déjà prise est refusée',
    );
    // The same address is free in another commune.
    const inB = await service.createActualite(ctx(b), input({ slug: 'repas-des-aines' }));
    assert.equal((await service.getActualiteForEdit(ctx(b), inB)).slug, 'repas-des-aines');
    const list = await service.listActualitesForAdmin(ctx(a));
    assert.equal(list.length, 3);
  });

  it('nettoie le texte enregistré : ni script ni gestionnaire d’événement', async () => {
    const id = await service.createActualite(
      ctx(a),
      input({
        title: 'Piège',
        body: '<p onclick="x()">Texte<script>alert(1)</script><img src="x" onerror="alert(1)"></p>',
      }),
    );
    const saved = await service.getActualiteForEdit(ctx(a), id);
    assert.doesNotMatch(saved.bodyHtml, /script|onerror|onclick/);
    assert.match(saved.bodyHtml, /Texte/);
  });

  it('ne montre jamais un brouillon au public, ni dans la liste, ni dans la recherche', async () => {
    const id = await service.createActualite(ctx(a), input({ title: 'Projet secret de lotissement' }));
    const { slug } = await service.getActualiteForEdit(ctx(a), id);
    assert.equal(await outcome(getPublishedActualite(ctx(a), now, slug)), 'NotFound');
    assert.ok(!(await latestActualites(ctx(a), now, 50)).some((x) => x.id === id));
    assert.deepEqual(await found(a, 'lotissement'), []);
  });

  it('publie à la date programmée, pas avant, avec la recherche et le cache des pages', async () => {
    const id = await service.createActualite(ctx(a), input({ title: 'Marché de producteurs' }));
    const { slug } = await service.getActualiteForEdit(ctx(a), id);
    const at = new Date('2026-12-01T07:00:00Z');
    const before = await t.db
      .selectFrom('commune')
      .select('content_version')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    assert.equal(
      await outcome(service.changeActualitePublication(ctx(a), id, 'programmer', new Date('2026-11-01T00:00:00Z'))),
      'Invalid',
      'une date passée est refusée',
    );
    await service.changeActualitePublication(ctx(a), id, 'programmer', at);
    const afterV = await t.db
      .selectFrom('commune')
      .select('content_version')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    assert.ok(afterV.content_version > before.content_version, 'la version du contenu est incrémentée');
    const job = await t.db
      .selectFrom('job')
      .select('run_at')
      .where('name', '=', 'content.change')
      .where('commune_id', '=', a.id)
      .where('run_at', '=', at.toISOString())
      .executeTakeFirst();
    assert.ok(job, 'le changement programmé est annoncé au cache des pages');

    assert.equal(await outcome(getPublishedActualite(ctx(a), now, slug)), 'NotFound');
    assert.deepEqual(await found(a, 'producteurs'), []);
    const justBefore = new Date(at.getTime() - 1000);
    assert.equal(await outcome(getPublishedActualite(ctx(a), justBefore, slug)), 'NotFound');
    assert.equal((await getPublishedActualite(ctx(a), at, slug)).id, id);
    assert.deepEqual(
      (await searchDocuments(t.db, a.id, 'producteurs', at)).map((h) => h.url),
      [`/actualites/${slug}`],
    );
    assert.ok((await latestActualites(ctx(a), at, 1)).some((x) => x.id === id));
  });

  it('publie maintenant, retire, puis remet en ligne à la date d’origine', async () => {
    const id = await service.createActualite(ctx(a), input({ title: 'Collecte de sang' }));
    const { slug } = await service.getActualiteForEdit(ctx(a), id);
    await service.changeActualitePublication(ctx(a), id, 'publier');
    const published = await getPublishedActualite(ctx(a), now, slug);
    assert.equal(published.publishAt, now.toISOString());
    assert.deepEqual(await found(a, 'collecte'), [`/actualites/${slug}`]);
    assert.equal(await outcome(service.changeActualitePublication(ctx(a), id, 'publier')), 'InvalidTransition');

    await service.changeActualitePublication(ctx(a), id, 'retirer');
    assert.equal(await outcome(getPublishedActualite(ctx(a), now, slug)), 'NotFound');
    assert.deepEqual(await found(a, 'collecte'), []);

    const later = now;
    now = new Date('2026-11-29T10:00:00Z');
    await service.changeActualitePublication(ctx(a), id, 'publier');
    assert.equal((await getPublishedActualite(ctx(a), now, slug)).publishAt, later.toISOString());
    now = later;

    const actions = (await listAuditEvents(t.db, a.id, 200)).filter(
      (e) => e.objectType === 'actualite' && e.objectId === String(id),
    );
    assert.deepEqual(actions.map((e) => e.action).reverse(), [
      'actualite.created',
      'actualite.published',
      'actualite.unpublished',
      'actualite.published',
    ]);
  });

  it('garde une version à chaque enregistrement et en restaure une comme nouvelle version', async () => {
    const id = await service.createActualite(
      ctx(a),
      input({ title: 'Travaux rue de la Lys', body: '<p>Version 1</p>' }),
    );
    await service.updateActualite(ctx(a), id, input({ title: 'Travaux rue de la Lys', body: '<p>Version 2</p>' }));
    const revisions = await service.actualiteRevisions(ctx(a), id);
    assert.equal(revisions.length, 2);
    assert.equal(revisions[0]?.authorName, 'Nathalie Dupont');
    const first = revisions[1];
    assert.ok(first);
    await service.restoreActualiteRevision(ctx(a), id, first.id);
    assert.match((await service.getActualiteForEdit(ctx(a), id)).bodyHtml, /Version 1/);
    assert.equal((await service.actualiteRevisions(ctx(a), id)).length, 3);
    assert.equal(await outcome(service.restoreActualiteRevision(ctx(a), id, 999_999)), 'NotFound');
  });

  it('liste le public par pages de dix, la plus récente d’abord', async () => {
    const fresh = await service.createActualite(ctx(b), input({ title: 'Première' }));
    await service.changeActualitePublication(ctx(b), fresh, 'publier');
    for (let i = 0; i < 11; i++) {
      const id = await service.createActualite(ctx(b), input({ title: `Nouvelle ${i}` }));
      now = new Date(now.getTime() + 60_000);
      await service.changeActualitePublication(ctx(b), id, 'publier');
    }
    const p1 = await publishedActualitesPage(ctx(b), now, 1);
    const p2 = await publishedActualitesPage(ctx(b), now, 2);
    assert.equal(p1.total, 12);
    assert.equal(p1.pageCount, 2);
    assert.equal(p1.items.length, 10);
    assert.equal(p1.items[0]?.title, 'Nouvelle 10');
    assert.deepEqual(
      p2.items.map((x) => x.title),
      ['Nouvelle 0', 'Première'],
    );
    assert.equal(await outcome(publishedActualitesPage(ctx(b), now, 3)), 'NotFound');
  });

  it('supprime une actualité : elle quitte le site et la recherche', async () => {
    const id = await service.createActualite(ctx(a), input({ title: 'Fête de la soupe' }));
    const { slug } = await service.getActualiteForEdit(ctx(a), id);
    await service.changeActualitePublication(ctx(a), id, 'publier');
    await service.deleteActualite(ctx(a), id);
    assert.equal(await outcome(service.getActualiteForEdit(ctx(a), id)), 'NotFound');
    assert.equal(await outcome(getPublishedActualite(ctx(a), now, slug)), 'NotFound');
    assert.deepEqual(await found(a, 'soupe'), []);
  });

  it('la commune B ne lit ni ne modifie les actualités de la commune A', async () => {
    const id = await service.createActualite(ctx(a), input({ title: 'Vœux du maire' }));
    await service.changeActualitePublication(ctx(a), id, 'publier');
    const { slug } = await service.getActualiteForEdit(ctx(a), id);
    for (const attempt of [
      () => service.getActualiteForEdit(ctx(b), id),
      () => service.updateActualite(ctx(b), id, input({ title: 'Piraté' })),
      () => service.changeActualitePublication(ctx(b), id, 'retirer'),
      () => service.deleteActualite(ctx(b), id),
      () => service.actualiteRevisions(ctx(b), id),
      () => getPublishedActualite(ctx(b), now, slug),
    ]) {
      assert.equal(await outcome(attempt()), 'NotFound');
    }
    const revision = (await service.actualiteRevisions(ctx(a), id))[0];
    assert.ok(revision);
    assert.equal(await outcome(service.restoreActualiteRevision(ctx(b), id, revision.id)), 'NotFound');
    const still = await service.getActualiteForEdit(ctx(a), id);
    assert.equal(still.title, 'Vœux du maire');
    assert.equal(still.status, 'publie');
    assert.deepEqual(await found(b, 'voeux'), []);
  });

  it('refuse l’écriture à un élu', async () => {
    const elu: Actor = { kind: 'user', userId: 1, displayName: 'Claire', isOperator: false, role: 'elu' };
    assert.equal(await outcome(service.createActualite(ctx(a, elu), input())), 'Forbidden');
    assert.equal(await outcome(service.listActualitesForAdmin(ctx(a, elu))), 'Forbidden');
  });
});
