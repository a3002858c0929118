import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHostName, isInseeCode, isSiren, isSiret, luhnValid, normalizeHost, slugify } from './tenancy.rules.js';

describe('tenancy.rules : slugify', () => {
  it('retire les accents et met des tirets', () => {
    assert.equal(slugify('Saint-Étienne-du-Bois'), 'saint-etienne-du-bois');
    assert.equal(slugify('L’Haÿ-les-Roses'), 'l-hay-les-roses');
    assert.equal(slugify("  Île-d'Yeu  "), 'ile-d-yeu');
  });

  it('développe les ligatures œ et æ', () => {
    assert.equal(slugify('Œuilly'), 'oeuilly');
    assert.equal(slugify('Cæsar'), 'caesar');
  });

  it('ne garde ni tiret en tête ou en fin ni plus de 60 caractères', () => {
    assert.equal(slugify('--Rennes!--'), 'rennes');
    assert.equal(slugify('a'.repeat(80)).length, 60);
  });
});

describe('tenancy.rules : identifiants', () => {
  it('reconnaît un code INSEE de commune, Corse et outre-mer compris', () => {
    for (const ok of ['35238', '01001', '2A004', '2B033', '97411', '97611']) assert.equal(isInseeCode(ok), true, ok);
  });

  it('refuse un code INSEE mal formé', () => {
    for (const bad of ['3523', '352380', '2C001', '2a004', 'ABCDE', '00000', ' 35238', '']) {
      assert.equal(isInseeCode(bad), false, bad);
    }
  });

  it('vérifie la clé de Luhn des SIREN et SIRET', () => {
    assert.equal(luhnValid('213502388'), true);
    assert.equal(isSiren('213502388'), true);
    assert.equal(isSiren('213502389'), false);
    assert.equal(isSiret('21350238800019'), true);
    assert.equal(isSiret('21350238800010'), false);
    assert.equal(isSiret('2135023880001'), false);
    assert.equal(isSiret('2135023880001A'), false);
  });
});

describe('tenancy.rules : noms d’hôte', () => {
  it('normalise l’en-tête Host : casse, port, point final', () => {
    assert.equal(normalizeHost('Rennes.Example.FR:443'), 'rennes.example.fr');
    assert.equal(normalizeHost('mairie.example.org.'), 'mairie.example.org');
    assert.equal(normalizeHost(' localhost:3000 '), 'localhost');
    assert.equal(normalizeHost('[::1]:3000'), '[::1]');
    assert.equal(normalizeHost(undefined), '');
    assert.equal(normalizeHost(''), '');
  });

  it('accepte un nom d’hôte et refuse le reste', () => {
    assert.equal(isHostName('saint-malo.example.fr'), true);
    assert.equal(isHostName('localhost'), true);
    for (const bad of ['-mairie.fr', 'mairie..fr', 'mairie_fr.fr', 'https://mairie.fr', '']) {
      assert.equal(isHostName(bad), false, bad);
    }
  });
});
