import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  afterFailure,
  CLAIM_MS,
  claimUntil,
  MAX_ATTEMPTS,
  nextRunAt,
  parseSchedule,
  retryDelayMs,
  zonedTimeToUtc,
} from './jobs.rules.js';

const at = (iso: string): Date => new Date(iso);
const iso = (d: Date): string => d.toISOString();

describe('jobs.rules : nouvelles tentatives', () => {
  it('espace les tentatives : 30 s, 1 min, 2 min, 4 min…', () => {
    assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000]);
  });

  it('plafonne le délai à une heure', () => {
    assert.equal(retryDelayMs(30), 3600_000);
  });

  it('reprogramme une tâche en échec tant qu’il reste des tentatives', () => {
    const now = at('2026-12-01T10:00:00.000Z');
    assert.deepEqual(afterFailure(1, now), { status: 'pending', runAt: at('2026-12-01T10:00:30.000Z') });
  });

  it('abandonne la tâche à la dernière tentative', () => {
    const now = at('2026-12-01T10:00:00.000Z');
    assert.equal(afterFailure(MAX_ATTEMPTS, now).status, 'failed');
    assert.equal(afterFailure(3, now, 3).status, 'failed');
  });

  it('réserve une tâche pour la durée de la prise en charge', () => {
    const now = at('2026-12-01T10:00:00.000Z');
    assert.equal(claimUntil(now).getTime() - now.getTime(), CLAIM_MS);
    assert.equal(iso(claimUntil(now, 1000)), '2026-12-01T10:00:01.000Z');
  });
});

describe('jobs.rules : lecture des calendriers', () => {
  it('lit « every N minutes » et « daily at HH:MM »', () => {
    assert.deepEqual(parseSchedule('every 15 minutes'), { kind: 'every', minutes: 15 });
    assert.deepEqual(parseSchedule('every minute'), { kind: 'every', minutes: 1 });
    assert.deepEqual(parseSchedule(' Daily at 03:30 '), { kind: 'daily', hour: 3, minute: 30 });
  });

  it('refuse un calendrier mal écrit', () => {
    for (const bad of ['every 0 minutes', 'daily at 24:00', 'daily at 3:30', 'hourly', 'every 2 hours', '']) {
      assert.throws(() => parseSchedule(bad), /Invalid schedule/, bad);
    }
  });
});

describe('jobs.rules : prochain créneau', () => {
  it('aligne « every 15 minutes » sur l’horloge', () => {
    const s = parseSchedule('every 15 minutes');
    assert.equal(iso(nextRunAt(s, at('2026-12-01T10:07:12.345Z'))), '2026-12-01T10:15:00.000Z');
  });

  it('donne le créneau suivant, jamais le créneau en cours', () => {
    const s = parseSchedule('every 15 minutes');
    assert.equal(iso(nextRunAt(s, at('2026-12-01T10:15:00.000Z'))), '2026-12-01T10:30:00.000Z');
  });

  it('place « daily at 03:00 » à 02:00 UTC en hiver (heure de Paris)', () => {
    const s = parseSchedule('daily at 03:00');
    assert.equal(iso(nextRunAt(s, at('2026-12-01T10:00:00.000Z'))), '2026-12-02T02:00:00.000Z');
    assert.equal(iso(nextRunAt(s, at('2026-12-01T01:59:59.999Z'))), '2026-12-01T02:00:00.000Z');
  });

  it('place « daily at 03:00 » à 01:00 UTC en été', () => {
    const s = parseSchedule('daily at 03:00');
    assert.equal(iso(nextRunAt(s, at('2026-07-14T12:00:00.000Z'))), '2026-07-15T01:00:00.000Z');
  });

  it('passe minuit à Paris avant minuit UTC', () => {
    const s = parseSchedule('daily at 00:30');
    // 23:10 UTC on 1 December is already 00:10 on 2 December in Paris.
    assert.equal(iso(nextRunAt(s, at('2026-12-01T23:10:00.000Z'))), '2026-12-01T23:30:00.000Z');
  });

  it('suit le passage à l’heure d’été (29 mars 2026)', () => {
    const s = parseSchedule('daily at 03:00');
    assert.equal(iso(nextRunAt(s, at('2026-03-28T12:00:00.000Z'))), '2026-03-29T01:00:00.000Z');
    assert.equal(iso(nextRunAt(s, at('2026-03-27T12:00:00.000Z'))), '2026-03-28T02:00:00.000Z');
  });

  it('décale une heure qui n’existe pas le jour du passage à l’heure d’été', () => {
    // 02:30 does not exist in Paris on 29 March 2026: the slot moves to 03:30 (01:30 UTC).
    assert.equal(zonedTimeToUtc(2026, 3, 29, 2, 30), Date.parse('2026-03-29T01:30:00.000Z'));
  });

  it('ne lance qu’une fois par jour une heure vue deux fois au passage à l’heure d’hiver', () => {
    const s = parseSchedule('daily at 02:30');
    const first = nextRunAt(s, at('2026-10-24T12:00:00.000Z'));
    const second = nextRunAt(s, first);
    assert.equal(iso(first), '2026-10-25T01:30:00.000Z');
    assert.equal(iso(second), '2026-10-26T01:30:00.000Z');
  });

  it('suit le passage à l’heure d’hiver (25 octobre 2026)', () => {
    const s = parseSchedule('daily at 03:00');
    assert.equal(iso(nextRunAt(s, at('2026-10-24T12:00:00.000Z'))), '2026-10-25T02:00:00.000Z');
  });

  it('enchaîne les jours en fin de mois et d’année', () => {
    const s = parseSchedule('daily at 06:00');
    assert.equal(iso(nextRunAt(s, at('2026-12-31T08:00:00.000Z'))), '2027-01-01T05:00:00.000Z');
  });
});
