import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Restaurant } from './cantine.repo.js';
import type { Menu } from './menus.repo.js';
import { menusToScdlRecords, SCDL_COLUMNS, scdlDatetime, toScdlCsv } from './scdl.rules.js';
import { parseScdlImport } from './scdl-import.rules.js';

const restaurant: Restaurant = {
  id: 7,
  nom: 'Restaurant scolaire Jules-Ferry',
  type: 'elementaire',
  idType: 'sans',
  identifiant: null,
  convives: 'tous',
  etablissementNom: 'Commune de Bellerive-sur-Lys',
  etablissementSiret: '21629980000013',
  position: 0,
};

const menu: Menu = {
  id: 1,
  restaurantId: 7,
  date: '2026-11-26',
  repas: 'dejeuner',
  vegetarien: true,
  precision: 'Semaine du goût',
  publishedAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-21T09:30:12.345Z',
  plats: [
    {
      id: 3,
      nom: 'Omelette, fines herbes',
      type: 'plat',
      allergenes: ['oeufs', 'lait'],
      allergenesRenseignes: true,
      labels: ['bio', 'hve'],
      vegetarien: true,
    },
    {
      id: 4,
      nom: 'Pomme',
      type: 'dessert',
      allergenes: [],
      allergenesRenseignes: false,
      labels: [],
      vegetarien: true,
    },
  ],
};

const producer = { nom: 'Commune de Bellerive-sur-Lys', siret: '21629980000013', insee: '62998' };
const HEADER = SCDL_COLUMNS.join(',');

