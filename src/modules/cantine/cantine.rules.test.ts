import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import {
  ALLERGEN_CODES,
  ALLERGENS,
  allergensText,
  COURSES,
  codeFromScdl,
  ID_TYPES,
  LABELS,
  labelFromText,
  REPAS,
  RESTAURANT_TYPES,
  SCDL_REGIMES,
  textKey,
} from './cantine.rules.js';

const schema = JSON.parse(fs.readFileSync(new URL('./scdl-menus-collectifs.schema.json', import.meta.url), 'utf8')) as {
  fields: { name: string; constraints?: { enum?: string[] }; arrayItem?: { constraints?: { enum?: string[] } } }[];
};

const enumOf = (name: string) => {
  const f = schema.fields.find((x) => x.name === name);
  return f?.constraints?.enum ?? f?.arrayItem?.constraints?.enum ?? [];
};

describe('listes de codes de la cantine', () => {
  it('reprend les 14 allergènes réglementaires, dans l’ordre de l’annexe II', () => {
    assert.equal(ALLERGENS.length, 14);
    assert.equal(new Set(ALLERGEN_CODES).size, 14);
    assert.deepEqual(
      ALLERGENS.map((a) => a.scdl),
      enumOf('menuPlatAllergene'),
    );
    for (const a of ALLERGENS) assert.ok(a.label && a.legal, a.code);
  });

  it('donne à chaque liste les valeurs exactes des énumérations du schéma SCDL', () => {
    assert.deepEqual(new Set(COURSES.map((c) => c.scdl)), new Set(enumOf('menuPlatType')));
    assert.deepEqual(new Set(REPAS.map((r) => r.scdl)), new Set(enumOf('menuRepasType')));
    assert.deepEqual(new Set(RESTAURANT_TYPES.map((r) => r.scdl)), new Set(enumOf('menuRestaurantType')));
    assert.deepEqual(new Set(ID_TYPES.map((r) => r.scdl)), new Set(enumOf('menuRestaurantIdType')));
    assert.deepEqual([...SCDL_REGIMES], enumOf('menuPlatRegime'));
    const siqo = LABELS.flatMap((l) => (l.siqo ? [l.siqo] : []));
    assert.deepEqual(new Set(siqo), new Set(enumOf('menuPlatSiqo')));
  });

  it('couvre les labels EGalim : signes officiels et mentions', () => {
    const abbrs = LABELS.map((l) => l.abbr);
    for (const a of ['AB', 'LR', 'AOP', 'AOC', 'IGP', 'STG', 'HVE', 'Fermier', 'Pêche durable', 'RUP']) {
      assert.ok(abbrs.includes(a as never), a);
    }
    for (const l of LABELS) assert.notEqual(l.abbr, l.label, `${l.code} a une abréviation expliquée`);
  });

  it('reconnaît une valeur de fichier malgré la casse, les accents et le « œ »', () => {
    assert.equal(codeFromScdl(ALLERGENS, 'Œufs'), 'oeufs');
    assert.equal(codeFromScdl(ALLERGENS, 'FRUITS A COQUES'), 'fruits_a_coque');
    assert.equal(codeFromScdl(COURSES, 'Plat Principal'), 'plat');
    assert.equal(codeFromScdl(REPAS, 'dejeuner'), 'dejeuner');
    assert.equal(codeFromScdl(ALLERGENS, 'noisette'), null);
    assert.equal(labelFromText('Label rouge'), 'label_rouge');
    assert.equal(labelFromText('HVE'), 'hve');
    assert.equal(labelFromText('appellation d’origine protégée'), 'aop');
    assert.equal(labelFromText('ferme des Jarouilles'), null);
    assert.equal(textKey('  Crème   Brûlée '), 'creme brulee');
  });

  it('écrit les allergènes d’un plat en toutes lettres', () => {
    assert.equal(allergensText(['lait', 'gluten'], true), 'gluten, lait');
    assert.equal(allergensText([], true), 'aucun allergène à déclarer');
    assert.equal(allergensText([], false), 'non renseignés, demandez au restaurant');
  });
});
