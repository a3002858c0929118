import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addWeeks,
  currentIsoWeek,
  formatDayLabel,
  formatIsoWeek,
  formatWeekRange,
  isoWeekOf,
  mondayOf,
  parseIsoWeek,
  weekDates,
  weeksInYear,
} from './semaine.rules.js';

describe('semaines ISO', () => {
  it('lit une semaine écrite 2026-W48 et en donne le lundi', () => {
    const w = parseIsoWeek('2026-W48');
    assert.deepEqual(w, { year: 2026, week: 48 });
    assert.equal(mondayOf({ year: 2026, week: 48 }), '2026-11-23');
    assert.equal(formatIsoWeek({ year: 2026, week: 5 }), '2026-W05');
  });

  it('refuse une semaine mal écrite ou impossible', () => {
    for (const bad of [
      '2026-48',
      '2026-W4',
      '2026-W00',
      '2026-W54',
      '2026-w48',
      ' 2026-W48',
      '2026-W48x',
      '0999-W01',
      '',
    ]) {
      assert.equal(parseIsoWeek(bad), null, bad);
    }
  });

  it('connaît les années de 53 semaines', () => {
    // 2026 begins on a Thursday: 53 weeks; 2020 is a leap year beginning on a Wednesday: 53 weeks.
    assert.equal(weeksInYear(2026), 53);
    assert.equal(weeksInYear(2020), 53);
    assert.equal(weeksInYear(2025), 52);
    assert.equal(weeksInYear(2027), 52);
    assert.deepEqual(parseIsoWeek('2026-W53'), { year: 2026, week: 53 });
    assert.equal(parseIsoWeek('2025-W53'), null);
    assert.equal(mondayOf({ year: 2026, week: 53 }), '2026-12-28');
  });

  it('rattache les jours de fin et de début d’année à la bonne semaine', () => {
    assert.deepEqual(isoWeekOf('2027-01-01'), { year: 2026, week: 53 });
    assert.deepEqual(isoWeekOf('2027-01-04'), { year: 2027, week: 1 });
    assert.deepEqual(isoWeekOf('2024-12-30'), { year: 2025, week: 1 });
    assert.deepEqual(isoWeekOf('2021-01-03'), { year: 2020, week: 53 });
    assert.equal(mondayOf({ year: 2025, week: 1 }), '2024-12-30');
  });

  it('passe d’une semaine à l’autre par-dessus le changement d’année', () => {
    assert.deepEqual(addWeeks({ year: 2026, week: 53 }, 1), { year: 2027, week: 1 });
    assert.deepEqual(addWeeks({ year: 2027, week: 1 }, -1), { year: 2026, week: 53 });
    assert.deepEqual(addWeeks({ year: 2025, week: 52 }, 1), { year: 2026, week: 1 });
    assert.deepEqual(weekDates({ year: 2026, week: 53 }), [
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it('prend la semaine en cours à l’heure de Paris', () => {
    // Sunday 23:30 UTC is already Monday in Paris.
    assert.deepEqual(currentIsoWeek(new Date('2026-11-29T23:30:00Z')), { year: 2026, week: 49 });
    assert.deepEqual(currentIsoWeek(new Date('2026-11-29T22:30:00Z')), { year: 2026, week: 48 });
  });

  it('écrit les jours et les semaines en français', () => {
    assert.equal(formatDayLabel('2026-12-01'), 'mardi 1er décembre');
    assert.equal(formatDayLabel('2026-11-23', true), 'lundi 23 novembre 2026');
    assert.equal(formatWeekRange({ year: 2026, week: 48 }), 'du 23 au 27 novembre 2026');
    assert.equal(formatWeekRange({ year: 2026, week: 49 }), 'du 30 novembre au 4 décembre 2026');
    assert.equal(formatWeekRange({ year: 2026, week: 53 }), 'du 28 décembre 2026 au 1er janvier 2027');
  });
});
