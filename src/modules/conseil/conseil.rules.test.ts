import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { publicHolidays } from '../demarches/index.js';
import {
  approbationProblem,
  compositionAuPoint,
  DEFAULT_REGLAGES,
  dateLimiteEnvoi,
  delaiRequis,
  enExercice,
  figuresNominatives,
  huisClosProblem,
  joursFrancs,
  majoriteAbsolue,
  mandatProblem,
  membresEnExercice,
  modeScrutin,
  type Presence,
  presenceProblem,
  presentAuPoint,
  procurationProblem,
  procurationsConsecutivesAvant,
  pvTransition,
  quorum,
  quorumRequis,
  reconvocationProblem,
  resultatTour,
  resultatVote,
  verifierDelai,
  voteProblem,
} from './conseil.rules.js';
import { draftDeliberation, draftPv } from './conseil.templates.js';

const none = () => new Set<string>();

describe('membres en exercice', () => {
  it('se déduisent des dates, bornes comprises', () => {
    const m = { debut: '2020-05-23', fin: '2026-06-30' };
    assert.equal(enExercice(m, '2020-05-22'), false);
    assert.equal(enExercice(m, '2020-05-23'), true);
    assert.equal(enExercice(m, '2026-06-30'), true);
    assert.equal(enExercice(m, '2026-07-01'), false);
    assert.equal(enExercice({ debut: '2020-05-23', fin: null }, '2040-01-01'), true);
    const list = [m, { debut: '2026-07-01', fin: null }];
    assert.equal(membresEnExercice(list, '2026-06-30').length, 1);
    assert.equal(membresEnExercice(list, '2026-07-01').length, 1);
  });
  it('refuse une fin de mandat avant son début', () => {
    assert.match(mandatProblem({ debut: '2026-01-02', fin: '2026-01-01' }) ?? '', /précéder/);
    assert.equal(mandatProblem({ debut: '2026-01-02', fin: '2026-01-02' }), null);
    assert.equal(mandatProblem({ debut: '2026-01-02', fin: null }), null);
  });
});

describe('délai de convocation en jours francs', () => {
  it('vaut 3 jours sous 3 500 habitants, 5 au-delà, 1 en urgence, ou le réglage de la commune', () => {
    assert.equal(delaiRequis(3499, false, DEFAULT_REGLAGES), 3);
    assert.equal(delaiRequis(3500, false, DEFAULT_REGLAGES), 5);
    assert.equal(delaiRequis(12000, true, DEFAULT_REGLAGES), 1);
    assert.equal(delaiRequis(800, false, { ...DEFAULT_REGLAGES, delaiJoursFrancs: 5 }), 5);
  });
  it('ne compte ni le jour de l’envoi ni celui de la séance', () => {
    assert.equal(joursFrancs('2026-12-01', '2026-12-05', false, none), 3);
    assert.equal(joursFrancs('2026-12-01', '2026-12-02', false, none), 0);
    assert.equal(joursFrancs('2026-12-05', '2026-12-01', false, none), 0);
    assert.equal(joursFrancs('2026-12-31', '2027-01-04', false, none), 3);
  });
  it('peut exclure les dimanches et jours fériés (réglage)', () => {
    // 2026-11-08 is a Sunday, 2026-11-11 a public holiday.
    assert.equal(joursFrancs('2026-11-07', '2026-11-13', false, publicHolidays), 5);
    assert.equal(joursFrancs('2026-11-07', '2026-11-13', true, publicHolidays), 3);
  });
  it('donne la date limite d’envoi et signale une convocation tardive', () => {
    assert.equal(dateLimiteEnvoi('2026-12-05', 3, false, none), '2026-12-01');
    assert.equal(dateLimiteEnvoi('2026-11-13', 3, true, publicHolidays), '2026-11-08');
    const ok = verifierDelai(
      { envoi: '2026-12-01', seance: '2026-12-05', population: 800, urgence: false },
      DEFAULT_REGLAGES,
      none,
    );
    assert.deepEqual(ok, { requis: 3, francs: 3, enRetard: false, dateLimite: '2026-12-01' });
    const late = verifierDelai(
      { envoi: '2026-12-02', seance: '2026-12-05', population: 800, urgence: false },
      DEFAULT_REGLAGES,
      none,
    );
    assert.equal(late.enRetard, true);
    const big = verifierDelai(
      { envoi: '2026-12-01', seance: '2026-12-05', population: 5000, urgence: false },
      DEFAULT_REGLAGES,
      none,
    );
    assert.equal(big.enRetard, true);
    assert.equal(big.dateLimite, '2026-11-29');
  });
  it('exige l’écart minimal avant une séance de reconvocation', () => {
    assert.match(reconvocationProblem('2026-12-01', '2026-12-03', 3) ?? '', /au moins 3 jours/);
    assert.equal(reconvocationProblem('2026-12-01', '2026-12-04', 3), null);
  });
});

