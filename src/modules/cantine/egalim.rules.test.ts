import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  egalimProblems,
  egalimShares,
  eurosInputValue,
  formatEuros,
  formatPercent,
  parseEuros,
} from './egalim.rules.js';

describe('parts EGalim', () => {
  it('calcule les parts durable et bio sur le total des achats', () => {
    const s = egalimShares({ totalCents: 4_120_000, durableCents: 2_163_000, bioCents: 886_000 });
    assert.deepEqual(s, { durable: 52.5, bio: 21.5, durableMet: true, bioMet: true });
  });

  it('compare aux objectifs sur les montants exacts, pas sur les pourcentages arrondis', () => {
    // 49.96 % is shown as 50 % but the 50 % target is not met.
    const s = egalimShares({ totalCents: 1_000_000, durableCents: 499_600, bioCents: 200_000 });
    assert.equal(s.durable, 50);
    assert.equal(s.durableMet, false);
    assert.equal(s.bioMet, true, 'exactement 20 % atteint l’objectif');
  });

  it('compte le bio dans les 50 % et le rapporte au total', () => {
    const s = egalimShares({ totalCents: 100_00, durableCents: 50_00, bioCents: 20_00 });
    assert.equal(s.bio, 20);
    assert.ok(s.durableMet && s.bioMet);
  });

  it('ne divise jamais par zéro', () => {
    assert.deepEqual(egalimShares({ totalCents: 0, durableCents: 0, bioCents: 0 }), {
      durable: 0,
      bio: 0,
      durableMet: false,
      bioMet: false,
    });
  });

  it('signale des montants incohérents', () => {
    assert.deepEqual(egalimProblems({ totalCents: 100, durableCents: 50, bioCents: 20 }), {});
    const p = egalimProblems({ totalCents: 100, durableCents: 150, bioCents: 160 });
    assert.ok(p.durable?.includes('dépasser le total'));
    assert.ok(p.bio?.includes('bio'));
    assert.ok(egalimProblems({ totalCents: 0, durableCents: 0, bioCents: 0 }).total);
  });

  it('lit les montants saisis à la française', () => {
    assert.equal(parseEuros('41 200,50'), 4_120_050);
    assert.equal(parseEuros('41\u202f200 €'), 4_120_000);
    assert.equal(parseEuros('12345.5'), 1_234_550);
    assert.equal(parseEuros('0'), 0);
    for (const bad of ['', '-12', '12,345', 'douze', '1,2,3', '12e3']) assert.equal(parseEuros(bad), null, bad);
  });

  it('écrit les montants et les parts en français', () => {
    assert.equal(formatEuros(4_120_050).replace(/\s/g, ' '), '41 200,50 €');
    assert.equal(eurosInputValue(4_120_005), '41200,05');
    assert.equal(formatPercent(52.5), '52,5 %');
    assert.equal(formatPercent(20), '20 %');
  });
});
