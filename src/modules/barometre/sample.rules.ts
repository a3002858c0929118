import { type TrancheCode, trancheOf } from './barometre.stats.js';
import { INSEE_COLUMN } from './import.rules.js';
import { encodeValue, isApplicable } from './questionnaire.rules.js';
import { allQuestions, type Question, type Questionnaire, type Valeurs } from './questionnaire.types.js';

/**
 * A generated sample of answers (demo, tests, benchmark): seeded, so the same seed always gives the
 * same communes and answers. The rates roughly follow the national figures, higher in larger communes.
 */

/** Mulberry32: a small, fast, seeded pseudo-random generator with values in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BAND_INDEX: Record<TrancheCode, number> = { moins_500: 0, '500_1999': 1, '2000_3499': 2, '3500_9999': 3 };

/** Probability of each option by question (index: band), where the default (uniform) would be unlikely. */
const RATES: Record<string, Record<string, readonly number[]>> = {
  teletravail_crise: { oui: [0.22, 0.36, 0.5, 0.62] },
  effets_durables: { oui: [0.3, 0.4, 0.48, 0.55] },
  site_internet: { oui: [0.58, 0.78, 0.9, 0.97] },
  cyberattaque: { oui: [0.14, 0.2, 0.25, 0.3], ne_sait_pas: [0.1, 0.08, 0.06, 0.05] },
  demunis: { oui: [0.62, 0.55, 0.47, 0.4] },
  manque_moyens: { oui: [0.62, 0.55, 0.48, 0.42] },
  antivirus_rancongiciel: { oui: [0.18, 0.27, 0.36, 0.45], ne_sait_pas: [0.35, 0.3, 0.22, 0.15] },
  fibre: { oui: [0.45, 0.6, 0.72, 0.85], prevu: [0.3, 0.25, 0.18, 0.1] },
  visioconference: { oui: [0.3, 0.45, 0.62, 0.8] },
  outils_ia: { oui: [0.08, 0.12, 0.18, 0.26], ne_sait_pas: [0.2, 0.18, 0.15, 0.12] },
  teletravail_aujourdhui: { regulier: [0.03, 0.06, 0.1, 0.16], occasionnel: [0.09, 0.15, 0.2, 0.25] },
  sauvegardes: {
    quotidienne: [0.2, 0.3, 0.45, 0.6],
    hebdomadaire: [0.3, 0.3, 0.28, 0.25],
    mensuelle: [0.2, 0.2, 0.15, 0.1],
  },
  projets: {
    services_citoyens: [0.35, 0.45, 0.52, 0.6],
    dematerialisation_actes: [0.25, 0.33, 0.4, 0.45],
    equipement_elus: [0.18, 0.22, 0.26, 0.3],
    visioconference: [0.1, 0.15, 0.2, 0.25],
    fibre: [0.2, 0.18, 0.12, 0.08],
    videoprotection: [0.08, 0.15, 0.3, 0.45],
  },
};

function pickChoice(q: Question, band: number, rand: () => number): string {
  const options = q.options ?? [];
  const rates = RATES[q.code] ?? {};
  const fixed = options.reduce((s, o) => s + (rates[o.code]?.[band] ?? 0), 0);
  const free = options.filter((o) => rates[o.code] === undefined);
  let r = rand();
  for (const o of options) {
    const p = rates[o.code]?.[band] ?? (1 - fixed) / Math.max(1, free.length);
    if (r < p) return o.code;
    r -= p;
  }
  return options[options.length - 1]!.code;
}

function pickMultiple(q: Question, band: number, rand: () => number): string[] {
  const options = (q.options ?? []).filter((o) => o.code !== 'aucun');
  const rates = RATES[q.code] ?? {};
  const chosen = options.filter((o) => rand() < (rates[o.code]?.[band] ?? 0.45)).map((o) => o.code);
  if (chosen.length > 0) return chosen;
  return q.options?.some((o) => o.code === 'aucun') ? ['aucun'] : [options[0]!.code];
}

function pickNumber(q: Question, population: number, rand: () => number): number {
  if (q.type === 'pourcentage') return Math.round(rand() * 100);
  if (q.type === 'echelle') return (q.min ?? 1) + Math.floor(rand() * ((q.max ?? 5) - (q.min ?? 1) + 1));
  if (q.code === 'nb_ordinateurs') return 1 + Math.floor((population / 500) * (0.5 + rand()));
  return Math.floor(rand() * 12);
}

/** One commune's generated answers, conditions respected. */
export function generateValeurs(questionnaire: Questionnaire, population: number, rand: () => number): Valeurs {
  const band = BAND_INDEX[trancheOf(population) ?? 'moins_500'];
  const valeurs: Valeurs = {};
  for (const q of allQuestions(questionnaire)) {
    if (!isApplicable(q, valeurs)) continue;
    if (q.facultative && rand() < 0.4) continue;
    if (q.type === 'texte') continue;
    if (q.type === 'choix') valeurs[q.code] = pickChoice(q, band, rand);
    else if (q.type === 'choix_multiples') valeurs[q.code] = pickMultiple(q, band, rand);
    else valeurs[q.code] = pickNumber(q, population, rand);
  }
  return valeurs;
}

export interface SampleCommune {
  code: string;
  nom: string;
  population: number;
}

/** Picks `n` distinct communes of the list (sorted by code first, so the pick depends only on the seed). */
export function pickCommunes(list: readonly SampleCommune[], n: number, rand: () => number): SampleCommune[] {
  const pool = [...list].sort((a, b) => (a.code < b.code ? -1 : 1));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

export interface SampleRow {
  commune: SampleCommune;
  valeurs: Valeurs;
}

/** A generated sample of `n` communes of the list. */
export function generateSample(
  questionnaire: Questionnaire,
  list: readonly SampleCommune[],
  n: number,
  seed: number,
): SampleRow[] {
  const rand = seededRandom(seed);
  return pickCommunes(list, n, rand).map((commune) => ({
    commune,
    valeurs: generateValeurs(questionnaire, commune.population, rand),
  }));
}

/** The sample as the import's CSV (`;`-separated, header of question codes). */
export function sampleCsv(questionnaire: Questionnaire, rows: readonly SampleRow[]): string {
  const codes = allQuestions(questionnaire).map((q) => q.code);
  const quote = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [[INSEE_COLUMN, ...codes].join(';')];
  for (const r of rows) lines.push([r.commune.code, ...codes.map((c) => quote(encodeValue(r.valeurs[c])))].join(';'));
  return `${lines.join('\n')}\n`;
}
