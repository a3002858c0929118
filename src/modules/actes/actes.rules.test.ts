import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type ActeAction,
  type ActeStatut,
  EXCEPTIONS_TRANSMISSION,
  type ExceptionTransmission,
  executoire,
  isIsoDate,
  modePublicite,
  NATURE_INFO,
  NATURES,
  type NatureActe,
  natureFromCode,
  nextNumero,
  nextStatut,
  normalizeNumero,
  numeroProblem,
  STATUTS,
  TRANSITIONS,
  transitionProblem,
  transmissionRequise,
  voteProblem,
  voteReel,
} from './actes.rules.js';

describe('natures @CTES', () => {
  it('donne les six natures avec leur code et leur abréviation', () => {
    assert.deepEqual(
      NATURES.map((n) => [NATURE_INFO[n].code, NATURE_INFO[n].abrege]),
      [
        [1, 'DE'],
        [2, 'AR'],
        [3, 'AI'],
        [4, 'CC'],
        [5, 'BF'],
        [6, 'AU'],
      ],
    );
    for (const n of NATURES) assert.equal(natureFromCode(NATURE_INFO[n].code), n);
    assert.equal(natureFromCode(7), null);
  });
});

describe('numéro interne', () => {
  it('accepte les numéros S²LOW et refuse les autres avec un message en français', () => {
    for (const ok of ['A', '1', 'D2026_001', 'ABCDEFGHIJKLMNO', 'A_B']) assert.equal(numeroProblem(ok), null, ok);
    assert.match(numeroProblem('') ?? '', /Indiquez le numéro/);
    assert.match(numeroProblem('ABCDEFGHIJKLMNOP') ?? '', /15 caractères/);
    for (const bad of ['_A', 'A_', 'a2026', 'A-1', 'A 1', 'É1'])
      assert.match(numeroProblem(bad) ?? '', /lettres majuscules/, bad);
  });

  it('normalise la saisie comme Pastell : majuscules, tirets et espaces en _', () => {
    assert.equal(normalizeNumero(' a-2026 12 '), 'A_2026_12');
    assert.equal(normalizeNumero('d2026--3'), 'D2026_3');
  });

  it('propose le numéro suivant de la nature et de l’année', () => {
    assert.equal(nextNumero('deliberation', 2026, []), 'D2026_001');
    assert.equal(nextNumero('deliberation', 2026, ['D2026_001', 'D2026_009', 'D2025_044', 'D2026_X']), 'D2026_010');
    assert.equal(nextNumero('arrete_individuel', 2026, ['A2026_002']), 'A2026_003');
    assert.equal(nextNumero('contrat', 2027, ['A2027_005']), 'C2027_001');
    for (const n of NATURES) assert.equal(numeroProblem(nextNumero(n, 2026, [])), null);
  });
});

describe('machine à états', () => {
  const expected: Record<ActeAction, Partial<Record<ActeStatut, ActeStatut>>> = {
    modifier: { projet: 'projet' },
    signer: { projet: 'signe' },
    publier: { signe: 'publie' },
    notifier: { signe: 'notifie' },
    retirer: { signe: 'retire', publie: 'retire', notifie: 'retire' },
    annuler: { signe: 'annule', publie: 'annule', notifie: 'annule' },
    transmettre: { signe: 'signe', publie: 'publie', notifie: 'notifie' },
  };

  it('autorise exactement les transitions du tableau, pour une délibération', () => {
    for (const action of Object.keys(TRANSITIONS) as ActeAction[]) {
      for (const statut of STATUTS) {
        const nature: NatureActe = action === 'notifier' ? 'arrete_individuel' : 'deliberation';
        const problem = transitionProblem(action, { statut, nature });
        const to = expected[action][statut];
        if (to) {
          assert.equal(problem, null, `${action} depuis ${statut}`);
          assert.equal(nextStatut(action, statut), to);
        } else {
          assert.ok(problem && problem.length > 10, `${action} depuis ${statut} doit être refusé`);
        }
      }
    }
  });

  it('refuse de publier un acte non signé', () => {
    assert.equal(
      transitionProblem('publier', { statut: 'projet', nature: 'arrete_reglementaire' }),
      'L’acte doit être signé avant d’être publié.',
    );
  });

  it('ne publie pas une décision individuelle et ne notifie que celles-là', () => {
    assert.match(transitionProblem('publier', { statut: 'signe', nature: 'arrete_individuel' }) ?? '', /notifiée/);
    for (const n of NATURES.filter((x) => x !== 'arrete_individuel')) {
      assert.match(transitionProblem('notifier', { statut: 'signe', nature: n }) ?? '', /doit être publié/);
      assert.equal(transitionProblem('publier', { statut: 'signe', nature: n }), null);
    }
  });

  it('refuse toute modification d’un acte signé', () => {
    for (const statut of STATUTS.filter((s) => s !== 'projet')) {
      assert.match(transitionProblem('modifier', { statut, nature: 'autre' }) ?? '', /ne peut plus être modifié/);
    }
  });
});

