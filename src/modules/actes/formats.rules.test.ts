import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { matiereNomScdl, NOMENCLATURE_NATIONALE, parseClassification } from './classification.rules.js';
import {
  ACTES_NS,
  acteXml,
  archiveName,
  departement3,
  envelopeName,
  envelopeXml,
  idActe,
  idActeFromFileName,
  latin1Xml,
  messageFileName,
  parseIdActe,
  parsePrefectureReturn,
  serviceFromEnvelope,
  typedFileName,
} from './ctes.rules.js';
import { checkImport, dateOf, natureOf } from './import.rules.js';
import { canonicalPayload, REGISTRE_GENESIS, registreHash, verifyLinks } from './registre.rules.js';
import { SCDL_DELIBERATIONS_COLUMNS, scdlDeliberationRow } from './scdl.rules.js';

const fixture = fs.readFileSync(
  new URL('../../../tests/fixtures/actes/classification-062.xml', import.meta.url),
  'latin1',
);

describe('classification de la préfecture', () => {
  it('lit la version, les matières sur trois niveaux et les types de pièces', () => {
    const c = parseClassification(fixture);
    assert.ok(!('problem' in c));
    assert.equal(c.dateVersion, '2025-03-14');
    assert.deepEqual(
      c.items.find((i) => i.code === '7.10'),
      { code: '7.10', libelle: 'Divers' },
    );
    assert.deepEqual(
      c.items.find((i) => i.code === '6.1.2'),
      { code: '6.1.2', libelle: 'Police des debits de boissons' },
    );
    assert.equal(c.items.filter((i) => !i.code.includes('.')).length, 9);
    assert.equal(c.items.filter((i) => i.code.split('.').length === 2).length, 57);
    assert.ok(c.typesPj.some((t) => t.nature === 3 && t.code === '22_PN'));
  });
  it('refuse ce qui n’est pas une classification, en français', () => {
    assert.match((parseClassification('<a/>') as { problem: string }).problem, /RetourClassification absent/);
    assert.match((parseClassification('pas du xml <<') as { problem: string }).problem, /RetourClassification|lisible/);
    const sansDate = fixture.replace(/<actes:DateClassification>.*<\/actes:DateClassification>/, '');
    assert.match((parseClassification(sansDate) as { problem: string }).problem, /DateClassification/);
  });
  it('a les 57 matières nationales de niveau 2 du schéma SCDL', () => {
    assert.equal(NOMENCLATURE_NATIONALE.items.filter((i) => i.code.includes('.')).length, 57);
  });
  it('forme DELIB_MATIERE_NOM comme le schéma SCDL : minuscules accentuées, sans virgule ni parenthèse', () => {
    const items = NOMENCLATURE_NATIONALE.items;
    assert.equal(matiereNomScdl('8.4', items), 'domaines de compétences par thèmes/aménagement du territoire');
    assert.equal(matiereNomScdl('7.9', items), 'finances locales/prise de participation');
    assert.equal(matiereNomScdl('6.1.2', items), 'libertés publiques et pouvoirs de police/police municipale');
    assert.equal(matiereNomScdl('9', items), null);
    for (const i of items.filter((x) => x.code.includes('.'))) {
      assert.doesNotMatch(matiereNomScdl(i.code, items) ?? 'x,', /[,()]|[A-Z]/, i.code);
    }
  });
});