const p = (membreId: number, statut: Presence['statut'], arr: number | null = null, dep: number | null = null) => ({
  membreId,
  statut,
  arriveePoint: arr,
  departPoint: dep,
});

describe('présences, procurations et quorum', () => {
  it('suit les arrivées et départs point par point', () => {
    assert.equal(presentAuPoint(p(1, 'present'), 1), true);
    assert.equal(presentAuPoint(p(1, 'absent'), 1), false);
    assert.equal(presentAuPoint(undefined, 1), false);
    assert.equal(presentAuPoint(p(1, 'present', 3), 2), false);
    assert.equal(presentAuPoint(p(1, 'present', 3), 3), true);
    assert.equal(presentAuPoint(p(1, 'present', null, 4), 3), true);
    assert.equal(presentAuPoint(p(1, 'present', null, 4), 4), false);
    assert.match(presenceProblem(p(1, 'present', 4, 4)) ?? '', /départ doit suivre/);
    assert.match(presenceProblem(p(1, 'absent', 2)) ?? '', /membre présent/);
    assert.equal(presenceProblem(p(1, 'present', 2, 5)), null);
  });
  it('compte les représentés seulement quand le mandant est absent et le mandataire présent', () => {
    const ids = [1, 2, 3, 4, 5];
    const presences = [p(1, 'present'), p(2, 'present', null, 3), p(3, 'absent'), p(4, 'present', 2), p(5, 'absent')];
    const procs = [
      { mandantId: 3, mandataireId: 2, maladie: false },
      { mandantId: 5, mandataireId: 1, maladie: false },
      { mandantId: 4, mandataireId: 1, maladie: false },
    ];
    const c1 = compositionAuPoint(ids, presences, procs, 1);
    assert.deepEqual(c1.presents, [1, 2]);
    assert.deepEqual(c1.representes.sort(), [3, 4, 5]);
    const c3 = compositionAuPoint(ids, presences, procs, 3);
    assert.deepEqual(c3.presents, [1, 4]);
    assert.deepEqual(c3.representes, [5]);
  });
  it('exige la majorité des membres en exercice présents, sans compter les procurations', () => {
    assert.equal(quorumRequis(15), 8);
    assert.equal(quorumRequis(14), 8);
    assert.equal(quorumRequis(11), 6);
    assert.equal(quorum(15, 7, false).atteint, false);
    assert.equal(quorum(15, 8, false).atteint, true);
    assert.deepEqual(quorum(15, 3, true), { requis: 8, presents: 3, atteint: true, sansQuorum: true });
  });
  const noms = (id: number) => `M${id}`;
  const base = { maladie: false, existantes: [], enExerciceIds: [1, 2, 3, 4], consecutivesAvant: 0, noms };
  it('refuse une seconde procuration au même mandataire, avec un message en français', () => {
    const existantes = [{ mandantId: 3, mandataireId: 2, maladie: false }];
    assert.match(
      procurationProblem({ ...base, mandantId: 4, mandataireId: 2, existantes }) ?? '',
      /M2 détient déjà la procuration de M3/,
    );
    assert.match(procurationProblem({ ...base, mandantId: 3, mandataireId: 1, existantes }) ?? '', /déjà donné/);
    assert.match(
      procurationProblem({ ...base, mandantId: 1, mandataireId: 3, existantes }) ?? '',
      /propre procuration/,
    );
    assert.equal(procurationProblem({ ...base, mandantId: 4, mandataireId: 1, existantes }), null);
  });
  it('refuse une procuration à soi-même ou à un non-membre', () => {
    assert.match(procurationProblem({ ...base, mandantId: 1, mandataireId: 1 }) ?? '', /lui-même/);
    assert.match(procurationProblem({ ...base, mandantId: 1, mandataireId: 9 }) ?? '', /en exercice/);
  });
  it('limite à trois séances consécutives, sauf maladie', () => {
    assert.equal(procurationProblem({ ...base, mandantId: 1, mandataireId: 2, consecutivesAvant: 2 }), null);
    assert.match(
      procurationProblem({ ...base, mandantId: 1, mandataireId: 2, consecutivesAvant: 3 }) ?? '',
      /trois séances consécutives/,
    );
    assert.equal(
      procurationProblem({ ...base, mandantId: 1, mandataireId: 2, consecutivesAvant: 3, maladie: true }),
      null,
    );
    assert.equal(procurationsConsecutivesAvant([10, 11, 12, 13], 13, new Set([10, 11, 12])), 3);
    assert.equal(procurationsConsecutivesAvant([10, 11, 12, 13], 13, new Set([10, 12])), 1);
    assert.equal(procurationsConsecutivesAvant([10, 11, 12, 13], 10, new Set([10])), 0);
    assert.equal(procurationsConsecutivesAvant([10, 11], 99, new Set([10, 11])), 2);
  });
  it('décide le huis clos à la majorité absolue des présents ou représentés', () => {
    assert.match(huisClosProblem({ demandeurs: 2, demandeMaire: false, pour: 9, votants: 10 }) ?? '', /trois membres/);
    assert.equal(huisClosProblem({ demandeurs: 3, demandeMaire: false, pour: 6, votants: 10 }), null);
    assert.match(huisClosProblem({ demandeurs: 0, demandeMaire: true, pour: 5, votants: 10 }) ?? '', /pas adopté/);
    assert.match(huisClosProblem({ demandeurs: 0, demandeMaire: true, pour: 11, votants: 10 }) ?? '', /compris/);
  });
});

