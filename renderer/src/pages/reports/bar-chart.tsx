import { useId } from 'react';

export interface BarDatum {
  key: string | number;
  label: string;
  /** null: nothing measured (drawn as a gap, said in words). */
  value: number | null;
}

/**
 * A horizontal bar chart in plain SVG: one row per item, scaled to `max`.
 * For assistive technology the SVG is one image with a title and a summary,
 * each bar is labelled with its value, and the same numbers are in a table
 * under a disclosure (the chart never carries information the table lacks).
 */
export function BarChart({
  title,
  description,
  data,
  max,
  unit,
  format = (v) => String(v),
  tone = 'accent',
}: {
  title: string;
  description: string;
  data: readonly BarDatum[];
  /** Full scale; at least the largest value. */
  max: number;
  unit: string;
  format?: (v: number) => string;
  tone?: 'accent' | 'warn' | 'ok';
}) {
  const id = useId();
  const rowH = 22;
  const labelW = 180;
  const valueW = 80;
  const plotW = 420;
  const top = 18;
  const height = top + data.length * rowH + 8;
  const width = labelW + plotW + valueW;
  const scale = max > 0 ? plotW / max : 0;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
  const words = (v: number | null) => (v === null ? 'not measured' : `${format(v)} ${unit}`.trim());
  return (
    <figure className="chart">
      <svg className="chart__svg" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t ${id}-d`} preserveAspectRatio="xMinYMin meet">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <g aria-hidden="true">
          {ticks.map((t) => (
            <g key={t}>
              <line className="chart__grid" x1={labelW + t * scale} x2={labelW + t * scale} y1={top - 4} y2={height - 6} />
              <text className="chart__tick" x={labelW + t * scale} y={top - 7} textAnchor="middle">
                {format(t)}
              </text>
            </g>
          ))}
        </g>
        {data.map((d, i) => {
          const y = top + i * rowH;
          const w = d.value === null ? 0 : Math.max(d.value > 0 ? 1 : 0, d.value * scale);
          return (
            <g key={d.key} role="presentation">
              <text className="chart__label" x={labelW - 8} y={y + rowH / 2 + 4} textAnchor="end">
                {d.label.length > 26 ? `${d.label.slice(0, 25)}…` : d.label}
              </text>
              <rect className={`chart__bar chart__bar--${tone}`} x={labelW} y={y + 3} width={w} height={rowH - 6} rx={2}>
                <title>{`${d.label}: ${words(d.value)}`}</title>
              </rect>
              <text className="chart__value" x={labelW + w + 6} y={y + rowH / 2 + 4}>
                {d.value === null ? 'n/a' : format(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__caption">{title}</figcaption>
      <details className="chart__data">
        <summary>Show the figures as a table</summary>
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Camera</th>
              <th scope="col" className="num">
                {unit || 'Value'}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.key}>
                <th scope="row">{d.label}</th>
                <td className="num">{d.value === null ? 'not measured' : format(d.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
