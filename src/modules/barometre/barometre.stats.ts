import { allQuestions, type Question, type Questionnaire, type Valeurs } from './questionnaire.types.js';

/**
 * The statistics of the baromètre, pure: shares with their Wilson 95 % interval, by population band,
 * means and medians, year-over-year change, and statistical secrecy (no group of fewer than
 * SECRET_MIN communes is ever shown, nor one that could be deduced from the others).
 */

export const SECRET_MIN = 5;
/** The 97.5th percentile of the standard normal distribution. */
export const Z_95 = 1.959963984540054;

export const TRANCHES = [
  { code: 'moins_500', label: 'Moins de 500 habitants', court: '< 500', max: 499 },
  { code: '500_1999', label: '500 à 1 999 habitants', court: '500–1 999', max: 1999 },
  { code: '2000_3499', label: '2 000 à 3 499 habitants', court: '2 000–3 499', max: 3499 },
  { code: '3500_9999', label: '3 500 à 9 999 habitants', court: '3 500–9 999', max: 9999 },
] as const;
export type TrancheCode = (typeof TRANCHES)[number]['code'];
export type GroupKey = 'ensemble' | TrancheCode;
export const GROUP_KEYS: readonly GroupKey[] = ['ensemble', ...TRANCHES.map((t) => t.code)];
/** Position of each band in GROUP_KEYS. */
const BAND_POSITION = Object.fromEntries(TRANCHES.map((t, i) => [t.code, i + 1])) as Record<TrancheCode, number>;

export const trancheLabel = (code: GroupKey): string =>
  code === 'ensemble' ? 'Ensemble' : (TRANCHES.find((t) => t.code === code)?.label ?? code);

