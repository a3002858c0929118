import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addJoursOuvres,
  applyTemplate,
  canTransition,
  decisionDue,
  dueState,
  easterSunday,
  formatReference,
  isJourOuvre,
  isReferenceShape,
  nextStatuses,
  publicHolidays,
  STATUSES,
} from './demarches.rules.js';

const iso = (d: Date) => d.toISOString().slice(0, 10);

describe('démarches : cycle de vie', () => {
  it('suit reçue → en cours d’instruction → en attente de compléments → acceptée / refusée / close', () => {
    assert.ok(canTransition('recue', 'instruction'));
    assert.ok(canTransition('instruction', 'complements'));
    assert.ok(canTransition('complements', 'instruction'));
    for (const end of ['acceptee', 'refusee', 'close'] as const) assert.ok(canTransition('instruction', end));
  });

  it('ne rouvre jamais une demande acceptée, refusée ou close', () => {
    for (const end of ['acceptee', 'refusee', 'close'] as const) {
      assert.deepEqual(nextStatuses(end), []);
      for (const s of STATUSES) assert.equal(canTransition(end, s), false);
    }
    assert.equal(canTransition('instruction', 'recue'), false);
  });
});

describe('démarches : références', () => {
  it('numérote YYYY-NNNNNN', () => {
    assert.equal(formatReference(2026, 123), '2026-000123');
    assert.ok(isReferenceShape('2026-000123'));
    assert.equal(isReferenceShape('2026-123'), false);
    assert.equal(isReferenceShape('../etc'), false);
  });
});

describe('démarches : jours ouvrés et jours fériés', () => {
  it('calcule Pâques', () => {
    assert.equal(iso(easterSunday(2024)), '2024-03-31');
    assert.equal(iso(easterSunday(2025)), '2025-04-20');
    assert.equal(iso(easterSunday(2026)), '2026-04-05');
    assert.equal(iso(easterSunday(2038)), '2038-04-25');
  });

  it('connaît les onze jours fériés, dont lundi de Pâques, Ascension et lundi de Pentecôte', () => {
    const h = publicHolidays(2026);
    assert.equal(h.size, 11);
    for (const d of [
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
    ]) {
      assert.ok(h.has(d), d);
    }
    assert.ok(h.has('2026-08-15') && h.has('2026-11-01') && h.has('2026-11-11') && h.has('2026-12-25'));
  });

  it('saute les week-ends et les jours fériés', () => {
    assert.equal(isJourOuvre(new Date('2026-11-11T00:00:00Z')), false);
    assert.equal(isJourOuvre(new Date('2026-11-28T00:00:00Z')), false);
    assert.equal(isJourOuvre(new Date('2026-11-30T00:00:00Z')), true);
    // Friday 24 Dec 2026 + 2 jours ouvrés: Mon 28 Dec (25 is a holiday, then the week-end)... 28 and 29.
    assert.equal(addJoursOuvres('2026-12-24', 1), '2026-12-28');
    assert.equal(addJoursOuvres('2026-12-24', 2), '2026-12-29');
    // Around Easter 2026: Friday 3 April + 1 = Tuesday 7 April (Easter Monday is off).
    assert.equal(addJoursOuvres('2026-04-03', 1), '2026-04-07');
  });

  it('donne la date de décision implicite, relancée à l’arrivée des pièces (CRPA L114-5)', () => {
    const s = { silence: 'acceptation' as const, delaiJours: 10 };
    assert.equal(decisionDue(s, '2026-11-02'), '2026-11-17');
    assert.equal(decisionDue(s, '2026-11-20'), '2026-12-04');
    assert.equal(decisionDue({ silence: 'aucune', delaiJours: 0 }, '2026-11-02'), null);
    assert.equal(decisionDue({ silence: 'acceptation', delaiJours: 0, delaiMois: 2 }, '2026-12-31'), '2027-02-28');
  });

  it('signale une échéance dépassée ou proche d’une demande encore ouverte', () => {
    assert.equal(dueState('instruction', '2026-11-20', '2026-11-23'), 'depasse');
    assert.equal(dueState('instruction', '2026-11-25', '2026-11-23'), 'proche');
    assert.equal(dueState('instruction', '2027-01-25', '2026-11-23'), null);
    assert.equal(dueState('acceptee', '2026-11-20', '2026-11-23'), null);
  });
});

describe('démarches : modèles de réponse', () => {
  it('remplit les variables et laisse les inconnues', () => {
    assert.equal(applyTemplate('Bonjour {prenom}, {x}', { prenom: 'Léa' }), 'Bonjour Léa, {x}');
  });
});
