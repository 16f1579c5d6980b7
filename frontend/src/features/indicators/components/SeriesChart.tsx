/**
 * The series of one indicator for Høje Gladsaxe against its comparison areas, with baseline, target
 * and threshold lines: an inline SVG (role="img" with a title and description). Every number in it is
 * also in the table that follows it; the legend is real text, and lines differ by dash, not colour alone.
 */
import { useId } from 'react';
import { useI18n } from '@/lib/i18n';
import { BOX, layout, thinLabels, type RefLine, type Series } from '../chart';

const STYLES = [
  { stroke: '#0059b3', width: 3.5, dash: undefined, marker: 'circle' },
  { stroke: '#b34700', width: 2, dash: '8 4', marker: 'square' },
  { stroke: '#2e7d32', width: 2, dash: '3 3', marker: 'diamond' },
  { stroke: '#6a1b9a', width: 2, dash: '12 4 3 4', marker: 'triangle' },
  { stroke: '#454545', width: 2, dash: '2 6', marker: 'circle' },
] as const;

const REF_STROKE: Record<RefLine['kind'], string> = { baseline: '#454545', target: '#2e7d32', threshold: '#b00020' };

function Marker({ kind, x, y, color }: { kind: string; x: number; y: number; color: string }) {
  if (kind === 'square') return <rect x={x - 4} y={y - 4} width={8} height={8} fill={color} />;
  if (kind === 'diamond') return <path d={`M${x},${y - 5}L${x + 5},${y}L${x},${y + 5}L${x - 5},${y}Z`} fill={color} />;
  if (kind === 'triangle') return <path d={`M${x},${y - 5}L${x + 5},${y + 4}L${x - 5},${y + 4}Z`} fill={color} />;
  return <circle cx={x} cy={y} r={4} fill={color} />;
}

export function SeriesChart({
  name,
  series,
  refs,
  areaName,
  format,
}: {
  name: string;
  series: Series[];
  refs: RefLine[];
  areaName: (code: string) => string;
  format: (value: number) => string;
}) {
  const { t, number } = useI18n();
  const id = useId();
  const plot = layout(series, refs);
  if (plot.periods.length === 0) return <p className="state state-empty">{t('indicators.chart.empty')}</p>;
  const labels = new Set(thinLabels(plot.periods));
  const bottom = BOX.height - BOX.bottom;
  return (
    <figure className="series-chart">
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="series-chart-svg"
        preserveAspectRatio="xMidYMid meet"
      >
        <title id={`${id}-title`}>{t('indicators.chart.title', { name })}</title>
        <desc id={`${id}-desc`}>
          {t('indicators.chart.desc', {
            name,
            areas: series.map((s) => areaName(s.area)).join(', '),
            from: plot.periods[0]!,
            to: plot.periods[plot.periods.length - 1]!,
          })}
        </desc>
        <g className="grid" aria-hidden="true">
          {plot.ticks.map((v) => (
            <g key={v}>
              <line x1={BOX.left} x2={BOX.width - BOX.right} y1={plot.y(v)} y2={plot.y(v)} stroke="#dcdcdc" />
              <text x={BOX.left - 8} y={plot.y(v) + 4} textAnchor="end" fontSize="12" fill="#454545">
                {number(v, 2)}
              </text>
            </g>
          ))}
          <line x1={BOX.left} x2={BOX.width - BOX.right} y1={bottom} y2={bottom} stroke="#454545" />
          {plot.periods.map((p, i) =>
            labels.has(p) ? (
              <text
                key={p}
                x={plot.x(p)}
                y={bottom + 20}
                // The edge labels grow inwards so they are never cut off.
                textAnchor={plot.periods.length > 1 && i === 0 ? 'start' : plot.periods.length > 1 && i === plot.periods.length - 1 ? 'end' : 'middle'}
                fontSize="12"
                fill="#454545"
              >
                {p}
              </text>
            ) : null,
          )}
        </g>
        <g className="refs" aria-hidden="true">
          {refs.map((r, i) => (
            <g key={i}>
              <line
                x1={BOX.left}
                x2={BOX.width - BOX.right}
                y1={plot.y(r.value)}
                y2={plot.y(r.value)}
                stroke={REF_STROKE[r.kind]}
                strokeDasharray="6 3"
                strokeWidth={1.5}
              />
              <text x={BOX.width - BOX.right - 4} y={plot.y(r.value) - 4} textAnchor="end" fontSize="11" fill={REF_STROKE[r.kind]}>
                {r.label}
              </text>
            </g>
          ))}
        </g>
        <g className="series" aria-hidden="true">
          {plot.paths.map((p, i) => {
            const s = STYLES[i % STYLES.length]!;
            return (
              <g key={p.area} data-area={p.area}>
                <path d={p.d} fill="none" stroke={s.stroke} strokeWidth={s.width} strokeDasharray={s.dash} />
                {p.dots.map((d) => (
                  <g key={d.period}>
                    <Marker kind={s.marker} x={d.x} y={d.y} color={s.stroke} />
                    <title>{`${areaName(p.area)} ${d.period}: ${format(d.value)}`}</title>
                  </g>
                ))}
              </g>
            );
          })}
        </g>
      </svg>
      <figcaption>
        <span className="sr-only">{t('indicators.chart.legend')}: </span>
        <ul className="chart-legend nobullet-list">
          {series.map((s, i) => {
            const st = STYLES[i % STYLES.length]!;
            return (
              <li key={s.area}>
                <svg width="36" height="12" aria-hidden="true" focusable="false">
                  <line x1="0" x2="36" y1="6" y2="6" stroke={st.stroke} strokeWidth={st.width} strokeDasharray={st.dash} />
                </svg>{' '}
                {areaName(s.area)}
              </li>
            );
          })}
          {refs.map((r, i) => (
            <li key={`r${i}`}>
              <svg width="36" height="12" aria-hidden="true" focusable="false">
                <line x1="0" x2="36" y1="6" y2="6" stroke={REF_STROKE[r.kind]} strokeWidth={1.5} strokeDasharray="6 3" />
              </svg>{' '}
              {r.label}
            </li>
          ))}
        </ul>
        <p className="meta">{t('indicators.chart.gapNote')}</p>
      </figcaption>
    </figure>
  );
}
