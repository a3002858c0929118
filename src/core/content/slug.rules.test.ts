import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SLUG_MAX_LENGTH, slugFromTitle, slugProblem, uniqueSlug } from './slug.rules.js';

describe('adresses des contenus (slugs)', () => {
  it('fait l’adresse d’un titre accentué', () => {
    assert.equal(slugFromTitle('Repas des aînés : inscriptions ouvertes !'), 'repas-des-aines-inscriptions-ouvertes');
    assert.equal(slugFromTitle('Vœux du maire à l’Œuvre Saint-Éloi'), 'voeux-du-maire-a-l-oeuvre-saint-eloi');
    assert.equal(slugFromTitle('Fête de l’été 2027 — ÇA COMMENCE'), 'fete-de-l-ete-2027-ca-commence');
    assert.equal(slugFromTitle('  <script>alert(1)</script> '), 'script-alert-1-script');
  });

  it('rend une adresse vide quand le titre n’a ni lettre ni chiffre', () => {
    assert.equal(slugFromTitle('!!! ???'), '');
    assert.equal(slugFromTitle('🎄'), '');
  });

  it('coupe une adresse trop longue sur un mot', () => {
    const slug = slugFromTitle('Travaux de voirie '.repeat(10));
    assert.ok(slug.length <= SLUG_MAX_LENGTH);
    assert.ok(!slug.endsWith('-'));
    assert.match(slug, /^travaux-de-voirie-/);
    assert.equal(slugFromTitle('a'.repeat(100)).length, SLUG_MAX_LENGTH);
  });

  it('ajoute un numéro quand l’adresse est déjà prise', () => {
    assert.equal(uniqueSlug('loto', new Set()), 'loto');
    assert.equal(uniqueSlug('loto', new Set(['loto'])), 'loto-2');
    assert.equal(uniqueSlug('loto', new Set(['loto', 'loto-2', 'loto-3'])), 'loto-4');
    const long = 'x'.repeat(SLUG_MAX_LENGTH);
    const next = uniqueSlug(long, new Set([long]));
    assert.equal(next.length, SLUG_MAX_LENGTH);
    assert.ok(next.endsWith('-2'));
  });

  it('refuse une adresse saisie avec majuscules, accents ou espaces', () => {
    assert.equal(slugProblem('marche-de-noel'), null);
    for (const bad of ['Marché', 'a b', '-debut', 'fin-', 'double--tiret', '', 'a/b', 'x'.repeat(81)]) {
      assert.ok(slugProblem(bad), bad);
    }
  });
});