describe('votes', () => {
  const mode = (o: Partial<Parameters<typeof modeScrutin>[0]>) =>
    modeScrutin({ presents: 12, demandesPublic: 0, demandesSecret: 0, nomination: false, secretRenonce: false, ...o });
  it('choisit le mode de scrutin selon les demandes et les nominations', () => {
    assert.equal(mode({}), 'ordinaire');
    assert.equal(mode({ demandesPublic: 2 }), 'ordinaire');
    assert.equal(mode({ demandesPublic: 3 }), 'public');
    assert.equal(mode({ demandesSecret: 3 }), 'ordinaire');
    assert.equal(mode({ demandesSecret: 4 }), 'secret');
    assert.equal(mode({ demandesSecret: 4, demandesPublic: 6 }), 'secret');
    assert.equal(mode({ nomination: true }), 'secret');
    assert.equal(mode({ nomination: true, secretRenonce: true }), 'ordinaire');
    assert.equal(mode({ nomination: true, secretRenonce: true, demandesPublic: 3 }), 'public');
    assert.equal(mode({ presents: 13, demandesPublic: 3 }), 'ordinaire');
    assert.equal(mode({ presents: 13, demandesPublic: 4 }), 'public');
  });
  it('refuse des nombres qui ne font pas le total des présents et représentés', () => {
    assert.equal(voteProblem({ pour: 10, contre: 2, abstention: 1, npp: 1 }, 14), null);
    assert.match(
      voteProblem({ pour: 10, contre: 2, abstention: 1, npp: 0 }, 14) ?? '',
      /13 voix saisies .* 14 membres/,
    );
    assert.match(voteProblem({ pour: -1, contre: 15, abstention: 0, npp: 0 }, 14) ?? '', /entier positif/);
    assert.match(voteProblem({ pour: 1.5, contre: 12.5, abstention: 0, npp: 0 }, 14) ?? '', /entier/);
  });
  it('adopte à la majorité absolue des suffrages exprimés, abstentions non comptées', () => {
    assert.deepEqual(resultatVote({ pour: 4, contre: 3, abstention: 7, npp: 0 }, 'ordinaire', null), {
      resultat: 'adopte',
      voixPreponderante: false,
    });
    assert.equal(resultatVote({ pour: 3, contre: 4, abstention: 0, npp: 0 }, 'ordinaire', 'pour').resultat, 'rejete');
    assert.equal(resultatVote({ pour: 0, contre: 0, abstention: 9, npp: 0 }, 'ordinaire', 'pour').resultat, 'rejete');
  });
  it('donne la voix prépondérante au président en cas de partage, jamais au scrutin secret', () => {
    const tie = { pour: 5, contre: 5, abstention: 1, npp: 0 };
    assert.deepEqual(resultatVote(tie, 'ordinaire', 'pour'), { resultat: 'adopte', voixPreponderante: true });
    assert.deepEqual(resultatVote(tie, 'public', 'contre'), { resultat: 'rejete', voixPreponderante: true });
    assert.deepEqual(resultatVote(tie, 'secret', 'pour'), { resultat: 'rejete', voixPreponderante: false });
    assert.deepEqual(resultatVote(tie, 'ordinaire', 'abstention'), { resultat: 'rejete', voixPreponderante: false });
    assert.deepEqual(resultatVote(tie, 'ordinaire', null), { resultat: 'rejete', voixPreponderante: false });
  });
  it('compte un scrutin public à partir des votes nominatifs', () => {
    assert.deepEqual(figuresNominatives([{ sens: 'pour' }, { sens: 'pour' }, { sens: 'npp' }, { sens: 'contre' }]), {
      pour: 2,
      contre: 1,
      abstention: 0,
      npp: 1,
    });
  });
});

