import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backupFreshness,
  backupName,
  backupsToDelete,
  isBackupName,
  isoWeekKey,
  parseBackupName,
  STALE_AFTER_MS,
} from './backup.rules.js';

/** One backup a day at 03:15 UTC for `days` days ending on `last` (YYYY-MM-DD). */
function daily(last: string, days: number): string[] {
  const end = Date.parse(`${last}T03:15:00.000Z`);
  return Array.from({ length: days }, (_, i) => backupName(new Date(end - i * 86_400_000)));
}

describe('backup names', () => {
  it('nomme une sauvegarde par son instant UTC, sans deux-points', () => {
    assert.equal(backupName(new Date('2026-11-28T03:15:09.456Z')), 'clocher-2026-11-28T03-15-09Z');
    assert.equal(backupName(new Date('2026-11-28T03:15:09.456Z'), 2), 'clocher-2026-11-28T03-15-09Z-2');
  });

  it('relit l’instant d’un nom, y compris avec un rang', () => {
    assert.equal(parseBackupName('clocher-2026-11-28T03-15-09Z')?.toISOString(), '2026-11-28T03:15:09.000Z');
    assert.equal(parseBackupName('clocher-2026-11-28T03-15-09Z-3')?.toISOString(), '2026-11-28T03:15:09.000Z');
  });

  it('refuse ce qui n’est pas un nom de sauvegarde', () => {
    for (const bad of [
      '',
      'clocher-2026-02-30T03-15-09Z',
      'clocher-2026-11-28T25-15-09Z',
      '../clocher-2026-11-28T03-15-09Z',
      'clocher-2026-11-28T03-15-09Z/../../etc',
      'clocher-2026-11-28T03:15:09Z',
      'autre-2026-11-28T03-15-09Z',
    ]) {
      assert.equal(isBackupName(bad), false, bad);
    }
  });
});

describe('isoWeekKey', () => {
  it('suit la semaine ISO, lundi en tête, y compris à cheval sur deux années', () => {
    assert.equal(isoWeekKey(new Date('2026-11-30T00:00:00Z')), '2026-W49'); // a Monday
    assert.equal(isoWeekKey(new Date('2026-11-29T23:59:59Z')), '2026-W48'); // the Sunday before
    assert.equal(isoWeekKey(new Date('2027-01-01T12:00:00Z')), '2026-W53'); // Friday: week of 2026
    assert.equal(isoWeekKey(new Date('2025-12-29T12:00:00Z')), '2026-W01'); // Monday: week 1 of 2026
  });
});

describe('backupsToDelete (7 daily, 4 weekly, 12 monthly)', () => {
  it('ne supprime rien tant qu’il y a moins de 7 sauvegardes', () => {
    assert.deepEqual(backupsToDelete(daily('2026-11-28', 7)), []);
  });

  it('garde 7 quotidiennes, la dernière de 4 semaines et de 12 mois sur deux ans de sauvegardes', () => {
    const names = daily('2026-11-28', 730);
    const deleted = new Set(backupsToDelete(names));
    const kept = names.filter((n) => !deleted.has(n));
    // 7 days (Nov 22–28), weeks W48 (Sun 22 Nov is in W47)…, months: the newest of each of 12 months.
    assert.deepEqual(kept, [
      'clocher-2026-11-28T03-15-00Z',
      'clocher-2026-11-27T03-15-00Z',
      'clocher-2026-11-26T03-15-00Z',
      'clocher-2026-11-25T03-15-00Z',
      'clocher-2026-11-24T03-15-00Z',
      'clocher-2026-11-23T03-15-00Z',
      'clocher-2026-11-22T03-15-00Z',
      'clocher-2026-11-15T03-15-00Z',
      'clocher-2026-11-08T03-15-00Z',
      'clocher-2026-10-31T03-15-00Z',
      'clocher-2026-09-30T03-15-00Z',
      'clocher-2026-08-31T03-15-00Z',
      'clocher-2026-07-31T03-15-00Z',
      'clocher-2026-06-30T03-15-00Z',
      'clocher-2026-05-31T03-15-00Z',
      'clocher-2026-04-30T03-15-00Z',
      'clocher-2026-03-31T03-15-00Z',
      'clocher-2026-02-28T03-15-00Z',
      'clocher-2026-01-31T03-15-00Z',
      'clocher-2025-12-31T03-15-00Z',
    ]);
    assert.equal(deleted.size, 730 - 20);
  });

  it('garde la plus récente de chaque jour quand il y en a plusieurs', () => {
    const names = [
      'clocher-2026-11-28T03-15-00Z',
      'clocher-2026-11-28T10-00-00Z',
      'clocher-2026-11-28T10-00-00Z-2',
      'clocher-2026-11-27T03-15-00Z',
    ];
    assert.deepEqual(backupsToDelete(names), ['clocher-2026-11-28T03-15-00Z', 'clocher-2026-11-28T10-00-00Z']);
  });

  it('compte les jours qui ont une sauvegarde, pas le calendrier : une panne ne vide pas la rotation', () => {
    const before = daily('2026-11-01', 10);
    const names = ['clocher-2026-11-28T03-15-00Z', ...before];
    const deleted = backupsToDelete(names);
    // 7 days with a backup: Nov 28 and Nov 1–Oct 27; Oct 26–23 are past the daily ones but
    // Oct 25 is the newest of ISO week 43, Oct 23 is not kept.
    assert.ok(!deleted.includes('clocher-2026-10-27T03-15-00Z'));
    assert.ok(deleted.includes('clocher-2026-10-26T03-15-00Z'));
    assert.ok(!deleted.includes('clocher-2026-10-25T03-15-00Z'));
    assert.ok(deleted.includes('clocher-2026-10-23T03-15-00Z'));
  });

  it('ne touche jamais un nom qui n’est pas une sauvegarde', () => {
    const names = [...daily('2026-11-28', 40), 'notes.txt', 'clocher-2026-13-01T00-00-00Z'];
    const deleted = backupsToDelete(names);
    assert.ok(!deleted.includes('notes.txt'));
    assert.ok(!deleted.includes('clocher-2026-13-01T00-00-00Z'));
  });

  it('respecte une politique réduite et garde toujours la plus récente', () => {
    assert.deepEqual(backupsToDelete(daily('2026-11-28', 3), { daily: 0, weekly: 0, monthly: 0 }), [
      'clocher-2026-11-26T03-15-00Z',
      'clocher-2026-11-27T03-15-00Z',
    ]);
  });
});

describe('backupFreshness', () => {
  const now = new Date('2026-11-28T12:00:00.000Z');
  it('est en retard sans aucune sauvegarde', () => {
    assert.deepEqual(backupFreshness(null, now), { stale: true, hoursSince: null });
  });
  it('n’alerte pas jusqu’à 48 heures pile, alerte au-delà', () => {
    const at = (ms: number) => new Date(now.getTime() - ms).toISOString();
    assert.deepEqual(backupFreshness(at(STALE_AFTER_MS), now), { stale: false, hoursSince: 48 });
    assert.deepEqual(backupFreshness(at(STALE_AFTER_MS + 1), now), { stale: true, hoursSince: 48 });
    assert.deepEqual(backupFreshness(at(9 * 3600_000), now), { stale: false, hoursSince: 9 });
  });
});