describe('@CTES', () => {
  const id = idActe({
    departement: '62',
    siren: '216200010',
    dateDecision: '2026-11-20',
    numero: 'A2026_004',
    nature: 'arrete_reglementaire',
  });

  it('compose l’identifiant et les noms de fichiers', () => {
    assert.equal(id, '062-216200010-20261120-A2026_004-AR');
    assert.equal(departement3('2A'), '02A');
    assert.equal(departement3('971'), '971');
    assert.deepEqual(parseIdActe(id), {
      departement: '062',
      siren: '216200010',
      date: '2026-11-20',
      numero: 'A2026_004',
      abrege: 'AR',
    });
    assert.equal(parseIdActe('062-21620001-20261120-A1-AR'), null);
    assert.equal(messageFileName(id, '1-1', 0, 'xml'), '062-216200010-20261120-A2026_004-AR-1-1_0.xml');
    assert.equal(typedFileName('x_2.pdf', '22_PN'), '22_PN-x_2.pdf');
    assert.equal(envelopeName('216200010', '2026-11-21', 3), 'EACT--216200010--20261121-3.xml');
    assert.equal(archiveName('EACT--216200010--20261121-3.xml'), 'CLO-EACT--216200010--20261121-3.tar.gz');
    assert.equal(idActeFromFileName(`dir/${id}-1-3_0.xml`), id);
    assert.equal(serviceFromEnvelope('EACT--PREF062-216200010-20261122-1.xml'), 'PREF062');
    assert.equal(serviceFromEnvelope('EACT--216200010--20261122-1.xml'), null);
  });

  it('écrit le message 1-1 dans l’espace de noms ACTES, en ISO-8859-1', () => {
    const xml = acteXml({
      id,
      nature: 'arrete_reglementaire',
      numero: 'A2026_004',
      dateDecision: '2026-11-20',
      matiereCode: '6.1.1',
      objet: 'Réglementation de l’accès au cœur du bourg — marché',
      classificationDate: '2025-03-14',
      document: `${id}-1-1_1.pdf`,
      annexes: [`22_PN-${id}-1-1_2.pdf`],
    });
    const bytes = latin1Xml(xml);
    assert.match(bytes.subarray(0, 60).toString('latin1'), /encoding="ISO-8859-1"/);
    // Latin-1: é is one byte; ’ œ — become character references.
    assert.ok(bytes.includes(Buffer.from([0xe9])));
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(
      bytes.toString('latin1'),
    );
    const acte = parsed['actes:Acte'];
    assert.equal(acte['@_xmlns:actes'], ACTES_NS);
    assert.equal(acte['@_actes:Date'], '2026-11-20');
    assert.equal(acte['@_actes:NumeroInterne'], 'A2026_004');
    assert.equal(acte['@_actes:CodeNatureActe'], '2');
    assert.equal(acte['actes:CodeMatiere1']['@_actes:CodeMatiere'], '6');
    assert.equal(acte['actes:CodeMatiere2']['@_actes:CodeMatiere'], '1');
    assert.equal(acte['actes:CodeMatiere3']['@_actes:CodeMatiere'], '1');
    assert.equal(acte['actes:CodeMatiere4'], undefined);
    assert.equal(acte['actes:Objet'], 'Réglementation de l&#8217;accès au c&#339;ur du bourg &#8212; marché');
    const decoded = new XMLParser({ processEntities: true, htmlEntities: true }).parse(bytes.toString('latin1'));
    assert.equal(decoded['actes:Acte']['actes:Objet'], 'Réglementation de l’accès au cœur du bourg — marché');
    assert.equal(acte['actes:ClassificationDateVersion'], '2025-03-14');
    assert.equal(acte['actes:Document']['actes:NomFichier'], `${id}-1-1_1.pdf`);
    assert.equal(acte['actes:Annexes']['@_actes:Nombre'], '1');
    assert.equal(acte['actes:DocumentPapier'], 'N');
    // The order of the children is the schema's.
    const order = [...xml.matchAll(/<actes:(\w+)/g)].map((m) => m[1]);
    assert.deepEqual(order, [
      'Acte',
      'CodeMatiere1',
      'CodeMatiere2',
      'CodeMatiere3',
      'Objet',
      'ClassificationDateVersion',
      'Document',
      'NomFichier',
      'Annexes',
      'Annexe',
      'NomFichier',
      'DocumentPapier',
    ]);
  });

  it('écrit l’enveloppe de la collectivité', () => {
    const xml = envelopeXml(
      {
        siren: '216200010',
        departement: '62',
        arrondissement: '2',
        referentNom: 'Claire Martin',
        referentTelephone: null,
        referentEmail: 'mairie@exemple.fr',
      },
      [`${id}-1-1_0.xml`],
    );
    const env = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(xml)[
      'actes:EnveloppeCLMISILL'
    ];
    const idcl = env['actes:Emetteur']['actes:IDCL'];
    assert.equal(idcl['@_insee:SIREN'], '216200010');
    assert.equal(idcl['@_actes:Departement'], '062');
    assert.equal(idcl['@_actes:Arrondissement'], '2');
    assert.equal(env['actes:Emetteur']['actes:Referent']['actes:Nom'], 'Claire Martin');
    assert.equal(env['actes:AdressesRetour']['actes:Email'], 'mairie@exemple.fr');
    assert.equal(env['actes:FormulairesEnvoyes']['actes:Formulaire']['actes:NomFichier'], `${id}-1-1_0.xml`);
  });

  it('lit un accusé de réception et une anomalie de la préfecture', () => {
    const ar = `<?xml version="1.0" encoding="ISO-8859-1"?><actes:ARActe xmlns:actes="${ACTES_NS}" actes:IDActe="${id}" actes:DateReception="2026-11-23"><actes:ActeRecu actes:Date="2026-11-20" actes:NumeroInterne="A2026_004" actes:CodeNatureActe="2"/><actes:ClassificationDateVersionEnCours>2025-03-14</actes:ClassificationDateVersionEnCours></actes:ARActe>`;
    assert.deepEqual(parsePrefectureReturn(ar), {
      type: '1-2',
      idActe: id,
      dateReception: '2026-11-23',
      classificationDate: '2025-03-14',
    });
    const ano = `<actes:AnomalieActe xmlns:actes="${ACTES_NS}"><actes:Date>2026-11-23</actes:Date><actes:Nature>2</actes:Nature><actes:Detail>Le fichier PDF est illisible.</actes:Detail></actes:AnomalieActe>`;
    assert.deepEqual(parsePrefectureReturn(ano), {
      type: '1-3',
      idActe: null,
      date: '2026-11-23',
      nature: '2',
      detail: 'Le fichier PDF est illisible.',
    });
    assert.match((parsePrefectureReturn('<x/>') as { problem: string }).problem, /ni un accusé/);
    const badId = ar.replace(id, 'n-importe-quoi');
    assert.match((parsePrefectureReturn(badId) as { problem: string }).problem, /identifiant/);
  });
});

