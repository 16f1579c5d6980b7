/** A small trend line of one indicator's series; its text alternative names the first and latest figure. */
import { useFigure } from '@/lib/figures';
import { useI18n } from '@/lib/i18n';

export interface Point {
  period: string;
  value: number | null;
}

const WIDTH = 120;
const HEIGHT = 32;

export function Sparkline({ name, points, unit, decimals }: { name: string; points: Point[]; unit: string; decimals: number }) {
  const { t } = useI18n();
  const figure = useFigure();
  const known = points.filter((p): p is { period: string; value: number } => p.value !== null);
  if (known.length < 2) return null;
  const values = known.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (i: number) => (points.length === 1 ? 0 : (i / (points.length - 1)) * WIDTH);
  const y = (v: number) => (max === min ? HEIGHT / 2 : HEIGHT - 2 - ((v - min) / (max - min)) * (HEIGHT - 4));
  // A missing or withheld period breaks the line: never drawn as 0.
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));
  const first = known[0]!;
  const last = known[known.length - 1]!;
  const label = t('overview.trend', {
    name,
    first: figure(first.value, { unit, decimals }),
    firstPeriod: first.period,
    last: figure(last.value, { unit, decimals }),
    lastPeriod: last.period,
  });
  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <title>{label}</title>
      {segments.map((s, i) =>
        s.includes(' ') ? (
          <polyline key={i} points={s} fill="none" stroke="currentColor" strokeWidth="2" />
        ) : (
          <circle key={i} cx={s.split(',')[0]} cy={s.split(',')[1]} r="2" fill="currentColor" />
        ),
      )}
      <circle cx={x(points.map((p) => p.value !== null).lastIndexOf(true))} cy={y(last.value)} r="3" fill="currentColor" />
    </svg>
  );
}