describe('nominations en trois tours', () => {
  const naissances = new Map([
    [1, '1960-04-02'],
    [2, '1955-09-30'],
    [3, null],
  ]);
  const tour = (t: number, voix: [number, number][], votants = 15, blancsNuls = 1) =>
    resultatTour({ tour: t, votants, blancsNuls, voix: new Map(voix), naissances });
  it('élit au premier ou au deuxième tour à la majorité absolue seulement', () => {
    assert.equal(majoriteAbsolue(14), 8);
    assert.deepEqual(
      tour(1, [
        [1, 8],
        [2, 6],
      ]),
      { ok: true, eluId: 1, exprimes: 14 },
    );
    assert.deepEqual(
      tour(2, [
        [1, 7],
        [2, 7],
      ]),
      { ok: true, eluId: null, exprimes: 14 },
    );
    assert.deepEqual(
      tour(1, [
        [1, 7],
        [2, 6],
        [3, 1],
      ]),
      { ok: true, eluId: null, exprimes: 14 },
    );
  });
  it('élit au troisième tour à la majorité relative, le plus âgé en cas d’égalité', () => {
    assert.deepEqual(
      tour(3, [
        [1, 6],
        [2, 5],
        [3, 3],
      ]),
      { ok: true, eluId: 1, exprimes: 14 },
    );
    assert.deepEqual(
      tour(3, [
        [1, 7],
        [2, 7],
      ]),
      { ok: true, eluId: 2, exprimes: 14 },
    );
    const noDate = tour(3, [
      [1, 7],
      [3, 7],
    ]);
    assert.equal(noDate.ok, false);
  });
  it('refuse des voix qui ne font pas les suffrages exprimés, ou un quatrième tour', () => {
    assert.equal(tour(1, [[1, 15]]).ok, false);
    assert.equal(tour(4, [[1, 14]]).ok, false);
    assert.equal(tour(1, [[1, 14]], 15, 2).ok, false);
    assert.equal(tour(3, [], 3, 3).ok, false);
  });
});

