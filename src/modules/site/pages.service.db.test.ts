import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import pino from 'pino';
import { registerCommunesAB } from '../../../tests/helpers/communes.js';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import { systemActor } from '../../core/context.js';
import type { Commune } from '../../core/tenancy/index.js';
import { adminPageTree, deletePage, pageRevisions, restorePageRevision, savePage } from './pages.service.js';
import { getPublishedPage, publishedPageTree } from './site.service.js';

const log = pino({ level: 'silent' });

describeEachEngine('pages du site', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  let now = new Date('2026-11-28T10:00:00Z');
  const ctx = (commune: Commune) => ({ db: t.db, now: () => now, log, actor: systemActor('test'), commune });
  const base = { summary: '', body: '<p>Texte</p>', position: 0, status: 'publie' as const, publishAt: null };

  before(async () => {
    t = await createTestDb(engine);
    ({ a, b } = await registerCommunesAB(t.db, now));
  });
  after(() => t.destroy());

  it('crée une arborescence de trois niveaux au plus et refuse les adresses réservées', async () => {
    const mairie = await savePage(ctx(a), null, { ...base, parentId: null, slug: 'mairie', title: 'Mairie' });
    const elus = await savePage(ctx(a), null, { ...base, parentId: mairie, slug: 'elus', title: 'Élus' });
    const maire = await savePage(ctx(a), null, { ...base, parentId: elus, slug: 'maire', title: 'Le maire' });
    assert.equal(
      await outcome(savePage(ctx(a), null, { ...base, parentId: maire, slug: 'trop', title: 'Trop' })),
      'Invalid',
    );
    assert.equal(
      await outcome(savePage(ctx(a), null, { ...base, parentId: null, slug: 'actualites', title: 'X' })),
      'Invalid',
    );
    assert.equal(
      await outcome(savePage(ctx(a), null, { ...base, parentId: null, slug: 'Mairie!', title: 'X' })),
      'Invalid',
    );
    assert.equal(
      await outcome(savePage(ctx(a), null, { ...base, parentId: null, slug: 'mairie', title: 'Doublon' })),
      'Conflict',
    );
    assert.equal((await getPublishedPage(ctx(a), 'mairie/elus/maire')).ancestors.length, 2);
    assert.equal(
      await outcome(savePage(ctx(a), mairie, { ...base, parentId: maire, slug: 'mairie', title: 'Mairie' })),
      'Invalid',
    );
  });

  it('déplace les sous-pages quand l’adresse d’une page change', async () => {
    const tree = await adminPageTree(ctx(a));
    const mairie = tree.find((n) => n.page.slug === 'mairie');
    assert.ok(mairie);
    await savePage(ctx(a), mairie.page.id, { ...base, parentId: null, slug: 'la-mairie', title: 'Mairie' });
    assert.equal((await getPublishedPage(ctx(a), 'la-mairie/elus/maire')).page.title, 'Le maire');
    assert.equal(await outcome(getPublishedPage(ctx(a), 'mairie/elus')), 'NotFound');
  });

  it('nettoie le texte enregistré', async () => {
    const id = await savePage(ctx(a), null, {
      ...base,
      parentId: null,
      slug: 'xss',
      title: '<b>Titre</b>',
      body: '<p onclick="alert(1)">Bonjour<script>alert(1)</script><img src="x" onerror="alert(1)"></p><h1>Grand</h1>',
    });
    const { page } = await getPublishedPage(ctx(a), 'xss');
    assert.equal(page.id, id);
    assert.doesNotMatch(page.bodyHtml, /script|onclick|onerror/);
    assert.match(page.bodyHtml, /<h2>Grand<\/h2>/);
    assert.equal(page.title, '<b>Titre</b>', 'titles are text, escaped at render');
  });

  it('ne montre ni un brouillon ni une page programmée avant sa date', async () => {
    await savePage(ctx(a), null, {
      ...base,
      parentId: null,
      slug: 'brouillon',
      title: 'Brouillon',
      status: 'brouillon',
    });
    await savePage(ctx(a), null, {
      ...base,
      parentId: null,
      slug: 'plus-tard',
      title: 'Plus tard',
      publishAt: new Date('2026-12-01T08:00:00Z'),
    });
    assert.equal(await outcome(getPublishedPage(ctx(a), 'brouillon')), 'NotFound');
    assert.equal(await outcome(getPublishedPage(ctx(a), 'plus-tard')), 'NotFound');
    const job = await t.db.selectFrom('job').select('run_at').where('name', '=', 'content.change').executeTakeFirst();
    assert.equal(job?.run_at, '2026-12-01T08:00:00.000Z', 'the cache learns when the page appears');
    now = new Date('2026-12-01T08:00:00Z');
    assert.equal((await getPublishedPage(ctx(a), 'plus-tard')).page.title, 'Plus tard');
    assert.ok((await publishedPageTree(ctx(a))).some((n) => n.page.slug === 'plus-tard'));
  });

  it('garde une version à chaque enregistrement et la restaure', async () => {
    const id = await savePage(ctx(a), null, { ...base, parentId: null, slug: 'versions', title: 'Version 1' });
    await savePage(ctx(a), id, { ...base, parentId: null, slug: 'versions', title: 'Version 2' });
    const revisions = await pageRevisions(ctx(a), id);
    assert.equal(revisions.length, 2);
    const first = revisions[1];
    assert.ok(first);
    await restorePageRevision(ctx(a), id, first.id);
    assert.equal((await getPublishedPage(ctx(a), 'versions')).page.title, 'Version 1');
    assert.equal((await pageRevisions(ctx(a), id)).length, 3);
  });

  it('refuse de supprimer une page qui a des sous-pages, supprime les autres', async () => {
    const tree = await adminPageTree(ctx(a));
    const parent = tree.find((n) => n.page.slug === 'la-mairie');
    assert.ok(parent);
    assert.equal(await outcome(deletePage(ctx(a), parent.page.id)), 'Conflict');
    const leaf = tree.find((n) => n.page.slug === 'xss');
    assert.ok(leaf);
    await deletePage(ctx(a), leaf.page.id);
    assert.equal(await outcome(getPublishedPage(ctx(a), 'xss')), 'NotFound');
  });

  it('n’ouvre jamais les pages d’une commune à une autre', async () => {
    const tree = await adminPageTree(ctx(a));
    const id = tree[0]?.page.id;
    assert.ok(id);
    assert.equal(
      await outcome(savePage(ctx(b), id, { ...base, parentId: null, slug: 'pirate', title: 'Pirate' })),
      'NotFound',
    );
    assert.equal(await outcome(deletePage(ctx(b), id)), 'NotFound');
    assert.equal(await outcome(pageRevisions(ctx(b), id)), 'NotFound');
    assert.equal(await outcome(getPublishedPage(ctx(b), 'la-mairie')), 'NotFound');
    assert.deepEqual(await adminPageTree(ctx(b)), []);
  });
});
