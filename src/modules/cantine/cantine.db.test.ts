import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import pino from 'pino';
import { registerCommunesAB } from '../../../tests/helpers/communes.js';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import { listAuditEvents } from '../../core/audit/index.js';
import { type Actor, systemActor } from '../../core/context.js';
import type { Commune } from '../../core/tenancy/index.js';
import type { WeekDayInput } from './cantine.schemas.js';
import { copyPreviousWeek, getWeek, saveWeek } from './menus.service.js';
import { getPlat, updatePlat } from './plats.service.js';
import { homeMenu, publicWeek } from './public.service.js';
import { createRestaurant, deleteRestaurant, getRestaurant, updateRestaurant } from './restaurants.service.js';
import { importScdl } from './scdl.service.js';

const log = pino({ level: 'silent' });

const W48 = { year: 2026, week: 48 };
const W49 = { year: 2026, week: 49 };

const restaurantInput = (nom: string) => ({
  nom,
  type: 'elementaire' as const,
  convives: 'tous',
  idType: 'sans' as const,
  identifiant: null,
  etablissementNom: 'Régie municipale',
  etablissementSiret: null,
});

const day = (
  n: number,
  plats: [WeekDayInput['plats'][number]['type'], string][],
  vegetarien = false,
): WeekDayInput => ({
  day: n,
  plats: plats.map(([type, nom]) => ({ type, nom })),
  vegetarien,
  precision: '',
});

