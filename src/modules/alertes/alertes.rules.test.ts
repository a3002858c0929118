import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateToParisLocal } from '../../core/paris-time.js';
import { formatMoment, formatPeriod, formatUntil } from './alertes.format.js';
import {
  type AlertePeriod,
  chooseBannerAlerte,
  mayMailAgain,
  readParisDateTime,
  splitByTiming,
  timingOf,
  validatePeriod,
} from './alertes.rules.js';
import { parseAlerteForm } from './alertes.schemas.js';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * 3_600_000).toISOString();
const alerte = (id: number, severity: AlertePeriod['severity'], from: number, to: number): AlertePeriod => ({
  id,
  severity,
  startsAt: at(from),
  endsAt: at(to),
});

describe('alertes : période et alerte du bandeau', () => {
  it('tient une alerte pour en cours de son début inclus à sa fin exclue', () => {
    const a = alerte(1, 'information', 0, 2);
    assert.equal(timingOf(a, NOW), 'en_cours');
    assert.equal(timingOf(a, new Date(at(-0.001))), 'a_venir');
    assert.equal(timingOf(a, new Date(at(2))), 'passee');
    assert.equal(timingOf(a, new Date(at(1.999))), 'en_cours');
  });

  it('montre l’alerte en cours la plus grave, puis la plus récente', () => {
    const list = [
      alerte(1, 'vigilance', -5, 5),
      alerte(2, 'urgence', -3, 5),
      alerte(3, 'urgence', -1, 5),
      alerte(4, 'urgence', 1, 5), // à venir
      alerte(5, 'urgence', -9, -1), // passée
      alerte(6, 'information', -0.5, 5),
    ];
    assert.equal(chooseBannerAlerte(list, NOW)?.id, 3);
    assert.equal(chooseBannerAlerte(list.slice(0, 2), NOW)?.id, 2);
    assert.equal(chooseBannerAlerte([list[0] as AlertePeriod, list[5] as AlertePeriod], NOW)?.id, 1);
  });

  it('départage deux alertes de même gravité et même début par la plus récemment créée', () => {
    assert.equal(chooseBannerAlerte([alerte(7, 'vigilance', -1, 1), alerte(8, 'vigilance', -1, 1)], NOW)?.id, 8);
  });

  it('n’affiche aucun bandeau sans alerte en cours', () => {
    assert.equal(chooseBannerAlerte([alerte(1, 'urgence', 1, 2), alerte(2, 'urgence', -2, 0)], NOW), null);
    assert.equal(chooseBannerAlerte([], NOW), null);
  });

  it('range les alertes : en cours, à venir de la plus proche, passées de la plus récente', () => {
    const split = splitByTiming(
      [
        alerte(1, 'information', 5, 6),
        alerte(2, 'information', 2, 3),
        alerte(3, 'urgence', -2, 2),
        alerte(4, 'information', -9, -8),
        alerte(5, 'information', -5, -1),
      ],
      NOW,
      1,
    );
    assert.deepEqual(
      [split.current, split.upcoming, split.past].map((l) => l.map((a) => a.id)),
      [[3], [2, 1], [5]],
    );
  });
});

