import { type ChartGeometry, type ChartRow, chartGeometry } from '../chart.model.js';

/**
 * A bar chart of shares as server-rendered SVG (no script). The SVG is an image with a title; its
 * figures are in the data table that follows it, for screen readers and for everyone.
 */
export function BarChart({ id, title, rows }: { id: string; title: string; rows: ChartRow[] }) {
  const g: ChartGeometry = chartGeometry(rows);
  const titleId = `${id}-titre`;
  return (
    <svg
      class="bchart"
      viewBox={`0 0 ${g.width} ${g.height}`}
      role="img"
      aria-labelledby={titleId}
      focusable="false"
      font-size={g.fontSize}
    >
      <title id={titleId}>{title}</title>
      {g.axis.ticks.map((t) => (
        <g key={t.label} class="bchart__tick">
          <line x1={t.x} x2={t.x} y1={g.axis.top} y2={g.axis.y} />
          <text x={t.x} y={g.axis.y + g.fontSize + 2} text-anchor="middle">
            {t.label}
          </text>
        </g>
      ))}
      {g.rows.map((r, i) => (
        <g key={i}>
          {r.lines.map((l) => (
            <text key={l.y} x={r.barX} y={l.y} class="bchart__label">
              {l.text}
            </text>
          ))}
          {r.barWidth !== null ? (
            <rect class="bchart__bar" x={r.barX} y={r.barY} width={r.barWidth} height={g.barHeight} rx="2" />
          ) : (
            <rect class="bchart__secret" x={r.barX} y={r.barY} width="4" height={g.barHeight} />
          )}
          {r.ci && (
            <line
              class="bchart__ci"
              x1={r.ci.x1}
              x2={r.ci.x2}
              y1={r.barY + g.barHeight / 2}
              y2={r.barY + g.barHeight / 2}
            />
          )}
          {r.refX !== null && (
            <path
              class="bchart__ref"
              d={`M${r.refX} ${r.barY - 3} l5 ${g.barHeight / 2 + 3} l-5 ${g.barHeight / 2 + 3} l-5 ${-(g.barHeight / 2 + 3)} z`}
            />
          )}
          <text x={r.valueX} y={r.barY + g.barHeight - 3} class="bchart__value">
            {r.valueText}
          </text>
        </g>
      ))}
      <line class="bchart__axis" x1={g.axis.x0} x2={g.axis.x1} y1={g.axis.y} y2={g.axis.y} />
    </svg>
  );
}

/** The legend shared by every chart of a page. */
export function ChartLegend({ withReference }: { withReference: boolean }) {
  return (
    <p class="bchart-legend">
      Barre : part des communes. Trait : intervalle de confiance à 95 % (Wilson).
      {withReference && ' Losange : chiffre national de l’édition de référence.'} Un groupe de moins de 5 communes n’est
      jamais montré (secret statistique).
    </p>
  );
}
