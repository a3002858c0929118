import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { etatCivilProblems, mayObtain, requiredFields } from './etat-civil.rules.js';

const today = '2026-11-28';

describe('état civil : qui peut obtenir quoi', () => {
  it('délivre un extrait sans filiation et une copie d’acte de décès à toute personne', () => {
    assert.ok(
      mayObtain({ acte: 'naissance', document: 'extrait_sans_filiation', lien: 'autre', dateActe: '2000-01-01', today })
        .ok,
    );
    assert.ok(
      mayObtain({ acte: 'deces', document: 'copie_integrale', lien: 'autre', dateActe: '2020-01-01', today }).ok,
    );
  });

  it('réserve la copie intégrale d’une naissance récente à la personne et à sa famille, en expliquant pourquoi', () => {
    for (const lien of ['interesse', 'conjoint', 'ascendant', 'descendant', 'representant_legal'] as const) {
      assert.ok(mayObtain({ acte: 'naissance', document: 'copie_integrale', lien, dateActe: '1990-05-04', today }).ok);
    }
    const refus = mayObtain({
      acte: 'naissance',
      document: 'copie_integrale',
      lien: 'autre',
      dateActe: '1990-05-04',
      today,
    });
    assert.equal(refus.ok, false);
    assert.ok(!refus.ok && refus.field === 'lien');
    assert.match(!refus.ok ? refus.raison : '', /extrait sans filiation, que toute personne peut obtenir/);
    assert.match(!refus.ok ? refus.raison : '', /procureur de la République/);
  });

  it('ouvre à tous les actes de plus de 75 ans (Code du patrimoine L213-2)', () => {
    assert.ok(
      mayObtain({ acte: 'mariage', document: 'copie_integrale', lien: 'autre', dateActe: '1950-06-10', today }).ok,
    );
    assert.equal(
      mayObtain({ acte: 'mariage', document: 'copie_integrale', lien: 'autre', dateActe: '1952-06-10', today }).ok,
      false,
    );
  });

  it('refuse un document qui n’existe pas pour l’acte', () => {
    const r = mayObtain({
      acte: 'deces',
      document: 'extrait_avec_filiation',
      lien: 'descendant',
      dateActe: '2020-01-01',
      today,
    });
    assert.ok(!r.ok && r.field === 'document');
    assert.match(!r.ok ? r.raison : '', /copie intégrale, extrait plurilingue/);
  });
});

describe('état civil : renseignements exigés par la loi', () => {
  it('demande les parents pour une copie intégrale, et la naissance des époux pour un mariage', () => {
    assert.deepEqual(requiredFields('naissance', 'extrait_sans_filiation'), [
      'nom_personne',
      'prenoms_personne',
      'date_evenement',
      'lieu_evenement',
    ]);
    assert.ok(requiredFields('naissance', 'copie_integrale').includes('parent1'));
    assert.ok(requiredFields('mariage', 'extrait_avec_filiation').includes('date_naissance'));
    assert.equal(requiredFields('deces', 'copie_integrale').includes('parent1'), false);
  });

  it('signale chaque renseignement manquant et le refus sur le bon champ', () => {
    const errors = etatCivilProblems(
      {
        acte: 'naissance',
        document: 'copie_integrale',
        lien: 'autre',
        nom_personne: 'X',
        prenoms_personne: 'Y',
        date_evenement: '2001-01-01',
        lieu_evenement: 'Z',
      },
      today,
    );
    assert.match(errors.parent1 ?? '', /La loi demande ce renseignement/);
    assert.match(errors.lien ?? '', /La loi réserve la copie intégrale/);
  });
});
