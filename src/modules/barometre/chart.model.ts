import { formatLocale } from 'd3-format';
import { scaleLinear } from 'd3-scale';

/**
 * The geometry of a horizontal bar chart of shares, computed once and drawn twice: as SVG in the
 * pages and with pdfkit's vector API in the report, so both show the same figures. Scales and ticks
 * come from d3-scale, French number formats from d3-format.
 */

export const fr = formatLocale({
  decimal: ',',
  thousands: '\u202f',
  grouping: [3],
  currency: ['', '\u00a0€'],
  percent: '\u202f%',
});
const percent0 = fr.format('.0%');
const decimal1 = fr.format(',.1~f');

/** A share as "36 %". */
export const formatPart = (p: number): string => percent0(p);
/** A number with at most one decimal, French style. */
export const formatNombre = (x: number): string => decimal1(x);
/** A change in percentage points with its sign. */
export const formatPoints = (x: number): string =>
  `${x > 0 ? '+' : x < 0 ? '−' : ''}${decimal1(Math.abs(x))}\u00a0pt${Math.abs(x) >= 2 ? 's' : ''}`;

export interface ChartRow {
  label: string;
  /** null: not shown (statistical secrecy). */
  part: number | null;
  low?: number;
  high?: number;
  /** The national figure of the reference edition, if any. */
  reference?: number;
}

export interface RowGeometry {
  lines: { text: string; y: number }[];
  barY: number;
  barX: number;
  barWidth: number | null;
  ci: { x1: number; x2: number } | null;
  refX: number | null;
  valueText: string;
  valueX: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  fontSize: number;
  barHeight: number;
  axis: { x0: number; x1: number; y: number; top: number; ticks: { x: number; label: string }[] };
  rows: RowGeometry[];
}

export const SECRET_TEXT = 'secret statistique';

/** Splits a label into lines of at most `max` characters, at spaces. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + word).length + 1 > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Lays out the rows: each label above its bar, the value at the bar's end, the axis below. */
export function chartGeometry(rows: readonly ChartRow[], width = 440, fontSize = 13): ChartGeometry {
  const lineHeight = Math.round(fontSize * 1.3);
  const barHeight = Math.round(fontSize * 1.2);
  // Room for half of the first tick's label (« 0 % ») centred on the axis origin.
  const left = Math.round(fontSize * 1.2);
  const x = scaleLinear()
    .domain([0, 1])
    .range([left, width - 64]);
  const maxChars = Math.floor((width - left) / (fontSize * 0.55));
  let y = 4;
  const out: RowGeometry[] = rows.map((r) => {
    const lines = wrap(r.label, maxChars).map((text) => {
      y += lineHeight;
      return { text, y: y - Math.round(lineHeight * 0.3) };
    });
    const barY = y + 2;
    y = barY + barHeight + Math.round(lineHeight * 0.6);
    const shown = r.part !== null;
    const end = shown ? x(r.part!) : x(0);
    return {
      lines,
      barY,
      barX: x(0),
      barWidth: shown ? Math.max(0, end - x(0)) : null,
      ci: shown && r.low !== undefined && r.high !== undefined ? { x1: x(r.low), x2: x(r.high) } : null,
      refX: r.reference !== undefined ? x(r.reference) : null,
      valueText: shown ? formatPart(r.part!) : SECRET_TEXT,
      valueX: shown ? Math.max(end, r.high !== undefined ? x(r.high) : end) + 6 : x(0) + 2,
    };
  });
  const axisY = y + 2;
  const ticks = x.ticks(5).map((t) => ({ x: x(t), label: formatPart(t) }));
  return {
    width,
    height: axisY + lineHeight + 4,
    fontSize,
    barHeight,
    axis: { x0: x(0), x1: x(1), y: axisY, top: 4, ticks },
    rows: out,
  };
}
