import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applySecrecy,
  campaignStats,
  evolution,
  type GroupKey,
  type GroupStats,
  median,
  part,
  questionStats,
  SECRET_MIN,
  trancheOf,
  wilson,
} from './barometre.stats.js';
import { REFERENCE_EDITION } from './questionnaire.data.js';
import type { Question } from './questionnaire.types.js';

const close = (actual: number, expected: number, eps = 1e-6) =>
  assert.ok(Math.abs(actual - expected) < eps, `${actual} ≠ ${expected}`);

const ouiNon: Question = {
  code: 'q',
  type: 'choix',
  label: 'Q',
  options: [
    { code: 'oui', label: 'Oui' },
    { code: 'non', label: 'Non' },
  ],
};

describe('statistiques du baromètre', () => {
  it('calcule l’intervalle de Wilson à 95 % comme à la main', () => {
    // 36/100: p = 0.36, z² / n = 0.038415, centre = 0.365180, demi-largeur = 0.092467.
    const i = wilson(36, 100);
    close(i.low, 0.272712);
    close(i.high, 0.457646);
    close(wilson(0, 10).low, 0);
    close(wilson(0, 10).high, 0.277533);
    close(wilson(10, 10).low, 0.722467);
    close(wilson(10, 10).high, 1);
    close(wilson(1, 5).low, 0.036224);
    close(wilson(1, 5).high, 0.624465);
    assert.deepEqual(wilson(0, 0), { low: 0, high: 1 });
    const p = part(76, 100);
    close(p.part, 0.76);
    close(p.low, 0.667677);
    close(p.high, 0.833087);
  });

  it('range chaque commune dans sa tranche de population', () => {
    assert.equal(trancheOf(0), 'moins_500');
    assert.equal(trancheOf(499), 'moins_500');
    assert.equal(trancheOf(500), '500_1999');
    assert.equal(trancheOf(1999), '500_1999');
    assert.equal(trancheOf(2000), '2000_3499');
    assert.equal(trancheOf(2043), '2000_3499');
    assert.equal(trancheOf(3499), '2000_3499');
    assert.equal(trancheOf(3500), '3500_9999');
    assert.equal(trancheOf(9999), '3500_9999');
    assert.equal(trancheOf(10000), null);
    assert.equal(trancheOf(-1), null);
  });

  it('calcule moyenne et médiane', () => {
    assert.equal(median([1, 2, 3]), 2);
    assert.equal(median([1, 2, 3, 10]), 2.5);
    const s = questionStats({ code: 'n', type: 'nombre', label: 'N' }, [
      ...[1, 2, 3, 4, 10].map((v) => ({ tranche: 'moins_500' as const, valeurs: { n: v } })),
    ]);
    assert.equal(s.groups.ensemble.moyenne, 4);
    assert.equal(s.groups.ensemble.mediane, 3);
  });

  it('ne montre jamais un groupe de moins de 5 communes (secret statistique)', () => {
    const respondents = [
      ...Array.from({ length: 20 }, (_, i) => ({
        tranche: 'moins_500' as const,
        valeurs: { q: i % 2 ? 'oui' : 'non' },
      })),
      ...Array.from({ length: 12 }, () => ({ tranche: '500_1999' as const, valeurs: { q: 'oui' } })),
      ...Array.from({ length: 8 }, () => ({ tranche: '2000_3499' as const, valeurs: { q: 'non' } })),
      ...Array.from({ length: 3 }, () => ({ tranche: '3500_9999' as const, valeurs: { q: 'oui' } })),
    ];
    const s = questionStats(ouiNon, respondents);
    assert.equal(s.groups['3500_9999'].secret, 'primaire');
    assert.equal(s.groups['3500_9999'].parts, undefined);
    // The 3 communes would follow from the whole minus the other bands: the smallest other band is hidden too.
    assert.equal(s.groups['2000_3499'].secret, 'secondaire');
    assert.equal(s.groups['2000_3499'].parts, undefined);
    assert.equal(s.groups.moins_500.secret, null);
    assert.equal(s.groups.ensemble.secret, null);
    close(s.groups.ensemble.parts!.oui!.part, 25 / 43);
  });

  it('ne cache rien de plus quand deux tranches sont déjà secrètes ou qu’une tranche est vide', () => {
    const g = (n: number): GroupStats => ({ n, secret: null });
    const groups: Record<GroupKey, GroupStats> = {
      ensemble: g(30),
      moins_500: g(2),
      '500_1999': g(3),
      '2000_3499': g(10),
      '3500_9999': g(15),
    };
    const out = applySecrecy(groups);
    assert.equal(out['2000_3499'].secret, null);
    assert.equal(out['3500_9999'].secret, null);
    const empty = applySecrecy({ ...groups, moins_500: g(0), '500_1999': g(5), ensemble: g(30) });
    assert.equal(empty.moins_500.secret, 'primaire');
    assert.equal(empty['500_1999'].secret, null);
    const tiny = applySecrecy({ ...groups, ensemble: g(SECRET_MIN - 1) });
    assert.equal(tiny.ensemble.secret, 'primaire');
  });

  it('compte une question de suivi sur la seule base des communes concernées', () => {
    const stats = campaignStats(REFERENCE_EDITION, [
      ...Array.from({ length: 6 }, () => ({
        tranche: 'moins_500' as const,
        valeurs: { site_internet: 'oui', site_usages: ['actualites'] },
      })),
      ...Array.from({ length: 4 }, () => ({ tranche: 'moins_500' as const, valeurs: { site_internet: 'non' } })),
    ]);
    assert.equal(stats.repondants.ensemble, 10);
    assert.equal(stats.questions.site_usages!.groups.ensemble.n, 6);
    assert.equal(stats.questions.site_usages!.groups.ensemble.parts!.actualites!.part, 1);
    close(stats.questions.site_internet!.groups.ensemble.parts!.oui!.part, 0.6);
    assert.equal(stats.questions.commentaire, undefined);
  });

  it('calcule l’évolution d’une année sur l’autre en points', () => {
    const make = (oui: number) =>
      questionStats(
        ouiNon,
        Array.from({ length: 100 }, (_, i) => ({
          tranche: 'moins_500' as const,
          valeurs: { q: i < oui ? 'oui' : 'non' },
        })),
      );
    const evo = evolution(make(40), make(36));
    close(evo.oui!, 4);
    close(evo.non!, -4);
    assert.deepEqual(evolution(make(40), undefined), { oui: null, non: null });
  });
});