describe('procès-verbal et textes', () => {
  it('suit le cycle rédigé, approuvé, signé, publié', () => {
    assert.equal(pvTransition('aucun', 'rediger'), 'brouillon');
    assert.equal(pvTransition('brouillon', 'approuver'), 'approuve');
    assert.equal(pvTransition('approuve', 'signer'), 'signe');
    assert.equal(pvTransition('signe', 'publier'), 'publie');
    assert.equal(pvTransition('aucun', 'approuver'), null);
    assert.equal(pvTransition('brouillon', 'publier'), null);
    assert.equal(pvTransition('publie', 'rediger'), null);
    assert.equal(pvTransition('approuve', 'rediger'), null);
  });
  it('fait approuver le PV à une séance postérieure', () => {
    assert.equal(approbationProblem('2026-10-01', '2026-11-01'), null);
    assert.match(approbationProblem('2026-10-01', '2026-10-01') ?? '', /postérieure/);
  });
  const seance = {
    communeNom: 'Bellerive',
    date: '2026-12-12',
    heure: '20:30',
    lieu: 'salle du conseil',
    convoqueeLe: '4 décembre 2026',
    president: 'Anne Maire',
    secretaire: 'Paul Secret',
  };
  const comp = { effectif: 15, presents: ['A', 'B'], representes: [{ mandant: 'C', mandataire: 'A' }], absents: ['D'] };
  const point = {
    numero: 2,
    titre: 'Tarifs de la cantine',
    note: 'Les tarifs n’ont pas changé depuis 2020.\n\nLe coût des denrées a augmenté.',
    rapporteur: 'B',
    nomination: false,
    mode: 'public' as const,
    figures: { pour: 2, contre: 1, abstention: 0, npp: 0 },
    resultat: 'adopte',
    voixPreponderante: false,
    elu: null,
    nominatifs: [{ nom: 'A', sens: 'pour' as const }],
  };
  it('rédige la délibération : visas, considérants, dispositif, vote', () => {
    const text = draftDeliberation(seance, point, comp);
    assert.match(text, /Vu le code général des collectivités territoriales/);
    assert.match(text, /Considérant que les tarifs n’ont pas changé depuis 2020 ;/);
    assert.match(text, /Considérant que le coût des denrées/);
    assert.match(text, /DÉCIDE :/);
    assert.match(text, /Membres en exercice : 15 – présents : 2 – représentés : 1/);
    assert.match(text, /pour 2, contre 1, abstentions 0/);
    assert.match(text, /A : Pour/);
    assert.match(text, /samedi 12 décembre 2026 à 20 h 30/);
    assert.match(text, /C \(pouvoir à A\)/);
  });
  it('rédige le procès-verbal avec son contenu obligatoire', () => {
    const text = draftPv(seance, comp, 'Quorum atteint : 8 requis, 9 présents.', [point], new Map());
    for (const re of [
      /Président : Anne Maire/,
      /Secrétaire de séance : Paul Secret/,
      /Quorum atteint/,
      /Ordre du jour/,
    ]) {
      assert.match(text, re);
    }
    assert.match(text, /Teneur des discussions/);
    assert.match(text, /2\. Tarifs de la cantine/);
  });
});
