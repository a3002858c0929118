import {
  type CampaignStats,
  categoriesOf,
  evolution,
  GROUP_KEYS,
  type GroupKey,
  type GroupStats,
  type QuestionStats,
  TRANCHES,
} from './barometre.stats.js';
import type { ChartRow } from './chart.model.js';
import { formatNombre, formatPart, formatPoints } from './chart.model.js';
import { referenceFor } from './questionnaire.data.js';
import type { Question } from './questionnaire.types.js';

/** Pure view-model helpers shared by the pages, the PDF report and the exports. */

export const categoryLabel = (q: Question, code: string): string =>
  q.options?.find((o) => o.code === code)?.label ??
  (q.type === 'echelle'
    ? `${code}${code === String(q.min ?? 1) && q.minLabel ? ` (${q.minLabel})` : ''}${code === String(q.max ?? 5) && q.maxLabel ? ` (${q.maxLabel})` : ''}`
    : code);

export const isCategorical = (q: Question): boolean =>
  q.type === 'choix' || q.type === 'choix_multiples' || q.type === 'echelle';

/** The rows of the overall chart: one per option, with the national figure where there is one. */
export function overallRows(q: Question, s: QuestionStats): ChartRow[] {
  const g = s.groups.ensemble;
  return categoriesOf(q).map((c) => {
    const p = g.parts?.[c];
    const ref = referenceFor(q.code, c);
    return {
      label: categoryLabel(q, c),
      part: g.secret || !p ? null : p.part,
      ...(p && !g.secret ? { low: p.low, high: p.high } : {}),
      ...(ref ? { reference: ref.part } : {}),
    };
  });
}

/** The rows of the chart by population band, for the question's main option. */
export function bandRows(q: Question, s: QuestionStats): ChartRow[] | null {
  if (!q.principale) return null;
  const option = q.principale;
  return TRANCHES.map((t) => {
    const g = s.groups[t.code];
    const p = g.parts?.[option];
    return {
      label: t.label,
      part: g.secret || !p ? null : p.part,
      ...(p && !g.secret ? { low: p.low, high: p.high } : {}),
    };
  });
}

/** A table cell of a share: "36 % (31–41 %)", or the secrecy mention. */
export function partCell(g: GroupStats, code: string): string {
  if (g.secret) return g.secret === 'primaire' ? 'secret (< 5)' : 'secret (déduction)';
  const p = g.parts?.[code];
  if (!p) return '—';
  const pct = (x: number) => Math.round(x * 100);
  return `${formatPart(p.part)} (${pct(p.low)}–${pct(p.high)})`;
}

export function numberCell(g: GroupStats, what: 'moyenne' | 'mediane'): string {
  if (g.secret) return g.secret === 'primaire' ? 'secret (< 5)' : 'secret (déduction)';
  const v = g[what];
  return v === undefined || Number.isNaN(v) ? '—' : formatNombre(v);
}

export interface TableModel {
  columns: { key: GroupKey; label: string }[];
  rows: { label: string; cells: string[]; evolution?: string; reference?: string }[];
  counts: string[];
  hasEvolution: boolean;
  hasReference: boolean;
}

const COLUMNS = GROUP_KEYS.map((k) => ({
  key: k,
  label: k === 'ensemble' ? 'Ensemble' : (TRANCHES.find((t) => t.code === k)?.court ?? k),
}));

/** The data table of a question: by option (or mean and median), overall and by band. */
export function questionTable(q: Question, s: QuestionStats, previous: QuestionStats | undefined): TableModel {
  const evo = previous ? evolution(s, previous) : null;
  const evoText = (key: string) => {
    const v = evo?.[key];
    return v === null || v === undefined ? '—' : key === 'moyenne' ? formatNombre(v) : formatPoints(v);
  };
  const rows = isCategorical(q)
    ? categoriesOf(q).map((c) => ({
        label: categoryLabel(q, c),
        cells: COLUMNS.map((col) => partCell(s.groups[col.key], c)),
        ...(evo ? { evolution: evoText(c) } : {}),
        reference: referenceFor(q.code, c)?.libelle ?? '',
      }))
    : [
        { label: 'Moyenne', cells: COLUMNS.map((col) => numberCell(s.groups[col.key], 'moyenne')) },
        { label: 'Médiane', cells: COLUMNS.map((col) => numberCell(s.groups[col.key], 'mediane')) },
      ].map((r, i) => ({
        ...r,
        ...(evo && i === 0 ? { evolution: evoText('moyenne') } : evo ? { evolution: '' } : {}),
      }));
  return {
    columns: COLUMNS,
    rows,
    counts: COLUMNS.map((col) => String(s.groups[col.key].n)),
    hasEvolution: evo !== null,
    hasReference: rows.some((r) => 'reference' in r && r.reference),
  };
}

/** The sample: respondents by band, with their share of the whole. */
export function sampleRows(stats: CampaignStats): { label: string; n: number; part: string }[] {
  const total = stats.repondants.ensemble;
  return TRANCHES.map((t) => ({
    label: t.label,
    n: stats.repondants[t.code],
    part: total > 0 ? formatPart(stats.repondants[t.code] / total) : '—',
  }));
}