describe('alertes : dates saisies à l’heure de Paris', () => {
  it('lit l’heure de Paris en hiver (UTC+1) et en été (UTC+2)', () => {
    assert.equal(readParisDateTime('2026-12-12T14:30')?.toISOString(), '2026-12-12T13:30:00.000Z');
    assert.equal(readParisDateTime('2026-07-14T14:30')?.toISOString(), '2026-07-14T12:30:00.000Z');
    assert.equal(readParisDateTime('12/12/2026 14:30')?.toISOString(), '2026-12-12T13:30:00.000Z');
    assert.equal(readParisDateTime('1/7/2026 8h05')?.toISOString(), '2026-07-01T06:05:00.000Z');
  });

  it('refuse une heure qui n’existe pas au passage à l’heure d’été et une date impossible', () => {
    assert.equal(readParisDateTime('2026-03-29T02:30'), null);
    assert.equal(readParisDateTime('2026-02-30T10:00'), null);
    assert.equal(readParisDateTime('2026-12-12T25:00'), null);
    assert.equal(readParisDateTime('demain midi'), null);
  });

  it('prend la première des deux heures qui se répètent au passage à l’heure d’hiver', () => {
    assert.equal(readParisDateTime('2026-10-25T02:30')?.toISOString(), '2026-10-25T00:30:00.000Z');
  });

  it('remet dans le formulaire la date telle qu’un habitant de Paris la lit', () => {
    assert.equal(dateToParisLocal(new Date('2026-12-12T13:30:00.000Z')), '2026-12-12T14:30');
    assert.equal(dateToParisLocal(new Date('2026-07-14T22:30:00.000Z')), '2026-07-15T00:30');
  });

  it('exige un début et une fin valides, la fin après le début', () => {
    assert.deepEqual(validatePeriod('', ''), {
      ok: false,
      errors: { startsAt: 'Le début est obligatoire.', endsAt: 'La fin est obligatoire.' },
    });
    const same = validatePeriod('2026-12-12T14:30', '2026-12-12T14:30');
    assert.deepEqual(same, { ok: false, errors: { endsAt: 'La fin doit être après le début.' } });
    const before = validatePeriod('2026-12-12T14:30', '2026-12-11T14:30');
    assert.equal(before.ok, false);
    const bad = validatePeriod('2026-12-12T14:30', '2026-13-01T10:00');
    assert.ok(!bad.ok && bad.errors.endsAt?.includes('n’est pas une date et une heure valides'));
    const far = validatePeriod('1999-12-12T14:30', '2026-12-12T14:30');
    assert.ok(!far.ok && far.errors.startsAt?.includes('2000'));
    const ok = validatePeriod('2026-12-12T08:00', '2026-12-12T18:00');
    assert.ok(ok.ok);
    assert.equal(ok.endsAt.getTime() - ok.startsAt.getTime(), 10 * 3_600_000);
  });

  it('écrit la période en français, à l’heure de Paris', () => {
    assert.equal(
      formatPeriod('2026-12-12T07:00:00.000Z', '2026-12-12T17:00:00.000Z'),
      'le samedi 12 décembre 2026, de 08:00 à 18:00',
    );
    assert.equal(
      formatPeriod('2026-12-12T07:00:00.000Z', '2026-12-13T17:00:00.000Z'),
      'du samedi 12 décembre 2026 à 08:00 au dimanche 13 décembre 2026 à 18:00',
    );
    const morning = new Date('2026-12-12T08:00:00.000Z');
    assert.equal(formatUntil('2026-12-12T17:00:00.000Z', morning), 'jusqu’à 18:00');
    assert.equal(formatUntil('2026-12-13T17:00:00.000Z', morning), 'jusqu’au dimanche 13 décembre à 18:00');
  });

  it('écrit chaque instant comme les formateurs Intl, passages à l’heure d’été et d’hiver compris', () => {
    const tz = { timeZone: 'Europe/Paris' } as const;
    const day = new Intl.DateTimeFormat('fr-FR', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...tz,
    });
    const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', ...tz });
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let t = start; t < start + 366 * 86_400_000; t += 53 * 60_000) {
      const at = new Date(t);
      const text = `${day.format(at).replace(/^(\S+) 1 /, '$1 1er ')} à ${time.format(at)}`;
      assert.equal(formatMoment(at.toISOString()), text);
    }
  });
});

describe('alertes : formulaire', () => {
  const valid = {
    kind: 'coupure_eau',
    severity: 'urgence',
    title: '  Coupure d’eau  ',
    body: 'Ligne 1\r\nLigne 2',
    startsAt: '2026-12-12T08:00',
    endsAt: '2026-12-12T18:00',
  };

  it('donne toutes les erreurs à la fois, période comprise', () => {
    const r = parseAlerteForm({ ...valid, kind: 'inondation', title: '', endsAt: '2026-12-12T07:00' });
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.deepEqual(Object.keys(r.errors), ['kind', 'title', 'endsAt']);
    assert.equal(r.values.title, '');
    assert.equal(r.values.endsAt, '2026-12-12T07:00');
  });

  it('garde le texte brut en normalisant les fins de ligne', () => {
    const r = parseAlerteForm(valid);
    assert.ok(r.ok);
    assert.equal(r.data.title, 'Coupure d’eau');
    assert.equal(r.data.body, 'Ligne 1\nLigne 2');
    assert.equal(r.data.startsAt.toISOString(), '2026-12-12T07:00:00.000Z');
  });

  it('limite la longueur du titre et du texte', () => {
    const r = parseAlerteForm({ ...valid, title: 'x'.repeat(151), body: 'y'.repeat(1001) });
    assert.ok(!r.ok);
    assert.match(r.errors.title ?? '', /150 caractères/);
    assert.match(r.errors.body ?? '', /1000 caractères/);
  });
});

describe('alertes : abonnement', () => {
  it('n’envoie pas deux courriels de confirmation à la même adresse en moins de 5 minutes', () => {
    assert.equal(mayMailAgain(at(0), new Date(at(4 / 60))), false);
    assert.equal(mayMailAgain(at(0), new Date(at(5 / 60))), true);
  });
});
