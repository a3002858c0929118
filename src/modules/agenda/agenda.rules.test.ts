import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventWhen, groupByMonth, intervalFromForm, intervalToForm, monthLabel } from './agenda.rules.js';

const form = (f: Partial<Parameters<typeof intervalFromForm>[0]>) =>
  intervalFromForm({ allDay: false, startDate: '', startTime: '', endDate: '', endTime: '', ...f });

describe('regroupement des événements par mois', () => {
  it('regroupe par mois de début, à l’heure de Paris, en français', () => {
    const groups = groupByMonth([
      { id: 1, startsAt: '2026-12-12T13:00:00.000Z' },
      { id: 2, startsAt: '2026-12-31T23:30:00.000Z' }, // 1er janvier 2027 à 0 h 30 à Paris
      { id: 3, startsAt: '2027-01-10T09:00:00.000Z' },
      { id: 4, startsAt: '2027-03-07T10:00:00.000Z' },
    ]);
    assert.deepEqual(
      groups.map((g) => [g.key, g.label, g.events.map((e) => e.id)]),
      [
        ['2026-12', 'décembre 2026', [1]],
        ['2027-01', 'janvier 2027', [2, 3]],
        ['2027-03', 'mars 2027', [4]],
      ],
    );
    assert.deepEqual(groupByMonth([]), []);
  });

  it('écrit le mois en français', () => {
    assert.equal(monthLabel('2027-01-15T12:00:00.000Z'), 'janvier 2027');
    assert.equal(monthLabel('2027-08-15T12:00:00.000Z'), 'août 2027');
  });
});

describe('date d’un événement en toutes lettres', () => {
  it('écrit un événement sur une soirée', () => {
    const iv = form({ startDate: '2026-12-12', startTime: '14:00', endTime: '18:30' });
    assert.ok(iv.ok);
    assert.equal(
      eventWhen({ startsAt: iv.startsAt.toISOString(), endsAt: iv.endsAt.toISOString(), allDay: false }),
      'samedi 12 décembre 2026, de 14 h à 18 h 30',
    );
  });

  it('écrit le premier du mois « 1er »', () => {
    const iv = form({ startDate: '2026-12-01', startTime: '20:00', endTime: '20:00' });
    assert.ok(iv.ok);
    assert.equal(
      eventWhen({ startsAt: iv.startsAt.toISOString(), endsAt: iv.endsAt.toISOString(), allDay: false }),
      'mardi 1er décembre 2026 à 20 h',
    );
  });

  it('écrit un événement de toute la journée et un week-end entier', () => {
    const one = form({ allDay: true, startDate: '2027-01-09' });
    const two = form({ allDay: true, startDate: '2026-12-12', endDate: '2026-12-13' });
    assert.ok(one.ok && two.ok);
    assert.equal(
      eventWhen({ startsAt: one.startsAt.toISOString(), endsAt: one.endsAt.toISOString(), allDay: true }),
      'samedi 9 janvier 2027, toute la journée',
    );
    assert.equal(
      eventWhen({ startsAt: two.startsAt.toISOString(), endsAt: two.endsAt.toISOString(), allDay: true }),
      'du samedi 12 décembre 2026 au dimanche 13 décembre 2026',
    );
  });
});

describe('dates et heures saisies à l’heure de Paris', () => {
  it('stocke en UTC une heure d’hiver et une heure d’été', () => {
    const winter = form({ startDate: '2026-12-12', startTime: '14:00', endTime: '18:00' });
    const summer = form({ startDate: '2027-07-14', startTime: '22:00', endTime: '23:30' });
    assert.ok(winter.ok && summer.ok);
    assert.equal(winter.startsAt.toISOString(), '2026-12-12T13:00:00.000Z');
    assert.equal(summer.startsAt.toISOString(), '2027-07-14T20:00:00.000Z');
  });

  it('compte la bonne durée pendant la nuit du changement d’heure', () => {
    // Nuit du 24 au 25 octobre 2026 : de 22 h à 4 h, il s'écoule 7 heures (une heure est vécue deux fois).
    const autumn = form({ startDate: '2026-10-24', startTime: '22:00', endDate: '2026-10-25', endTime: '04:00' });
    assert.ok(autumn.ok);
    assert.equal(autumn.endsAt.getTime() - autumn.startsAt.getTime(), 7 * 3_600_000);
    // Nuit du 27 au 28 mars 2027 : de 22 h à 4 h, il s'écoule 5 heures.
    const spring = form({ startDate: '2027-03-27', startTime: '22:00', endDate: '2027-03-28', endTime: '04:00' });
    assert.ok(spring.ok);
    assert.equal(spring.endsAt.getTime() - spring.startsAt.getTime(), 5 * 3_600_000);
  });

  it('fait durer une journée entière de minuit à minuit, heure de Paris', () => {
    const day = form({ allDay: true, startDate: '2027-03-28' }); // jour du passage à l'heure d'été
    assert.ok(day.ok);
    assert.equal(day.startsAt.toISOString(), '2027-03-27T23:00:00.000Z');
    assert.equal(day.endsAt.toISOString(), '2027-03-28T22:00:00.000Z');
  });

  it('refuse les saisies incomplètes ou incohérentes avec un message par champ', () => {
    assert.deepEqual(form({}), {
      ok: false,
      errors: {
        startDate: 'La date de début est obligatoire.',
        startTime: 'L’heure de début est obligatoire (ou cochez « toute la journée »).',
        endTime: 'L’heure de fin est obligatoire (ou cochez « toute la journée »).',
      },
    });
    const before = form({ startDate: '2026-12-12', startTime: '18:00', endTime: '14:00' });
    assert.equal(before.ok, false);
    assert.ok(!before.ok && before.errors.endDate);
    const gap = form({ startDate: '2027-03-28', startTime: '02:30', endTime: '05:00' });
    assert.ok(!gap.ok && /heure d’été/.test(gap.errors.startTime ?? ''));
    const bad = form({ startDate: '2026-02-30', startTime: '25:00', endDate: 'demain', endTime: '18:00' });
    assert.ok(!bad.ok && bad.errors.startDate && bad.errors.startTime && bad.errors.endDate);
  });

  it('remplit le formulaire à partir d’un événement enregistré', () => {
    const iv = form({ allDay: true, startDate: '2026-12-12', endDate: '2026-12-13' });
    assert.ok(iv.ok);
    assert.deepEqual(
      intervalToForm({ startsAt: iv.startsAt.toISOString(), endsAt: iv.endsAt.toISOString(), allDay: true }),
      {
        allDay: true,
        startDate: '2026-12-12',
        startTime: '',
        endDate: '2026-12-13',
        endTime: '',
      },
    );
    assert.deepEqual(
      intervalToForm({ startsAt: '2027-07-14T20:00:00.000Z', endsAt: '2027-07-14T21:30:00.000Z', allDay: false }),
      { allDay: false, startDate: '2027-07-14', startTime: '22:00', endDate: '2027-07-14', endTime: '23:30' },
    );
  });
});
