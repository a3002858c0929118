import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  dateToParisLocal,
  isIsoDate,
  isIsoTime,
  parisLocalToDate,
  parisToUtc,
  toParisLocal,
} from './paris-time.js';

describe('heure de Paris', () => {
  it('convertit une heure d’hiver et une heure d’été en UTC', () => {
    assert.equal(parisToUtc('2026-12-12', '14:30')?.toISOString(), '2026-12-12T13:30:00.000Z');
    assert.equal(parisToUtc('2027-07-14', '22:00')?.toISOString(), '2027-07-14T20:00:00.000Z');
  });

  it('passe minuit du bon côté', () => {
    assert.equal(parisToUtc('2027-01-01', '00:30')?.toISOString(), '2026-12-31T23:30:00.000Z');
    assert.deepEqual(toParisLocal(new Date('2026-12-31T23:30:00Z')), { date: '2027-01-01', time: '00:30' });
  });

  it('suit le passage à l’heure d’été (29 mars 2026)', () => {
    assert.equal(parisToUtc('2026-03-29', '01:59')?.toISOString(), '2026-03-29T00:59:00.000Z');
    // 02:30 n'existe pas ce jour-là : les horloges passent de 2 h à 3 h.
    assert.equal(parisToUtc('2026-03-29', '02:30'), null);
    assert.equal(parisToUtc('2026-03-29', '03:00')?.toISOString(), '2026-03-29T01:00:00.000Z');
  });

  it('suit le passage à l’heure d’hiver (25 octobre 2026) en prenant la première 2 h 30', () => {
    assert.equal(parisToUtc('2026-10-25', '02:30')?.toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(parisToUtc('2026-10-25', '03:30')?.toISOString(), '2026-10-25T02:30:00.000Z');
    assert.deepEqual(toParisLocal(new Date('2026-10-25T01:30:00Z')), { date: '2026-10-25', time: '02:30' });
  });

  it('donne la même heure que le formateur Intl, minute après minute, sur deux ans et quatre changements d’heure', () => {
    const intl = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let t = start; t < start + 2 * 366 * 86_400_000; t += 7 * 60_000 + 13_000) {
      const p = Object.fromEntries(intl.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
      assert.deepEqual(toParisLocal(new Date(t)), {
        date: `${p.year}-${p.month}-${p.day}`,
        time: `${p.hour}:${p.minute}`,
      });
    }
    assert.throws(() => toParisLocal(new Date('nope')), RangeError);
  });

  it('refuse une date ou une heure mal formée', () => {
    for (const [d, t] of [
      ['2026-02-30', '10:00'],
      ['2026-13-01', '10:00'],
      ['12/12/2026', '10:00'],
      ['2026-12-12', '24:00'],
      ['2026-12-12', '9:00'],
      ['2026-12-12', ''],
      ['', '10:00'],
    ] as const) {
      assert.equal(parisToUtc(d, t), null, `${d} ${t}`);
    }
    assert.equal(isIsoDate('2028-02-29'), true);
    assert.equal(isIsoDate('2027-02-29'), false);
    assert.equal(isIsoTime('23:59'), true);
  });

  it('ajoute des jours au calendrier', () => {
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });
});

describe('champ date et heure (datetime-local) à l’heure de Paris', () => {
  it('lit la valeur d’un champ datetime-local', () => {
    assert.equal(parisLocalToDate('2026-12-12T14:30')?.toISOString(), '2026-12-12T13:30:00.000Z');
    assert.equal(parisLocalToDate('2027-07-14T22:00:00')?.toISOString(), '2027-07-14T20:00:00.000Z');
    assert.equal(parisLocalToDate('2026-12-12 14:30')?.toISOString(), '2026-12-12T13:30:00.000Z');
    for (const bad of ['', '2026-12-12', '12/12/2026 14:30', '2026-03-29T02:30', '2026-12-12T25:00']) {
      assert.equal(parisLocalToDate(bad), null, bad);
    }
  });

  it('écrit un instant comme la valeur d’un champ datetime-local', () => {
    assert.equal(dateToParisLocal(new Date('2026-12-12T13:30:00Z')), '2026-12-12T14:30');
    assert.equal(dateToParisLocal(new Date('2027-07-14T20:00:00Z')), '2027-07-14T22:00');
  });
});
