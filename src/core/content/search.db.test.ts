import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { indexDocument, queryTerms, searchDocuments, unindexDocument } from './search.js';

describeEachEngine('recherche plein texte', (engine) => {
  let t: TestDb;
  let a: number;
  let b: number;
  const now = new Date('2026-11-28T12:00:00Z');
  const past = new Date('2026-11-01T00:00:00Z');

  before(async () => {
    t = await createTestDb(engine);
    const mk = async (insee: string) =>
      (
        await t.db
          .insertInto('commune')
          .values({ slug: insee, insee, nom: insee, population: 1, departement: '62', created_at: '', updated_at: '' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    a = await mk('62001');
    b = await mk('62002');
    const doc = (refId: number, title: string, body: string, visibleFrom = past) => ({
      kind: 'actualite',
      refId,
      title,
      body,
      url: `/actualites/${refId}`,
      visibleFrom,
    });
    await indexDocument(
      t.db,
      a,
      doc(1, 'Élections municipales', 'Les résultats définitifs du scrutin sont affichés en mairie.'),
    );
    await indexDocument(t.db, a, doc(2, 'Balade en forêt', 'Sortie nature au bord de la rivière avec Saint-Étienne.'));
    await indexDocument(
      t.db,
      a,
      doc(3, 'Fête de Noël', 'Marché de Noël sur la place.', new Date('2026-12-10T00:00:00Z')),
    );
    await indexDocument(t.db, b, doc(4, 'Élections à Rennes', 'Autre commune.'));
  });
  after(() => t.destroy());

  const titles = async (q: string, commune = a) =>
    (await searchDocuments(t.db, commune, q, now)).map((h) => h.title).sort();

  it('trouve sans tenir compte des accents ni de la casse', async () => {
    assert.deepEqual(await titles('election'), ['Élections municipales']);
    assert.deepEqual(await titles('FORET riviere'), ['Balade en forêt']);
    assert.deepEqual(await titles('etienne'), ['Balade en forêt']);
  });

  it('trouve un début de mot', async () => {
    assert.deepEqual(await titles('resul'), ['Élections municipales']);
  });

  it('ne montre ni un contenu programmé ni celui d’une autre commune', async () => {
    assert.deepEqual(await titles('noel'), []);
    assert.deepEqual(await titles('rennes'), []);
    assert.deepEqual(await titles('rennes', b), ['Élections à Rennes']);
  });

  it('surligne les mots trouvés dans l’extrait', async () => {
    const [hit] = await searchDocuments(t.db, a, 'scrutin', now);
    assert.ok(hit);
    assert.ok(hit.excerpt.some((s) => s.mark && /scrutin/i.test(s.text)));
  });

  it('ne laisse passer aucune syntaxe de requête', async () => {
    for (const q of ['"', 'NEAR(', '*', "'; drop table page; --", 'a OR b', '(((', '\u0000']) {
      await searchDocuments(t.db, a, q, now);
    }
    assert.deepEqual(queryTerms('mairie OR "salle*"'), ['mairie', 'or', 'salle']);
  });

  it('laisse de côté les mots vides et les lettres isolées, sauf s’il ne reste rien', async () => {
    assert.deepEqual(queryTerms('Droit de préemption sur l’Église'), ['droit', 'préemption', 'église']);
    assert.deepEqual(queryTerms('Résultats du scrutin n° 2'), ['résultats', 'scrutin', '2']);
    assert.deepEqual(queryTerms('de la'), ['de', 'la']);
    // « aux » is in no indexed word: kept, it would make the search find nothing.
    assert.deepEqual(await titles('élections aux municipales'), ['Élections municipales']);
  });

  it('met à jour et retire un document', async () => {
    await indexDocument(t.db, a, {
      kind: 'actualite',
      refId: 1,
      title: 'Résultats du scrutin',
      body: 'Mis à jour.',
      url: '/x',
      visibleFrom: past,
    });
    assert.deepEqual(await titles('municipales'), []);
    assert.deepEqual(await titles('scrutin'), ['Résultats du scrutin']);
    await unindexDocument(t.db, a, 'actualite', 1);
    assert.deepEqual(await titles('scrutin'), []);
  });
});