/** The population band of a commune; null from 10,000 inhabitants (outside the survey). */
export function trancheOf(population: number): TrancheCode | null {
  if (!Number.isFinite(population) || population < 0) return null;
  return TRANCHES.find((t) => population <= t.max)?.code ?? null;
}

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval of x successes out of n (E. B. Wilson, 1927); [0, 1] when n is 0. */
export function wilson(x: number, n: number, z = Z_95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = x / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface Part extends Interval {
  count: number;
  n: number;
  part: number;
}

export const part = (count: number, n: number): Part => ({
  count,
  n,
  part: n > 0 ? count / n : 0,
  ...wilson(count, n),
});

/** Why a group is not shown: too few communes, or deducible from the others. */
export type Secret = 'primaire' | 'secondaire';

export interface GroupStats {
  /** Communes that answered the question in this group. */
  n: number;
  secret: Secret | null;
  /** By option (by level for a scale); absent when secret. */
  parts?: Record<string, Part>;
  moyenne?: number;
  mediane?: number;
}

export interface QuestionStats {
  code: string;
  groups: Record<GroupKey, GroupStats>;
}

export interface Respondent {
  tranche: TrancheCode;
  valeurs: Valeurs;
}

export function median(sorted: ArrayLike<number>): number {
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The levels of a scale question, as option codes "1".."5". */
export const scaleLevels = (q: Question): string[] => {
  const levels: string[] = [];
  for (let l = q.min ?? 1; l <= (q.max ?? 5); l++) levels.push(String(l));
  return levels;
};

/** The categories counted for a question: its options, or a scale's levels; none for numbers and text. */
export function categoriesOf(q: Question): string[] {
  if (q.type === 'choix' || q.type === 'choix_multiples') return (q.options ?? []).map((o) => o.code);
  if (q.type === 'echelle') return scaleLevels(q);
  return [];
}

const hide = (g: GroupStats, secret: Secret): GroupStats => ({ n: g.n, secret });

/**
 * Statistical secrecy. Primary: a group of fewer than SECRET_MIN communes. Secondary: when exactly one
 * band is hidden while the whole is shown, the band would follow by subtraction, so the next smallest
 * band is hidden too.
 */
export function applySecrecy(groups: Record<GroupKey, GroupStats>): Record<GroupKey, GroupStats> {
  const out = { ...groups };
  for (const key of GROUP_KEYS) if (out[key].n < SECRET_MIN) out[key] = hide(out[key], 'primaire');
  if (out.ensemble.secret) return out;
  const bands = TRANCHES.map((t) => t.code);
  const hidden = bands.filter((b) => out[b].secret && out[b].n > 0);
  if (hidden.length === 1) {
    const next = bands.filter((b) => !out[b].secret).sort((a, b) => out[a].n - out[b].n)[0];
    if (next) out[next] = hide(out[next], 'secondaire');
  }
  return out;
}

const isNumeric = (q: Question) => q.type === 'nombre' || q.type === 'pourcentage' || q.type === 'echelle';

/**
 * A question's figures, overall and by band, secrecy applied. Answers to it must be applicable ones.
 * One pass over the answers into flat counters: this runs for every question of 10,000 answers.
 */
export function questionStats(q: Question, respondents: readonly Respondent[]): QuestionStats {
  const categories = categoriesOf(q);
  const index = new Map(categories.map((c, i) => [c, i]));
  const k = categories.length;
  const counts = new Int32Array(GROUP_KEYS.length * k);
  const n = new Int32Array(GROUP_KEYS.length);
  const numbers = GROUP_KEYS.map(() => [] as number[]);
  const count = (g: number, c: string) => {
    const i = index.get(c);
    if (i !== undefined) {
      counts[i]!++;
      counts[g * k + i]!++;
    }
  };
  for (const r of respondents) {
    const v = r.valeurs[q.code];
    if (v === undefined) continue;
    const g = BAND_POSITION[r.tranche];
    n[0]!++;
    n[g]!++;
    if (Array.isArray(v)) for (const c of v) count(g, c);
    else if (k > 0) count(g, String(v));
    if (typeof v === 'number') {
      numbers[0]!.push(v);
      numbers[g]!.push(v);
    }
  }
  const groups = {} as Record<GroupKey, GroupStats>;
  GROUP_KEYS.forEach((key, g) => {
    const stats: GroupStats = { n: n[g]!, secret: null };
    if (k > 0) {
      stats.parts = Object.fromEntries(categories.map((c, i) => [c, part(counts[g * k + i]!, n[g]!)]));
    }
    if (isNumeric(q)) {
      const sorted = Float64Array.from(numbers[g]!).sort();
      stats.moyenne = sorted.length > 0 ? sorted.reduce((sum, x) => sum + x, 0) / sorted.length : Number.NaN;
      stats.mediane = median(sorted);
    }
    groups[key] = stats;
  });
  return { code: q.code, groups: applySecrecy(groups) };
}

export interface CampaignStats {
  /** Respondents, overall and by band (counts of communes are not secret). */
  repondants: Record<GroupKey, number>;
  questions: Record<string, QuestionStats>;
}

/** Every question's figures for one campaign's respondents. */
export function campaignStats(questionnaire: Questionnaire, respondents: readonly Respondent[]): CampaignStats {
  const repondants = Object.fromEntries(GROUP_KEYS.map((k) => [k, 0])) as Record<GroupKey, number>;
  for (const r of respondents) {
    repondants.ensemble++;
    repondants[r.tranche]++;
  }
  const questions: Record<string, QuestionStats> = {};
  for (const q of allQuestions(questionnaire)) {
    if (q.type !== 'texte') questions[q.code] = questionStats(q, respondents);
  }
  return { repondants, questions };
}

/**
 * Year-over-year change of the whole sample, in percentage points by category (in units for the mean
 * of a number); null where either year is secret or lacks the category.
 */
export function evolution(current: QuestionStats, previous: QuestionStats | undefined): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const now = current.groups.ensemble;
  const before = previous?.groups.ensemble;
  for (const [cat, p] of Object.entries(now.parts ?? {})) {
    const old = before?.parts?.[cat];
    out[cat] = old && !before?.secret ? (p.part - old.part) * 100 : null;
  }
  if (now.moyenne !== undefined) {
    out.moyenne = before?.moyenne !== undefined && !before.secret ? now.moyenne - before.moyenne : null;
  }
  return out;
}
