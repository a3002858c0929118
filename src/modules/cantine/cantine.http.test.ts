import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { after, before, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { Table, validate } from 'tableschema';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { createUser, grantRole } from '../../core/auth/index.js';
import { systemActor } from '../../core/context.js';
import { type Commune, findCommuneBySlug, registerCommune } from '../../core/tenancy/index.js';
import { cantineModule } from './index.js';
import { SCDL_COLUMNS } from './scdl.rules.js';
import { currentIsoWeek, formatIsoWeek } from './semaine.rules.js';

type Field = { name: string; arrayItem?: { constraints?: { enum?: string[] } } };
const schema = JSON.parse(fs.readFileSync(new URL('./scdl-menus-collectifs.schema.json', import.meta.url), 'utf8')) as {
  fields: Field[];
};

/** A multipart body as a browser sends it: fields, then the file. */
function multipart(fields: Record<string, string>, file?: { name: string; text: string }) {
  const boundary = '----clocher-cantine-boundary';
  let body = '';
  for (const [k, v] of Object.entries(fields)) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  }
  if (file) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n${file.text}\r\n`;
  }
  return {
    payload: Buffer.from(`${body}--${boundary}--\r\n`),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describeEachEngine('cantine en HTTP', (engine) => {
  let t: TestApp;
  let agent: InjectClient;
  let restaurantId: number;
  const week = formatIsoWeek(currentIsoWeek(new Date()));

  before(async () => {
    t = await buildTestApp(engine);
    agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    const page = await agent.get('/admin/cantine');
    restaurantId = Number(/\/admin\/cantine\/restaurants\/(\d+)\/menus/.exec(page.body)?.[1]);
    assert.ok(restaurantId > 0, 'le restaurant de démonstration est listé');
  });
  after(() => t.close());

  const importCsv = async (fields: Record<string, string>, file?: { name: string; text: string }) => {
    await agent.get('/admin/cantine/import');
    const body = multipart({ _csrf: agent.csrf ?? '', ...fields }, file);
    return t.app.inject({
      method: 'POST',
      url: '/admin/cantine/import',
      payload: body.payload,
      headers: {
        host: 'localhost',
        'content-type': body.contentType,
        cookie: [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
  };

  it('publie les menus de la semaine en cours, sans cookie, depuis le cache des pages', async () => {
    const visitor = new InjectClient(t.app);
    const res = await visitor.get('/cantine');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Restaurant scolaire Jules-Ferry/);
    assert.match(res.body, /Menu végétarien/);
    assert.match(res.body, /Allergènes : /);
    assert.match(res.body, /<abbr class="cantine-label" title="Agriculture biologique">AB<\/abbr>/);
    assert.match(res.body, /Qualité des produits achetés en \d{4}/);
    assert.equal(res.headers['set-cookie'], undefined);
    assert.ok(res.headers.etag, 'servie par le cache des pages');
    const same = await visitor.get(`/cantine?semaine=${week}`);
    assert.equal(same.statusCode, 200);
    assert.equal(same.headers.etag, res.headers.etag, 'la semaine en cours a une seule entrée dans le cache');
    const home = await visitor.get('/');
    assert.match(home.body, /Au menu de la cantine/);
    assert.match(home.body, /<a class="main-nav__link" href="\/cantine"/);
  });

  it('répond 400 avec une page en français à une semaine mal écrite ou impossible', async () => {
    for (const bad of ['2026-W54', '2025-W53', '2026-W00', 'semaine-48', '2026-48', '2026-W48%0A']) {
      const res = await t.app.inject({ url: `/cantine?semaine=${bad}`, headers: { host: 'localhost' } });
      assert.equal(res.statusCode, 400, bad);
      assert.match(res.body, /La semaine demandée n’est pas valide/);
      assert.doesNotMatch(res.body, /at .*\.ts:\d+/);
    }
    const twice = await t.app.inject({
      url: '/cantine?semaine=2026-W48&semaine=2026-W49',
      headers: { host: 'localhost' },
    });
    assert.equal(twice.statusCode, 400);
    const admin = await agent.get(`/admin/cantine/restaurants/${restaurantId}/menus/2026-W99`);
    assert.equal(admin.statusCode, 400);
  });

  it('publie un CSV conforme au schéma SCDL menus-collectifs', async () => {
    const res = await t.app.inject({ url: '/donnees/menus-collectifs.csv', headers: { host: 'localhost' } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    const csv = res.body;
    assert.equal(csv.split('\n')[0], SCDL_COLUMNS.join(','));
    assert.deepEqual(
      SCDL_COLUMNS,
      schema.fields.map((f) => f.name),
    );
    assert.deepEqual(await validate(schema), { valid: true, errors: [] });
    const table = await Table.load(() => Readable.from([csv]), { schema, delimiter: ',' });
    const rows = (await table.read({ keyed: true, forceCast: true })) as unknown[];
    assert.ok(rows.length >= 30, `au moins 30 plats publiés (${rows.length})`);
    const errors = rows.filter((r) => r instanceof Error) as (Error & { errors?: Error[] })[];
    assert.deepEqual(
      errors.map((e) => (e.errors ?? [e]).map((x) => x.message)),
      [],
    );
    // tableschema 1.12 does not check array items against `arrayItem`: checked here.
    for (const field of schema.fields.filter((f) => f.arrayItem?.constraints?.enum)) {
      const allowed = field.arrayItem?.constraints?.enum ?? [];
      for (const row of rows as Record<string, unknown>[]) {
        const items = row[field.name];
        if (items === null || items === undefined) continue;
        assert.ok(Array.isArray(items), `${field.name} est une liste`);
        for (const item of items) assert.ok(allowed.includes(item), `${field.name} : « ${item} » hors énumération`);
      }
    }
  });

  it('affiche comme du texte un nom de plat contenant du HTML', async () => {
    await agent.get(`/admin/cantine/restaurants/${restaurantId}/menus/2026-W10`);
    const res = await agent.post(`/admin/cantine/restaurants/${restaurantId}/menus/2026-W10`, {
      j3_plat_0: '<script>alert("plat")</script>',
    });
    assert.equal(res.statusCode, 303);
    const page = await new InjectClient(t.app).get('/cantine?semaine=2026-W10');
    assert.ok(page.body.includes('&lt;script>alert(&quot;plat&quot;)&lt;/script>'));
    assert.ok(!page.body.includes('<script>alert'));
    const csv = await t.app.inject({ url: '/donnees/menus-collectifs.csv', headers: { host: 'localhost' } });
    assert.ok(
      csv.body.includes('"<script>alert(""plat"")</script>"'),
      'le CSV garde le texte tel quel, entre guillemets',
    );
  });

  it('garde la saisie et signale l’erreur à côté du champ quand la semaine est invalide', async () => {
    await agent.get(`/admin/cantine/restaurants/${restaurantId}/menus/2026-W11`);
    const res = await agent.post(`/admin/cantine/restaurants/${restaurantId}/menus/2026-W11`, {
      j1_entree_0: 'Salade verte',
      j2_vegetarien: 'on',
      j4_plat_0: 'x'.repeat(161),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Le formulaire contient 2 erreurs/);
    assert.match(res.body, /Un jour sans plat ne peut pas être marqué « menu végétarien »/);
    assert.match(res.body, /Le nom du plat ne doit pas dépasser 160 caractères/);
    assert.match(res.body, /value="Salade verte"/);
    const week11 = await new InjectClient(t.app).get('/cantine?semaine=2026-W11');
    assert.doesNotMatch(week11.body, /Salade verte/);
  });

  it('copie la semaine précédente en un clic et la montre au public', async () => {
    const target = '2026-W13';
    await agent.get(`/admin/cantine/restaurants/${restaurantId}/menus/2026-W12`);
    await agent.post(`/admin/cantine/restaurants/${restaurantId}/menus/2026-W12`, {
      j1_plat_0: 'Blanquette de veau',
      j2_plat_0: 'Gratin de légumes',
      j2_vegetarien: 'on',
    });
    const before = await new InjectClient(t.app).get(`/cantine?semaine=${target}`);
    assert.doesNotMatch(before.body, /Blanquette de veau/);
    await agent.get(`/admin/cantine/restaurants/${restaurantId}/menus/${target}`);
    const res = await agent.post(`/admin/cantine/restaurants/${restaurantId}/menus/${target}/copie`, {});
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), /message=copie$/);
    const after = await new InjectClient(t.app).get(`/cantine?semaine=${target}`);
    assert.match(after.body, /Lundi 23 mars/);
    assert.match(after.body, /Blanquette de veau/);
    assert.match(after.body, /Menu végétarien/);
  });

  it('refuse un CSV mal formé ligne par ligne et ne change rien', async () => {
    const csvBefore = (await t.app.inject({ url: '/donnees/menus-collectifs.csv', headers: { host: 'localhost' } }))
      .body;
    const bad = [
      'menuRestaurantNom,menuDate,menuRepasType,menuPlatType,menuPlatNom,menuPlatAllergene',
      'Restaurant scolaire Jules-Ferry,2026-04-06,déjeuner,plat principal,Rôti de dinde,',
      'Restaurant scolaire Jules-Ferry,06/04/2026,déjeuner,plat principal,Frites,',
      'École fantôme,2026-04-07,déjeuner,dessert,Kiwi,"[""kiwi""]"',
    ].join('\n');
    const res = await importCsv({}, { name: 'menus.csv', text: bad });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Rien n’a été importé : 3 problèmes dans le fichier/);
    assert.match(
      res.body,
      /<td>3<\/td><td>menuDate<\/td><td>« 06\/04\/2026 » n’est pas une date au format AAAA-MM-JJ.<\/td>/,
    );
    assert.match(
      res.body,
      /<td>4<\/td><td>menuRestaurantNom<\/td><td>« École fantôme » n’est le nom d’aucun restaurant/,
    );
    assert.match(res.body, /« kiwi » n’est pas un des 14 allergènes du schéma/);
    const csvAfter = (await t.app.inject({ url: '/donnees/menus-collectifs.csv', headers: { host: 'localhost' } }))
      .body;
    assert.equal(csvAfter, csvBefore);
    assert.doesNotMatch(csvAfter, /Rôti de dinde/);

    const notUtf8 = await importCsv({}, { name: 'menus.csv', text: '' });
    assert.equal(notUtf8.statusCode, 400, 'un fichier vide et rien de collé');
  });

  it('importe un CSV collé et redirige vers le compte rendu', async () => {
    const text = [
      'menuRestaurantNom,menuDate,menuRepasType,menuPlatType,menuPlatNom,menuPlatSiqo,menuPlatAllergene',
      'Restaurant scolaire Jules-Ferry,2026-04-06,déjeuner,plat principal,Rôti de dinde,"[""label rouge""]",[]',
      'Restaurant scolaire Jules-Ferry,2026-04-06,déjeuner,dessert,Kiwi,,[]',
    ].join('\n');
    const res = await importCsv({ texte: text });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/cantine/import?menus=1&plats=2&nouveaux=2');
    const report = await agent.get(String(res.headers.location));
    assert.match(report.body, /Import réussi : 1 menu \(2 plats servis\), 2 nouveaux plats/);
    const page = await new InjectClient(t.app).get('/cantine?semaine=2026-W15');
    assert.match(page.body, /Rôti de dinde/);
    assert.match(page.body, /title="Label Rouge">LR</);
  });

  it('refuse de supprimer un restaurant qui a des menus, avec un message en français', async () => {
    await agent.get(`/admin/cantine/restaurants/${restaurantId}`);
    const res = await agent.post(`/admin/cantine/restaurants/${restaurantId}/suppression`, {});
    assert.equal(res.statusCode, 409);
    assert.match(res.body, /Ce restaurant a des menus publiés : il ne peut pas être supprimé./);
    assert.equal((await new InjectClient(t.app).get('/cantine')).statusCode, 200);
  });

  it('réserve l’administration de la cantine aux agents, pas aux élus', async () => {
    const elu = new InjectClient(t.app);
    await elu.signIn(TEST_ACCOUNTS.elu, TEST_PASSWORD);
    assert.equal((await elu.get('/admin/cantine')).statusCode, 403);
    const dashboard = await elu.get('/admin');
    assert.doesNotMatch(dashboard.body, /href="\/admin\/cantine"/);
    const anonymous = await new InjectClient(t.app).get('/admin/cantine');
    assert.equal(anonymous.statusCode, 303);
  });

  it('répond 404 à l’agent d’une autre commune qui vise les restaurants de celle-ci', async () => {
    const ctx = { db: t.db, now: () => new Date(), log: t.app.log, actor: systemActor('test') };
    const other = await registerCommune(ctx, {
      insee: '62997',
      nom: 'Autreville',
      slug: 'autreville',
      population: 300,
      departement: '62',
      siren: null,
      siret: null,
      epci: null,
      info: {},
      theme: {},
      isDemo: false,
      hosts: ['autreville.test'],
    });
    const userId = await createUser(ctx, {
      email: 'agent@autreville.test',
      displayName: 'Agent d’Autreville',
      password: TEST_PASSWORD,
      isOperator: false,
    });
    await grantRole({ ...ctx, commune: other }, userId, 'agent');
    const intruder = new InjectClient(t.app, 'autreville.test');
    await intruder.signIn('agent@autreville.test', TEST_PASSWORD);
    assert.equal((await intruder.get('/admin/cantine')).statusCode, 200);
    const base = `/admin/cantine/restaurants/${restaurantId}`;
    assert.equal((await intruder.get(base)).statusCode, 404);
    assert.equal((await intruder.get(`${base}/menus/${week}`)).statusCode, 404);
    assert.equal((await intruder.post(`${base}/menus/${week}`, { j1_plat_0: 'Intrus' })).statusCode, 404);
    assert.equal((await intruder.post(`${base}/menus/${week}/copie`, {})).statusCode, 404);
    assert.equal((await intruder.post(base, { nom: 'Volé' })).statusCode, 404);
    const visitor = await new InjectClient(t.app, 'autreville.test').get('/cantine');
    assert.doesNotMatch(visitor.body, /Jules-Ferry/);
    const mine = await new InjectClient(t.app).get(`/cantine?semaine=${week}`);
    assert.doesNotMatch(mine.body, /Intrus/);
  });

  it('décrit ses menus publiés comme jeu de données ouvertes, aux dates de son fichier', async () => {
    const ctx = (commune: Commune) => ({
      db: t.db,
      commune,
      now: new Date(),
      baseUrl: 'https://www.bellerive-sur-lys.fr',
    });
    const demo = (await findCommuneBySlug(t.db, 'bellerive-sur-lys')) as Commune;
    const [menus, ...others] = (await cantineModule.datasets?.(ctx(demo))) ?? [];
    assert.equal(others.length, 0);
    const csv = await t.app.inject({ url: '/donnees/menus-collectifs.csv', headers: { host: 'localhost' } });
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    const days = rows.map((r) => r.menuDate ?? '').sort();
    const published = rows.map((r) => (r.menuPublicationDate ?? '').slice(0, 10)).sort();
    assert.deepEqual(
      { id: menus?.id, debut: menus?.debut, fin: menus?.fin, publie: menus?.publie, majLe: menus?.majLe },
      { id: 'menus-collectifs', debut: days[0], fin: days.at(-1), publie: published[0], majLe: published.at(-1) },
    );
    assert.equal(menus?.csv, 'https://www.bellerive-sur-lys.fr/donnees/menus-collectifs.csv');
    const autreville = (await findCommuneBySlug(t.db, 'autreville')) as Commune;
    assert.deepEqual(await cantineModule.datasets?.(ctx(autreville)), [], 'aucun menu publié, aucun jeu de données');
  });
});
