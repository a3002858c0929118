import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closureOn, conformityMention } from '../../core/tenancy/index.js';
import { colorProblem, contrastRatio, darker } from './reglages.rules.js';

describe('réglages de la commune', () => {
  it('calcule le contraste comme le WCAG', () => {
    assert.equal(contrastRatio('#000000', '#ffffff').toFixed(1), '21.0');
    assert.equal(contrastRatio('#ffffff', '#ffffff'), 1);
    assert.equal(contrastRatio('#767676', '#ffffff').toFixed(2), '4.54');
  });

  it('refuse une couleur trop claire ou mal écrite, accepte une couleur foncée', () => {
    assert.equal(colorProblem('#1f5f8b'), null);
    assert.match(colorProblem('#ffcc00') ?? '', /trop claire/);
    assert.match(colorProblem('#777777') ?? '', /4,48:1/);
    assert.match(colorProblem('bleu') ?? '', /#rrggbb/);
    assert.match(colorProblem('#12345') ?? '', /#rrggbb/);
  });

  it('assombrit une couleur', () => {
    assert.equal(darker('#ffffff', 0.5), '#808080');
  });

  it('trouve la fermeture du jour', () => {
    const f = [{ du: '2026-12-24', au: '2026-12-26', motif: 'Noël' }];
    assert.equal(closureOn(f, '2026-12-25')?.motif, 'Noël');
    assert.equal(closureOn(f, '2026-12-27'), undefined);
  });

  it('ne déclare le site conforme qu’après un audit', () => {
    assert.equal(conformityMention(undefined), 'non conforme');
    assert.equal(conformityMention({ tauxConformite: 100 }), 'non conforme');
    assert.equal(conformityMention({ tauxConformite: 100, dateAudit: '2026-10-01' }), 'totalement conforme');
    assert.equal(conformityMention({ tauxConformite: 75, dateAudit: '2026-10-01' }), 'partiellement conforme');
    assert.equal(conformityMention({ tauxConformite: 30, dateAudit: '2026-10-01' }), 'non conforme');
  });
});