describe('fichier SCDL menus collectifs', () => {
  it('écrit une ligne par plat avec les valeurs exactes du schéma', () => {
    const [omelette, pomme] = menusToScdlRecords(producer, [restaurant], [menu]);
    assert.equal(omelette?.menuRestaurantType, 'élémentaire');
    assert.equal(omelette?.menuRepasType, 'déjeuner');
    assert.equal(omelette?.menuPlatType, 'plat principal');
    assert.equal(omelette?.menuPlatSiqo, '["agriculture biologique"]');
    assert.equal(omelette?.menuPlatLabel, 'Haute valeur environnementale');
    assert.equal(omelette?.menuPlatAllergene, '["oeufs","lait"]');
    assert.equal(omelette?.menuPlatRegime, '["végétarien"]');
    assert.equal(omelette?.menuPlatPrecision, 'menu végétarien;Semaine du goût');
    assert.equal(omelette?.menuPublicationDate, '2026-11-20T08:00:00Z');
    assert.equal(omelette?.menuModificationDate, '2026-11-21T09:30:12Z');
    assert.equal(pomme?.menuPlatAllergene, '', 'allergènes inconnus : cellule vide');
    assert.equal(scdlDatetime('2026-01-02T03:04:05.678Z'), '2026-01-02T03:04:05Z');
  });

  it('sépare par des virgules et met entre guillemets ce qui en contient', () => {
    const csv = toScdlCsv(menusToScdlRecords(producer, [restaurant], [menu]));
    const [header, first] = csv.split('\n');
    assert.equal(header, HEADER);
    assert.ok(first?.includes('"Omelette, fines herbes"'));
    assert.ok(first?.includes('"[""oeufs"",""lait""]"'));
    assert.ok(!csv.startsWith('\uFEFF'), 'pas de BOM');
  });

  it('relit le fichier qu’elle publie', () => {
    const csv = toScdlCsv(menusToScdlRecords(producer, [restaurant], [menu]));
    const parsed = parseScdlImport(csv, [restaurant]);
    assert.ok(parsed.ok);
    assert.equal(parsed.menus.length, 1);
    const m = parsed.menus[0];
    assert.equal(m?.vegetarien, true);
    assert.equal(m?.precision, 'Semaine du goût');
    assert.deepEqual(
      m?.plats.map((p) => [p.nom, p.type, p.allergenes, p.labels]),
      [
        ['Omelette, fines herbes', 'plat', ['oeufs', 'lait'], ['bio', 'hve']],
        ['Pomme', 'dessert', null, []],
      ],
    );
  });

  it('accepte un fichier de tableur séparé par des points-virgules', () => {
    const csv = [
      'menuRestaurantNom;menuDate;menuRepasType;menuPlatType;menuPlatNom;menuPlatAllergene',
      'restaurant scolaire jules-ferry;2026-11-30;Déjeuner;entrée;Carottes râpées;["moutarde"]',
      'Restaurant scolaire Jules-Ferry;2026-11-30;déjeuner;dessert;Yaourt;',
    ].join('\r\n');
    const parsed = parseScdlImport(csv, [restaurant]);
    assert.ok(parsed.ok);
    assert.equal(parsed.menus[0]?.plats.length, 2);
    assert.deepEqual(parsed.menus[0]?.plats[0]?.allergenes, ['moutarde']);
  });

  it('rejette chaque ligne fautive avec son numéro et la raison en français', () => {
    const csv = [
      'menuRestaurantNom,menuDate,menuRepasType,menuPlatType,menuPlatNom,menuPlatAllergene',
      'Restaurant scolaire Jules-Ferry,2026-11-30,déjeuner,entrée,Carottes,',
      'Cantine inconnue,2026-13-01,brunch,apéritif,,"[""noix""]"',
      'Restaurant scolaire Jules-Ferry,2026-11-30,déjeuner,dessert,Yaourt,lait',
    ].join('\n');
    const parsed = parseScdlImport(csv, [restaurant]);
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    const line3 = parsed.problems.filter((p) => p.line === 3).map((p) => p.column);
    assert.deepEqual(line3, [
      'menuRestaurantNom',
      'menuDate',
      'menuRepasType',
      'menuPlatType',
      'menuPlatNom',
      'menuPlatAllergene',
    ]);
    const line4 = parsed.problems.find((p) => p.line === 4);
    assert.equal(line4?.column, 'menuPlatAllergene');
    assert.match(line4?.message ?? '', /n’est pas une liste/);
    assert.ok(parsed.problems.every((p) => p.line !== 2));
  });

  it('signale une colonne obligatoire absente, un guillemet non fermé, un fichier vide', () => {
    const noName = parseScdlImport(
      'menuRestaurantNom,menuDate,menuRepasType,menuPlatType\nA,2026-11-30,déjeuner,dessert',
      [],
    );
    assert.deepEqual(noName.ok ? [] : noName.problems.map((p) => p.column), ['menuPlatNom']);
    const quote = parseScdlImport(`${HEADER}\n"Restaurant,2026`, [restaurant]);
    assert.match(quote.ok ? '' : (quote.problems[0]?.message ?? ''), /guillemet/);
    const empty = parseScdlImport('\uFEFF  \n', [restaurant]);
    assert.equal(empty.ok ? '' : empty.problems[0]?.message, 'Le fichier est vide.');
  });

  it('déduit le menu végétarien quand tous ses plats principaux le sont', () => {
    const csv = [
      'menuRestaurantNom,menuDate,menuRepasType,menuPlatType,menuPlatNom,menuPlatRegime',
      'Restaurant scolaire Jules-Ferry,2026-12-01,déjeuner,plat principal,Dahl de lentilles,"[""végétarien""]"',
      'Restaurant scolaire Jules-Ferry,2026-12-01,déjeuner,dessert,Kiwi,',
      'Restaurant scolaire Jules-Ferry,2026-12-02,goûter,dessert,Pain et chocolat,',
    ].join('\n');
    const parsed = parseScdlImport(csv, [restaurant]);
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.menus.map((m) => [m.date, m.repas, m.vegetarien]),
      [
        ['2026-12-01', 'dejeuner', true],
        ['2026-12-02', 'gouter', false],
      ],
    );
  });
});