describeEachEngine('menus de la cantine', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  const now = new Date('2026-11-25T10:00:00Z');
  const ctx = (commune: Commune, actor: Actor = systemActor('test')) => ({
    db: t.db,
    now: () => now,
    log,
    actor,
    commune,
  });

  before(async () => {
    t = await createTestDb(engine);
    ({ a, b } = await registerCommunesAB(t.db, now));
  });
  after(() => t.destroy());

  it('enregistre une semaine, réutilise les plats connus et crée les nouveaux sans allergènes', async () => {
    const id = await createRestaurant(ctx(a), restaurantInput('École du Centre'));
    const first = await saveWeek(ctx(a), id, W48, [
      day(1, [
        ['entree', 'Carottes râpées'],
        ['plat', 'Hachis parmentier'],
        ['dessert', 'Pomme'],
      ]),
      day(
        2,
        [
          ['entree', 'carottes  RÂPÉES'],
          ['plat', 'Omelette'],
        ],
        true,
      ),
    ]);
    assert.deepEqual(first.changed, ['2026-11-23', '2026-11-24']);
    assert.deepEqual(
      first.created.map((p) => p.nom),
      ['Carottes râpées', 'Hachis parmentier', 'Pomme', 'Omelette'],
      'la même carotte, autrement écrite, est reprise',
    );
    assert.ok(first.created.every((p) => !p.allergenesRenseignes));

    const week = await getWeek(ctx(a), id, W48);
    assert.deepEqual(
      week.menus.map((m) => [m.date, m.vegetarien, m.plats.map((p) => p.nom)]),
      [
        ['2026-11-23', false, ['Carottes râpées', 'Hachis parmentier', 'Pomme']],
        ['2026-11-24', true, ['Carottes râpées', 'Omelette']],
      ],
    );
    assert.deepEqual(week.names.entree, ['Carottes râpées']);

    const same = await saveWeek(ctx(a), id, W48, [
      day(1, [
        ['entree', 'Carottes râpées'],
        ['plat', 'Hachis parmentier'],
        ['dessert', 'Pomme'],
      ]),
      day(2, []),
    ]);
    assert.deepEqual(same.changed, ['2026-11-24'], 'seul le mardi, vidé, change');
    assert.equal((await getWeek(ctx(a), id, W48)).menus.length, 1);
    const events = await listAuditEvents(t.db, a.id, 5);
    assert.equal(events[0]?.action, 'cantine.semaine_saved');
    assert.deepEqual(events[0]?.details.jours, ['2026-11-24']);
  });

  it('range les plats d’un menu dans l’ordre du service, quel que soit l’ordre de saisie', async () => {
    const id = await createRestaurant(ctx(a), restaurantInput('Centre de loisirs'));
    await saveWeek(ctx(a), id, W48, [
      day(5, [
        ['dessert', 'Yaourt'],
        ['entree', 'Radis'],
        ['plat', 'Poulet'],
      ]),
    ]);
    const [menu] = (await getWeek(ctx(a), id, W48)).menus;
    assert.deepEqual(
      menu?.plats.map((p) => p.type),
      ['entree', 'plat', 'dessert'],
    );
  });

  it('copie la semaine précédente sans toucher aux jours déjà remplis', async () => {
    const id = await createRestaurant(ctx(a), restaurantInput('École des Tilleuls'));
    await saveWeek(ctx(a), id, W48, [
      day(1, [['plat', 'Lasagnes']]),
      day(2, [['plat', 'Dahl']], true),
      day(4, [['plat', 'Poisson']]),
    ]);
    await saveWeek(ctx(a), id, W49, [day(4, [['plat', 'Couscous']])]);
    const copy = await copyPreviousWeek(ctx(a), id, W49);
    assert.deepEqual(copy, { found: 3, copied: ['2026-11-30', '2026-12-01'], skipped: 1 });
    const week = await getWeek(ctx(a), id, W49);
    assert.deepEqual(
      week.menus.map((m) => [m.date, m.vegetarien, m.plats[0]?.nom]),
      [
        ['2026-11-30', false, 'Lasagnes'],
        ['2026-12-01', true, 'Dahl'],
        ['2026-12-03', false, 'Couscous'],
      ],
    );
    // The home page changes at midnight (Paris) when a menu day starts and ends: announced to the page cache.
    const jobs = await t.db
      .selectFrom('job')
      .select('run_at')
      .where('name', '=', 'content.change')
      .where('commune_id', '=', a.id)
      .execute();
    const instants = jobs.map((j) => j.run_at);
    for (const at of ['2026-11-29T23:00:00.000Z', '2026-11-30T23:00:00.000Z', '2026-12-01T23:00:00.000Z']) {
      assert.ok(instants.includes(at), `changement annoncé à ${at}`);
    }
    assert.deepEqual(await copyPreviousWeek(ctx(a), id, W49), { found: 3, copied: [], skipped: 3 });
    assert.deepEqual(await copyPreviousWeek(ctx(a), id, { year: 2026, week: 40 }), {
      found: 0,
      copied: [],
      skipped: 0,
    });
  });

  it('montre au public la semaine par restaurant et le menu du jour ou du prochain jour', async () => {
    const week = await publicWeek(ctx(a), W48);
    const names = week.restaurants.map((r) => [r.restaurant.nom, r.days.map((d) => d.date)]);
    assert.deepEqual(names[0], ['École du Centre', ['2026-11-23']]);
    assert.deepEqual(week.previous, { year: 2026, week: 47 });
    const home = await homeMenu(ctx(a), now);
    // On Wednesday 25 November the first restaurant has no menu left: its only one was on Monday.
    assert.equal(home, null);
    const next = await homeMenu(ctx(a), new Date('2026-11-22T23:30:00Z'));
    assert.equal(next?.date, '2026-11-23');
    assert.equal(next?.isToday, true, 'minuit et demi à Paris, c’est déjà lundi');
    // The home block reads the day's dishes in one query: the same dishes, in the same order, as the week.
    assert.deepEqual(
      next?.menus.map((m) => [m.repas, m.plats.map((p) => p.nom)]),
      week.restaurants[0]?.days[0]?.menus.map((m) => [m.repas, m.plats.map((p) => p.nom)]),
    );
    assert.ok((next?.menus[0]?.plats.length ?? 0) > 0);
  });

  it('met à jour un plat partout où il est servi', async () => {
    const id = await createRestaurant(ctx(a), restaurantInput('Cantine du Port'));
    const { created } = await saveWeek(ctx(a), id, W48, [day(3, [['plat', 'Gratin de pâtes']])]);
    const platId = created[0]?.id ?? 0;
    await updatePlat(ctx(a), platId, {
      nom: 'Gratin de pâtes',
      type: 'plat',
      allergenes: ['gluten', 'lait'],
      labels: ['bio'],
      vegetarien: true,
    });
    const plat = (await getWeek(ctx(a), id, W48)).menus[0]?.plats[0];
    assert.deepEqual([plat?.allergenes, plat?.allergenesRenseignes, plat?.labels], [['gluten', 'lait'], true, ['bio']]);
  });

  it('refuse deux restaurants du même nom et la suppression d’un restaurant qui a des menus', async () => {
    assert.equal(await outcome(createRestaurant(ctx(a), restaurantInput('ÉCOLE DU CENTRE'))), 'Conflict');
    const [first] = (await publicWeek(ctx(a), W48)).restaurants;
    assert.equal(await outcome(deleteRestaurant(ctx(a), first?.restaurant.id ?? 0)), 'Conflict');
    const empty = await createRestaurant(ctx(a), restaurantInput('Restaurant vide'));
    assert.equal(await outcome(deleteRestaurant(ctx(a), empty)), 'ok');
  });

  it('importe tout ou rien : une ligne fautive et rien ne change', async () => {
    const [first] = (await publicWeek(ctx(a), W48)).restaurants;
    const nom = first?.restaurant.nom ?? '';
    const before = JSON.stringify(await publicWeek(ctx(a), W49));
    const bad = await importScdl(
      ctx(a),
      `menuRestaurantNom,menuDate,menuRepasType,menuPlatType,menuPlatNom\n${nom},2026-12-01,déjeuner,plat principal,Tajine\n${nom},2026-12-02,déjeuner,plat principal,`,
    );
    assert.equal(bad.ok, false);
    assert.equal(JSON.stringify(await publicWeek(ctx(a), W49)), before);
    const good = await importScdl(
      ctx(a),
      `menuRestaurantNom,menuDate,menuRepasType,menuPlatType,menuPlatNom,menuPlatAllergene\n${nom},2026-12-01,déjeuner,plat principal,Tajine,"[""céleri""]"`,
    );
    assert.deepEqual(good, { ok: true, menus: 1, dishes: 1, createdPlats: 1 });
    const tajine = (await publicWeek(ctx(a), W49)).restaurants[0]?.days[0]?.menus[0]?.plats[0];
    assert.deepEqual([tajine?.nom, tajine?.allergenes, tajine?.allergenesRenseignes], ['Tajine', ['celeri'], true]);
  });

  it('réserve la saisie aux agents de la mairie, pas aux élus', async () => {
    const elu: Actor = { kind: 'user', userId: 1, displayName: 'Élu', isOperator: false, role: 'elu' };
    const agent: Actor = { ...elu, role: 'agent' };
    assert.equal(await outcome(createRestaurant(ctx(a, elu), restaurantInput('Par un élu'))), 'Forbidden');
    assert.equal(await outcome(getWeek(ctx(a, elu), 1, W48)), 'Forbidden');
    assert.equal(await outcome(createRestaurant(ctx(a, agent), restaurantInput('Par un agent'))), 'ok');
  });

  it('isole les communes : B ne voit ni ne change les restaurants, menus et plats de A', async () => {
    const [first] = (await publicWeek(ctx(a), W48)).restaurants;
    const id = first?.restaurant.id ?? 0;
    const platId = first?.days[0]?.menus[0]?.plats[0]?.id ?? 0;
    assert.ok(id > 0 && platId > 0);
    assert.equal(await outcome(getRestaurant(ctx(b), id)), 'NotFound');
    assert.equal(await outcome(updateRestaurant(ctx(b), id, restaurantInput('Volé'))), 'NotFound');
    assert.equal(await outcome(deleteRestaurant(ctx(b), id)), 'NotFound');
    assert.equal(await outcome(getWeek(ctx(b), id, W48)), 'NotFound');
    assert.equal(await outcome(saveWeek(ctx(b), id, W48, [day(1, [['plat', 'Intrus']])])), 'NotFound');
    assert.equal(await outcome(copyPreviousWeek(ctx(b), id, W49)), 'NotFound');
    assert.equal(await outcome(getPlat(ctx(b), platId)), 'NotFound');
    assert.equal(
      await outcome(
        updatePlat(ctx(b), platId, { nom: 'X', type: 'plat', allergenes: [], labels: [], vegetarien: false }),
      ),
      'NotFound',
    );
    assert.deepEqual((await publicWeek(ctx(b), W48)).restaurants, []);
    assert.equal(await homeMenu(ctx(b), new Date('2026-11-22T23:30:00Z')), null);
    const imported = await importScdl(
      ctx(b),
      `menuRestaurantNom,menuDate,menuRepasType,menuPlatType,menuPlatNom\n${first?.restaurant.nom},2026-11-23,déjeuner,plat,Intrus`,
    );
    assert.equal(imported.ok, false, 'B ne peut pas importer dans le restaurant de A');
    assert.equal((await getRestaurant(ctx(a), id)).nom, first?.restaurant.nom);
    assert.deepEqual(
      (await getWeek(ctx(a), id, W48)).menus[0]?.plats.map((p) => p.nom),
      ['Carottes râpées', 'Hachis parmentier', 'Pomme'],
    );
  });
});