describe('mode de publicité (L2131-1 IV)', () => {
  it('impose la publication électronique à partir de 3 500 habitants', () => {
    assert.equal(modePublicite(3500, 'affichage'), 'electronique');
    assert.equal(modePublicite(12000, 'papier'), 'electronique');
  });
  it('suit le choix du conseil en dessous, électronique par défaut', () => {
    assert.equal(modePublicite(3499, 'affichage'), 'affichage');
    assert.equal(modePublicite(420, 'papier'), 'papier');
    assert.equal(modePublicite(420, null), 'electronique');
  });
});

describe('transmission au préfet (L2131-2)', () => {
  const t = (
    nature: NatureActe,
    matiereCode: string | null,
    exception: ExceptionTransmission | null = null,
    seuil = false,
  ) => transmissionRequise({ nature, matiereCode, exception, contratAuDessusDuSeuil: seuil });

  it('transmet délibérations, actes réglementaires et budgets', () => {
    for (const n of ['deliberation', 'arrete_reglementaire', 'budget'] as const) {
      assert.equal(t(n, null), true);
      assert.equal(t(n, '7.1'), true);
    }
  });
  it('ne transmet une décision individuelle que dans les matières listées', () => {
    assert.equal(t('arrete_individuel', '6.1'), true, 'police');
    assert.equal(t('arrete_individuel', '6.1.2'), true, 'police, niveau 3');
    assert.equal(t('arrete_individuel', '4.2'), true, 'agents contractuels');
    assert.equal(t('arrete_individuel', '2.2'), true, 'autorisations d’urbanisme');
    assert.equal(t('arrete_individuel', '4.1'), false);
    assert.equal(t('arrete_individuel', '3.3'), false);
    assert.equal(t('arrete_individuel', null), false);
  });
  it('transmet les emprunts et délégations de service public, les marchés au-dessus du seuil', () => {
    assert.equal(t('contrat', '7.3'), true);
    assert.equal(t('contrat', '1.2'), true);
    assert.equal(t('contrat', '1.1'), false);
    assert.equal(t('contrat', '1.1', null, true), true);
    assert.equal(t('contrat', '3.3'), false);
    assert.equal(t('autre', '9.1'), false);
  });
  it('applique les exclusions seulement aux natures qu’elles visent', () => {
    assert.equal(t('deliberation', '8.3', 'voirie'), false);
    assert.equal(t('deliberation', '4.1', 'fonction_publique'), false);
    assert.equal(t('arrete_reglementaire', '6.1', 'circulation'), false);
    assert.equal(t('arrete_individuel', '6.1', 'circulation'), false);
    assert.equal(t('arrete_individuel', '6.1', 'debit_boissons'), false);
    assert.equal(t('deliberation', '6.1', 'circulation'), true, 'exclusion hors de sa nature : sans effet');
    assert.equal(t('arrete_reglementaire', '8.3', 'voirie'), true);
    for (const [k, x] of Object.entries(EXCEPTIONS_TRANSMISSION)) assert.ok(x.natures.length > 0 && x.label, k);
  });
});