describe('registre d’intégrité', () => {
  const payload = canonicalPayload({
    acteId: 1,
    numero: 'A2026_001',
    nature: 'arrete_reglementaire',
    objet: 'Objet',
    dateDecision: '2026-11-20',
    auteur: 'Marie Lefebvre, Maire',
    date: '2026-11-21T09:00:00.000Z',
    documents: ['a'.repeat(64)],
  });
  const chain = (n: number) => {
    const out = [];
    let prev = REGISTRE_GENESIS;
    for (let seq = 1; seq <= n; seq++) {
      const e = {
        seq,
        acteId: seq,
        kind: 'publication',
        recordedAt: `2026-11-2${seq}T10:00:00.000Z`,
        payload,
        prevHash: prev,
      };
      const hash = registreHash(prev, e);
      out.push({ ...e, hash });
      prev = hash;
    }
    return out;
  };
  it('vérifie une chaîne intacte', () => {
    assert.deepEqual(verifyLinks(chain(3)), []);
  });
  it('détecte une entrée modifiée, supprimée ou réordonnée', () => {
    const altered = chain(3);
    altered[1] = { ...(altered[1] as (typeof altered)[number]), payload: payload.replace('Objet', 'Autre') };
    assert.deepEqual(
      verifyLinks(altered).map((p) => [p.seq, p.problem]),
      [[2, 'entry altered']],
    );
    const cut = chain(3).filter((e) => e.seq !== 2);
    assert.deepEqual(
      verifyLinks(cut).map((p) => [p.seq, p.problem]),
      [
        [3, 'sequence gap (expected 2)'],
        [3, 'previous hash does not match'],
      ],
    );
  });
});

