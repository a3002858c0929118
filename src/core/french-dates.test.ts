import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frenchDayFormat, frenchHour, memoByParisDay } from './french-dates.js';

describe('dates en français', () => {
  it('retient le texte d’un jour de Paris sans jamais en donner un autre que le formateur', () => {
    const intl = new Intl.DateTimeFormat('fr-FR', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Paris',
    });
    let calls = 0;
    // A small memory, so that it is emptied and filled again along the way.
    const day = memoByParisDay((at) => {
      calls += 1;
      return intl.format(at);
    }, 50);
    const start = Date.parse('2026-01-01T00:00:00Z');
    let instants = 0;
    // Every 37 minutes for two years: each side of every midnight and of four changes of time.
    for (let t = start; t < start + 2 * 366 * 86_400_000; t += 37 * 60_000) {
      const at = new Date(t);
      assert.equal(day(instants % 2 ? at : at.toISOString()), intl.format(at), at.toISOString());
      instants += 1;
    }
    assert.ok(calls < instants / 30, `${calls} formats for ${instants} instants`);
    assert.equal(day('2026-12-31T23:30:00Z'), 'vendredi 1 janvier 2027');
    assert.throws(() => day('nope'), RangeError);
  });

  it('écrit un jour en français, « 1er » pour le premier du mois', () => {
    const long = frenchDayFormat({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    assert.equal(long('2026-12-01T09:00:00Z'), 'mardi 1er décembre 2026');
    assert.equal(long('2026-12-11T09:00:00Z'), 'vendredi 11 décembre 2026');
    assert.equal(long('2026-12-21T09:00:00Z'), 'lundi 21 décembre 2026');
    assert.equal(long(new Date('2026-12-31T23:30:00Z')), 'vendredi 1er janvier 2027');
    const short = frenchDayFormat({ dateStyle: 'long' });
    assert.equal(short('2027-02-01T12:00:00Z'), '1er février 2027');
    assert.equal(short('2027-02-21T12:00:00Z'), '21 février 2027');
    assert.equal(short('2031-03-01T12:00:00Z'), '1er mars 2031');
  });

  it('écrit les heures à la française', () => {
    assert.equal(frenchHour('08:30'), '8 h 30');
    assert.equal(frenchHour('14:00'), '14 h');
    assert.equal(frenchHour('20:00'), '20 h');
  });
});
