import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ImportEnv, validateImport } from './import.rules.js';
import { REFERENCE_EDITION } from './questionnaire.data.js';
import { applicableValeurs, isApplicable, missingAnswers, parseValue } from './questionnaire.rules.js';
import { allQuestions } from './questionnaire.types.js';
import { generateSample, sampleCsv } from './sample.rules.js';

const q = (code: string) => allQuestions(REFERENCE_EDITION).find((x) => x.code === code)!;

const COMMUNES = new Map([
  ['62001', { nom: 'Ablain-Saint-Nazaire', population: 1000 }],
  ['62002', { nom: 'Ablainzevelle', population: 200 }],
  ['62003', { nom: 'Acheville', population: 600 }],
  ['62041', { nom: 'Arras', population: 41000 }],
]);
const env = (over: Partial<ImportEnv> = {}): ImportEnv => ({
  lookup: (code) => COMMUNES.get(code),
  hosted: new Map(),
  existing: new Set(),
  ...over,
});
const list = [...COMMUNES].filter(([, c]) => c.population < 10000).map(([code, c]) => ({ code, ...c }));

describe('règles du questionnaire', () => {
  it('vérifie chaque valeur selon le type de la question', () => {
    assert.deepEqual(parseValue(q('site_internet'), 'oui'), { ok: true, value: 'oui' });
    assert.equal(parseValue(q('site_internet'), 'peut-etre').ok, false);
    assert.deepEqual(parseValue(q('site_usages'), 'evenements|actualites'), {
      ok: true,
      value: ['actualites', 'evenements'],
    });
    assert.equal(parseValue(q('projets'), 'aucun|fibre').ok, false);
    assert.deepEqual(parseValue(q('nb_ordinateurs'), ' 12 '), { ok: true, value: 12 });
    assert.equal(parseValue(q('nb_ordinateurs'), '2,5').ok, false);
    assert.deepEqual(parseValue(q('double_facteur'), '12,5'), { ok: true, value: 12.5 });
    assert.equal(parseValue(q('double_facteur'), '120').ok, false);
    assert.equal(parseValue(q('protection_ressentie'), '6').ok, false);
    assert.deepEqual(parseValue(q('protection_ressentie'), ''), { ok: true, value: undefined });
  });

  it('ne pose une question de suivi que si la réponse l’appelle', () => {
    assert.equal(isApplicable(q('site_usages'), { site_internet: 'oui' }), true);
    assert.equal(isApplicable(q('site_usages'), { site_internet: 'non' }), false);
    const kept = applicableValeurs(REFERENCE_EDITION, { site_internet: 'non', site_usages: ['actualites'] });
    assert.deepEqual(kept, { site_internet: 'non' });
    const missing = missingAnswers(REFERENCE_EDITION, { site_internet: 'non' });
    assert.ok(!missing.includes('site_usages'));
    assert.ok(!missing.includes('commentaire'));
    assert.ok(missing.includes('cyberattaque'));
    assert.ok(missingAnswers(REFERENCE_EDITION, { site_internet: 'oui' }).includes('site_usages'));
  });
});

describe('validation d’un import CSV', () => {
  const good = sampleCsv(REFERENCE_EDITION, generateSample(REFERENCE_EDITION, list, 3, 7));

  it('accepte un fichier correct et calcule la tranche depuis les données officielles', () => {
    const r = validateImport(good, REFERENCE_EDITION, env());
    assert.deepEqual(r.rejets, []);
    assert.equal(r.rows.length, 3);
    assert.equal(r.rows.find((x) => x.insee === '62002')?.tranche, 'moins_500');
  });

  it('signale chaque ligne fautive avec sa commune, sa colonne et son motif', () => {
    const lines = good.trim().split('\n');
    const header = lines[0]!.split(';');
    const col = header.indexOf('site_internet');
    const bad = lines[1]!.split(';');
    bad[col] = 'peut-etre';
    const unknown = lines[2]!.replace(/^\d+/, '99999');
    const big = lines[3]!.replace(/^\d+/, '62041');
    const csv = [lines[0], bad.join(';'), unknown, big, lines[1]].join('\n');
    const r = validateImport(csv, REFERENCE_EDITION, env());
    const at = (ligne: number) => r.rejets.filter((x) => x.ligne === ligne);
    assert.equal(at(2)[0]?.colonne, 'site_internet');
    assert.match(at(2)[0]!.motif, /ne fait pas partie des choix/);
    assert.match(at(3)[0]!.motif, /Code INSEE inconnu/);
    assert.equal(at(3)[0]!.insee, '99999');
    assert.match(at(4)[0]!.motif, /10 000 habitants ou plus/);
    assert.match(at(5)[0]!.motif, /déjà présente ligne 2/);
  });

  it('signale une colonne manquante, une commune hébergée ou ayant déjà répondu', () => {
    const lines = good.trim().split('\n');
    const drop = (line: string) => line.split(';').slice(0, -1).join(';');
    const missing = validateImport(lines.map(drop).join('\n'), REFERENCE_EDITION, env());
    assert.deepEqual(
      missing.rejets.map((x) => [x.ligne, x.colonne, x.motif]),
      [[1, 'commentaire', 'Colonne manquante.']],
    );
    const codes = lines.slice(1).map((l) => l.split(';')[0]!);
    const other = validateImport(
      good,
      REFERENCE_EDITION,
      env({ hosted: new Map([[codes[0]!, 'X']]), existing: new Set([codes[1]!]) }),
    );
    assert.match(other.rejets[0]!.motif, /hébergée par la plateforme/);
    assert.match(other.rejets[1]!.motif, /déjà une réponse/);
    const short = validateImport(`${lines[0]}\n62001;oui\n`, REFERENCE_EDITION, env());
    assert.match(short.rejets[0]!.motif, /colonnes au lieu de/);
    assert.match(validateImport('', REFERENCE_EDITION, env()).rejets[0]!.motif, /vide/);
  });
});