describe('SCDL délibérations', () => {
  const coll = { nom: 'Avesnes', siret: '21620001000017' };
  const d = {
    id: 4,
    numero: 'D2026_001',
    dateDecision: '2026-11-20',
    matiereCode: '7.10',
    objet: 'Tarifs, « cantine » et "garderie"',
    prefService: 'PREF062',
    arRecuLe: '2026-11-22',
    vote: { effectif: 15, pour: 11, contre: 2, abstention: 1 },
  };
  it('remplit les colonnes dans l’ordre du schéma, VOTE_REEL = pour + contre + abstention', () => {
    const row = scdlDeliberationRow(coll, d, NOMENCLATURE_NATIONALE.items, 'https://x.fr/actes/4/D2026_001.pdf');
    assert.deepEqual(Object.fromEntries(SCDL_DELIBERATIONS_COLUMNS.map((c, i) => [c, row?.[i]])), {
      COLL_NOM: 'Avesnes',
      COLL_SIRET: '21620001000017',
      DELIB_ID: 'D2026_001',
      DELIB_DATE: '2026-11-20',
      DELIB_MATIERE_CODE: '7.10',
      DELIB_MATIERE_NOM: 'finances locales/divers',
      DELIB_OBJET: 'Tarifs, « cantine » et "garderie"',
      BUDGET_ANNEE: '',
      BUDGET_NOM: '',
      PREF_ID: 'PREF062',
      PREF_DATE: '2026-11-22',
      VOTE_EFFECTIF: '15',
      VOTE_REEL: '14',
      VOTE_POUR: '11',
      VOTE_CONTRE: '2',
      VOTE_ABSTENTION: '1',
      DELIB_URL: 'https://x.fr/actes/4/D2026_001.pdf',
    });
  });
  it('réduit la matière au niveau 2, laisse le vote vide sans chiffres, écarte une date de préfecture antérieure', () => {
    const row = scdlDeliberationRow(
      coll,
      { ...d, matiereCode: '8.3.1', vote: null, arRecuLe: '2026-11-19', prefService: 'n’importe quoi' },
      NOMENCLATURE_NATIONALE.items,
      'u',
    );
    assert.equal(row?.[4], '8.3');
    assert.deepEqual(row?.slice(9, 16), ['', '', '', '', '', '', '']);
    assert.equal(scdlDeliberationRow(coll, { ...d, matiereCode: '12.1' }, NOMENCLATURE_NATIONALE.items, 'u'), null);
  });
});

describe('import d’actes anciens', () => {
  const header = 'numero;nature;objet;date_decision;matiere;auteur_nom;auteur_qualite;date_publication;fichier';
  const ctx = { taken: new Set(['A2024_001']), matieres: new Set(['6.1', '8.3']), files: new Set(['a.pdf', 'b.pdf']) };
  it('lit natures et dates sous leurs différentes formes', () => {
    assert.equal(natureOf('AR'), 'arrete_reglementaire');
    assert.equal(natureOf('3'), 'arrete_individuel');
    assert.equal(natureOf('deliberation'), 'deliberation');
    assert.equal(natureOf('arrêté'), null);
    assert.equal(dateOf('05/03/2024'), '2024-03-05');
    assert.equal(dateOf('2024-03-05'), '2024-03-05');
    assert.equal(dateOf('31/02/2024'), null);
  });
  it('accepte un fichier correct', () => {
    const csv = `${header}\nA2024_002;AR;Circulation rue Haute;2024-03-05;6.1;Marie Lefebvre;Maire;06/03/2024;a.pdf\n`;
    const r = checkImport(csv, ctx);
    assert.ok(r.ok);
    assert.equal(r.lines[0]?.nature, 'arrete_reglementaire');
    assert.equal(r.lines[0]?.datePublication, '2024-03-06');
  });
  it('signale chaque ligne fausse en français', () => {
    const csv = [
      header,
      'A2024_001;AR;Déjà pris;2024-03-05;6.1;M;Maire;2024-03-06;a.pdf',
      'A2024_003;XX;Nature inconnue;2024-03-05;;M;Maire;2024-03-06;a.pdf',
      'A2024_004;AR;Date fausse;2024-02-30;;M;Maire;2024-03-06;a.pdf',
      'A2024_005;AR;Fichier absent;2024-03-05;9.9;M;Maire;2024-03-06;c.pdf',
      'A2024_005;AI;Doublon;2024-03-05;;M;Maire;2024-03-01;b.pdf',
    ].join('\n');
    const r = checkImport(csv, ctx);
    assert.ok(!r.ok);
    assert.deepEqual(r.problems, [
      { line: 2, message: 'Le numéro A2024_001 est déjà attribué à un acte de la commune.' },
      { line: 3, message: 'La nature « XX » n’est pas reconnue (DE, AR, AI, CC, BF ou AU).' },
      { line: 4, message: 'La date de décision « 2024-02-30 » n’est pas une date valide.' },
      { line: 5, message: 'La matière 9.9 n’existe pas dans la classification.' },
      { line: 5, message: 'Le fichier c.pdf est absent du dossier ou de l’archive.' },
      { line: 6, message: 'Le numéro A2024_005 figure déjà à la ligne 5.' },
      { line: 6, message: 'La publication ne peut pas précéder la décision.' },
    ]);
  });
  it('refuse un fichier sans les colonnes attendues', () => {
    const r = checkImport('numero;objet\nA1;x\n', ctx);
    assert.ok(!r.ok);
    assert.match(r.problems[0]?.message ?? '', /Colonnes manquantes : nature, date_decision/);
  });
});
