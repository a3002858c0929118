import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, it } from 'node:test';
import { Table, validate } from 'tableschema';
import { buildTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { systemActor } from '../../core/context.js';
import { DiskFileStore } from '../../core/files/index.js';
import { type Commune, findCommuneBySlug, registerCommune } from '../../core/tenancy/index.js';
import { type ActesCtx, createDeliberation, type NewDeliberation, publishActe, signActe } from '../actes/index.js';
import { SCDL_CATALOGUE_COLUMNS } from './catalogue.rules.js';

type Field = { name: string };
const schema = JSON.parse(fs.readFileSync(new URL('./scdl-catalogue.schema.json', import.meta.url), 'utf8')) as {
  fields: Field[];
};

/** French SIRET check of the SCDL custom checks (Luhn). */
const luhn = (s: string) =>
  [...s]
    .reverse()
    .map((c, i) => (i % 2 === 1 ? (Number(c) * 2 > 9 ? Number(c) * 2 - 9 : Number(c) * 2) : Number(c)))
    .reduce((a, b) => a + b, 0) %
    10 ===
  0;

/** Validates the catalogue against its Table Schema: types, patterns, required; returns the keyed rows. */
async function validCatalogue(csv: string): Promise<Record<string, unknown>[]> {
  assert.deepEqual(await validate(schema), { valid: true, errors: [] });
  assert.deepEqual(
    schema.fields.map((f) => f.name),
    [...SCDL_CATALOGUE_COLUMNS],
  );
  assert.equal(csv.split('\n')[0], SCDL_CATALOGUE_COLUMNS.join(','));
  const table = await Table.load(() => Readable.from([csv]), { schema, delimiter: ',' });
  const rows = (await table.read({ keyed: true, forceCast: true })) as unknown[];
  const errors = rows.filter((r) => r instanceof Error) as (Error & { errors?: Error[] })[];
  assert.deepEqual(
    errors.map((e) => (e.errors ?? [e]).map((x) => x.message)),
    [],
  );
  return rows as Record<string, unknown>[];
}

const deliberation = (over: Partial<NewDeliberation>): NewDeliberation => ({
  seanceId: 7,
  pointId: 31,
  objet: 'Tarifs de la cantine scolaire pour l’année 2027',
  dateDecision: '2026-11-20',
  matiereCode: '7.10',
  auteurNom: 'Marie Lefebvre',
  auteurQualite: 'Maire',
  texte: 'Le conseil municipal,\n\nDécide de fixer le prix du repas à 3,40 €.',
  vote: { effectif: 15, presents: 12, representes: 2, pour: 11, contre: 2, abstention: 1, nePrendPasPart: 0 },
  ...over,
});

describeEachEngine('données ouvertes de la commune', (engine) => {
  let t: TestApp;
  let commune: Commune;
  // The commune's own domain (the only commune answers any host): the catalogue links to it.
  const SITE = 'www.bellerive-sur-lys.fr';
  const get = (url: string, host = 'localhost') => t.app.inject({ url, headers: { host } });

  before(async () => {
    t = await buildTestApp(engine);
    commune = (await findCommuneBySlug(t.db, 'bellerive-sur-lys')) as Commune;
  });
  after(() => t.close());

  it('rassemble les jeux de données des modules sur /donnees, sans cookie, depuis le cache des pages', async () => {
    const ctx: ActesCtx = {
      db: t.db,
      commune,
      now: () => new Date(),
      log: t.app.log,
      actor: systemActor('test'),
      files: new DiskFileStore(path.join(t.dataDir, 'files')),
    };
    for (const [i, over] of [{}, { objet: 'Subvention au comité des fêtes', dateDecision: '2025-06-12' }].entries()) {
      const { acteId } = await createDeliberation(ctx, deliberation({ pointId: 900 + i, ...over }));
      await signActe(ctx, { acteId });
      await publishActe(ctx, { acteId });
    }

    const res = await new InjectClient(t.app).get('/donnees');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['set-cookie'], undefined);
    assert.ok(res.headers.etag, 'servie par le cache des pages');
    assert.match(res.body, /<h1>Données ouvertes<\/h1>/);
    assert.match(res.body, /href="\/donnees\/catalogue.csv" download="catalogue.csv"/);
    const titles = [...res.body.matchAll(/<h2 id="jeu-([a-z-]+)"/g)].map((m) => m[1]);
    assert.deepEqual(titles, ['deliberations', 'menus-collectifs']);
    assert.match(res.body, /aria-labelledby="jeu-deliberations"/);
    assert.match(res.body, /Délibérations du conseil municipal de Bellerive-sur-Lys/);
    assert.match(res.body, /Menus de la restauration collective de Bellerive-sur-Lys/);
    assert.match(res.body, /href="\/donnees\/deliberations.csv" download/);
    assert.match(res.body, /href="\/donnees\/deliberations-2025.csv" download>Délibérations de 2025 \(CSV\)/);
    assert.match(res.body, /href="\/donnees\/deliberations-2026.csv" download/);
    assert.match(res.body, /href="\/donnees\/menus-collectifs.csv" download/);
    assert.match(res.body, /Période couverte : du 12 juin 2025 au 20 novembre 2026\./);
    const again = await new InjectClient(t.app).get('/donnees');
    assert.equal(again.headers.etag, res.headers.etag);
  });

  it('publie le catalogue au format SCDL, valide selon le schéma, avec les liens du domaine de la commune', async () => {
    const res = await get('/donnees/catalogue.csv', SITE);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="catalogue.csv"');
    assert.equal(res.headers['set-cookie'], undefined);
    const rows = await validCatalogue(res.body);
    assert.deepEqual(
      rows.map((r) => r.ID),
      ['deliberations', 'menus-collectifs'],
    );
    for (const r of rows) {
      assert.ok(luhn(String(r.COLL_SIRET)) && luhn(String(r.PRODUCTEUR_SIRET)), 'SIRET');
      assert.equal(new URL(String(r.URL)).host, SITE);
    }
    const delib = rows.find((r) => r.ID === 'deliberations');
    assert.equal(delib?.NOMBRE_RESSOURCES, 3, 'le fichier complet et un par année');
    assert.equal(delib?.MOTS_CLES, 'deliberations;conseil municipal;actes administratifs');
  });

  it('dit qu’aucun jeu n’est publié pour une commune sans données, et son catalogue n’a que l’en-tête', async () => {
    await registerCommune(
      { db: t.db, now: () => new Date(), log: t.app.log, actor: systemActor('test') },
      {
        insee: '62995',
        nom: 'Sansdonnées',
        slug: 'sansdonnees',
        population: 120,
        departement: '62',
        siren: '216299950',
        siret: '21629995000011',
        epci: null,
        info: {},
        theme: {},
        isDemo: false,
        hosts: ['sansdonnees.test'],
      },
    );
    const page = await get('/donnees', 'sansdonnees.test');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Aucun jeu de données n’est publié pour le moment\./);
    assert.doesNotMatch(page.body, /Bellerive-sur-Lys/);
    const csv = await get('/donnees/catalogue.csv', 'sansdonnees.test');
    assert.equal(csv.body, `${SCDL_CATALOGUE_COLUMNS.join(',')}\n`);
  });
});