describe('caractère exécutoire (L2131-1 I)', () => {
  const base = {
    nature: 'arrete_reglementaire' as NatureActe,
    statut: 'publie' as ActeStatut,
    publieLe: '2026-11-21T09:00:00.000Z',
    notifieLe: null,
    transmissionRequise: true,
    transmisLe: '2026-11-23',
  };

  it('exige publication et transmission, et date de la dernière des deux', () => {
    assert.deepEqual(executoire(base), { executoire: true, depuis: '2026-11-23', manque: [] });
    assert.deepEqual(executoire({ ...base, transmisLe: '2026-11-20' }), {
      executoire: true,
      depuis: '2026-11-21',
      manque: [],
    });
  });
  it('dit ce qui manque', () => {
    assert.deepEqual(executoire({ ...base, transmisLe: null }).manque, ['transmission à la préfecture']);
    assert.deepEqual(executoire({ ...base, statut: 'signe', publieLe: null, transmisLe: null }).manque, [
      'publication',
      'transmission à la préfecture',
    ]);
  });
  it('se contente de la publication quand la transmission n’est pas requise', () => {
    assert.deepEqual(executoire({ ...base, transmissionRequise: false, transmisLe: null }), {
      executoire: true,
      depuis: '2026-11-21',
      manque: [],
    });
  });
  it('attend la notification pour une décision individuelle, pas la publication', () => {
    const ind = { ...base, nature: 'arrete_individuel' as NatureActe, statut: 'notifie' as ActeStatut, publieLe: null };
    assert.equal(executoire({ ...ind, notifieLe: null }).executoire, false);
    assert.deepEqual(executoire({ ...ind, notifieLe: null }).manque, ['notification aux intéressés']);
    assert.deepEqual(executoire({ ...ind, notifieLe: '2026-11-22', transmissionRequise: false, transmisLe: null }), {
      executoire: true,
      depuis: '2026-11-22',
      manque: [],
    });
  });
  it('ne l’est plus après un retrait ou une annulation', () => {
    assert.equal(executoire({ ...base, statut: 'retire' }).executoire, false);
    assert.match(executoire({ ...base, statut: 'annule' }).manque[0] ?? '', /annulé/);
  });
  it('ne l’est pas pour un projet ou un acte seulement signé', () => {
    for (const statut of ['projet', 'signe'] as const) {
      assert.equal(executoire({ ...base, statut, publieLe: null, transmisLe: null }).executoire, false);
    }
  });
});

describe('votes', () => {
  const v = { effectif: 15, presents: 12, representes: 2, pour: 11, contre: 2, abstention: 1, nePrendPasPart: 0 };
  it('accepte des chiffres cohérents et calcule le vote réel', () => {
    assert.equal(voteProblem(v), null);
    assert.equal(voteReel(v), 14);
  });
  it('refuse les chiffres incohérents', () => {
    assert.match(voteProblem({ ...v, presents: 16 }) ?? '', /présents dépasse/);
    assert.match(voteProblem({ ...v, representes: 4 }) ?? '', /représentés dépassent/);
    assert.match(voteProblem({ ...v, pour: 12 }) ?? '', /voix dépasse/);
    assert.match(voteProblem({ ...v, contre: -1 }) ?? '', /entiers positifs/);
    assert.match(voteProblem({ ...v, pour: 1.5 }) ?? '', /entiers positifs/);
  });
});

describe('dates', () => {
  it('ne reconnaît que des jours réels au format AAAA-MM-JJ', () => {
    assert.equal(isIsoDate('2026-02-28'), true);
    assert.equal(isIsoDate('2024-02-29'), true);
    for (const bad of ['2026-02-29', '2026-13-01', '26-01-01', '2026-1-01', '', '2026-01-01T00:00']) {
      assert.equal(isIsoDate(bad), false, bad);
    }
  });
});
