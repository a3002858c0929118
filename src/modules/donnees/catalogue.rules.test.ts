import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Dataset } from '../../core/module.js';
import { catalogueCsv, catalogueRow, motCle, SCDL_CATALOGUE_COLUMNS } from './catalogue.rules.js';

describe('catalogue SCDL', () => {
  const coll = { nom: 'Avesnes', siret: '21620001000017' };
  const dataset: Dataset = {
    id: 'deliberations',
    titre: 'T',
    description: 'D',
    theme: 'Administration',
    debut: '2024-01-01',
    fin: '2026-11-20',
    publie: '2024-01-05',
    majLe: '2026-11-21',
    motsCles: ['Délibérations', 'conseil municipal'],
    ressources: 3,
    url: 'https://x.fr/donnees',
    csv: 'https://x.fr/donnees/deliberations.csv',
    parties: [],
  };

  it('écrit une ligne de catalogue', () => {
    assert.equal(motCle('Délibérations'), 'deliberations');
    const row = catalogueRow(coll, dataset);
    assert.equal(row.length, SCDL_CATALOGUE_COLUMNS.length);
    assert.equal(row[15], 'deliberations;conseil municipal');
    assert.equal(row[16], 'Licence Ouverte-LO');
  });

  it('ne garde que l’en-tête sans le SIRET de la commune, une colonne obligatoire', () => {
    const header = `${SCDL_CATALOGUE_COLUMNS.join(',')}\n`;
    assert.equal(catalogueCsv({ nom: 'Avesnes', siret: null }, [dataset]), header);
    const csv = catalogueCsv(coll, [dataset, { ...dataset, id: 'menus-collectifs', titre: 'Menus, « cantine »' }]);
    assert.equal(csv.split('\n').length, 4);
    assert.match(csv, /^Avesnes,21620001000017,menus-collectifs,"Menus, « cantine »",/m);
  });
});
