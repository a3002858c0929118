import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { adjacentMonths, daysOfMonth, isMonthShape, monthGrid, parseSalle } from './salles.rules.js';

const input = {
  nom: ' Salle des fêtes ',
  capacite: '150',
  tarifs: '150 € le week-end',
  description: '',
  equipements: 'Cuisine\n\n Sono ',
  photos: ['3', '3', '4'],
};

describe('salles : règles', () => {
  it('lit le formulaire d’une salle', () => {
    const r = parseSalle(input);
    assert.deepEqual(r.errors, {});
    assert.deepEqual(r.salle, {
      nom: 'Salle des fêtes',
      capacite: 150,
      tarifs: '150 € le week-end',
      description: '',
      equipements: 'Cuisine\nSono',
      photos: [3, 4],
    });
  });

  it('refuse un nom vide, une capacité absurde, des tarifs absents, une photo mal formée', () => {
    const r = parseSalle({ ...input, nom: '', capacite: '0', tarifs: ' ', photos: ['x'] });
    assert.deepEqual(Object.keys(r.errors).sort(), ['capacite', 'nom', 'photos', 'tarifs']);
    assert.ok(parseSalle({ ...input, capacite: '12.5' }).errors.capacite);
    assert.ok(parseSalle({ ...input, capacite: '10001' }).errors.capacite);
  });

  it('calcule les mois voisins et les jours du mois, février bissextile compris', () => {
    assert.deepEqual(adjacentMonths('2027-01'), { prev: '2026-12', next: '2027-02' });
    assert.deepEqual(adjacentMonths('2026-12'), { prev: '2026-11', next: '2027-01' });
    assert.equal(daysOfMonth('2028-02').length, 29);
    assert.equal(daysOfMonth('2027-02').length, 28);
    assert.equal(daysOfMonth('2027-06').at(-1), '2027-06-30');
    assert.ok(isMonthShape('2027-06'));
    assert.ok(!isMonthShape('2027-13'));
    assert.ok(!isMonthShape('2027-6'));
  });

  it('donne l’état de chaque créneau du mois : passé, libre, demandé, réservé', () => {
    const grid = monthGrid('2027-06', '2027-06-10', [
      { date: '2027-06-19', creneau: 'soiree', confirme: false },
      { date: '2027-06-20', creneau: 'matin', confirme: true },
      { date: '2027-06-05', creneau: 'matin', confirme: true },
    ]);
    assert.equal(grid.length, 30);
    const at = (d: string, c: string) => grid.find((g) => g.date === d)?.slots.find((s) => s.creneau === c)?.state;
    assert.equal(at('2027-06-05', 'matin'), 'passe');
    assert.equal(at('2027-06-10', 'soiree'), 'passe');
    assert.equal(at('2027-06-19', 'soiree'), 'demande');
    assert.equal(at('2027-06-20', 'matin'), 'reserve');
    assert.equal(at('2027-06-20', 'soiree'), 'libre');
  });
});
