import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  enrolmentStatus,
  graceDaysProblem,
  NO_REQUIREMENT,
  nextRequiredSince,
  retentionProblem,
  secondFactorDeadline,
} from './security-policy.rules.js';

const on = (since: string, graceDays: number) => ({ requireSecondFactor: true, graceDays, requiredSince: since });

describe('politique de double authentification', () => {
  it('ne demande rien quand aucune politique ne l’exige', () => {
    assert.equal(secondFactorDeadline([NO_REQUIREMENT, NO_REQUIREMENT], '2026-01-01T00:00:00.000Z'), null);
    assert.deepEqual(enrolmentStatus(null, false, new Date()), { kind: 'free' });
  });

  it('compte le délai depuis la mise en place, ou depuis la création d’un compte plus récent', () => {
    const d = secondFactorDeadline([on('2026-11-01T00:00:00.000Z', 10)], '2026-01-01T00:00:00.000Z');
    assert.equal(d?.toISOString(), '2026-11-11T00:00:00.000Z');
    const newcomer = secondFactorDeadline([on('2026-11-01T00:00:00.000Z', 10)], '2026-11-20T08:00:00.000Z');
    assert.equal(newcomer?.toISOString(), '2026-11-30T08:00:00.000Z');
  });

  it('retient l’échéance la plus proche entre la plateforme et la commune', () => {
    const d = secondFactorDeadline(
      [on('2026-11-01T00:00:00.000Z', 30), on('2026-11-05T00:00:00.000Z', 2), NO_REQUIREMENT],
      '2026-01-01T00:00:00.000Z',
    );
    assert.equal(d?.toISOString(), '2026-11-07T00:00:00.000Z');
  });

  it('laisse passer pendant le délai, bloque après, libère dès qu’un second facteur existe', () => {
    const deadline = new Date('2026-11-11T00:00:00.000Z');
    assert.equal(enrolmentStatus(deadline, false, new Date('2026-11-10T23:59:59.000Z')).kind, 'grace');
    assert.equal(enrolmentStatus(deadline, false, new Date('2026-11-11T00:00:00.000Z')).kind, 'blocked');
    assert.equal(enrolmentStatus(deadline, true, new Date('2026-12-01T00:00:00.000Z')).kind, 'free');
    assert.equal(
      enrolmentStatus(new Date('2026-11-01T00:00:00.000Z'), false, new Date('2026-11-01T00:00:00.000Z')).kind,
      'blocked',
    );
  });

  it('garde la date de mise en place tant que l’exigence reste active', () => {
    const now = new Date('2026-11-20T00:00:00.000Z');
    assert.equal(nextRequiredSince(NO_REQUIREMENT, true, now), now.toISOString());
    assert.equal(nextRequiredSince(on('2026-11-01T00:00:00.000Z', 5), true, now), '2026-11-01T00:00:00.000Z');
    assert.equal(nextRequiredSince(on('2026-11-01T00:00:00.000Z', 5), false, now), null);
  });

  it('borne le délai de grâce et la durée de conservation du journal', () => {
    assert.equal(graceDaysProblem(0), null);
    assert.equal(graceDaysProblem(90), null);
    assert.match(graceDaysProblem(91) ?? '', /entre 0 et 90/);
    assert.match(graceDaysProblem(1.5) ?? '', /entier/);
    assert.equal(retentionProblem(365), null);
    assert.match(retentionProblem(30) ?? '', /entre 180 et 1095/);
    assert.match(retentionProblem(2000) ?? '', /six mois à un an/);
  });
});
