/** Pure chart geometry for the series chart: nice y ticks, scales, and the paths per area. */

export interface Point {
  period: string;
  /** null: no value shown (withheld or missing) — a gap in the line, never 0. */
  value: number | null;
}

export interface Series {
  area: string;
  points: Point[];
}

export interface RefLine {
  label: string;
  value: number;
  kind: 'baseline' | 'target' | 'threshold';
}

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const BOX: ChartBox = { width: 720, height: 320, left: 56, right: 16, top: 16, bottom: 40 };

/** Round step (1, 2, 2.5 or 5 × 10^k) giving about `count` ticks over [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.floor(min / step) * step;
  const last = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

/** Every period in any series, in time order (period codes of one indicator sort as text). */
export function periodsOf(series: Series[]): string[] {
  return [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
}

export interface Layout {
  periods: string[];
  ticks: number[];
  x: (period: string) => number;
  y: (value: number) => number;
  /** SVG path per series: "M" starts a new segment after every gap. */
  paths: { area: string; d: string; dots: { x: number; y: number; period: string; value: number }[] }[];
}

export function layout(series: Series[], refs: RefLine[], box: ChartBox = BOX): Layout {
  const periods = periodsOf(series);
  const values = [...series.flatMap((s) => s.points.map((p) => p.value)), ...refs.map((r) => r.value)].filter(
    (v): v is number => v !== null,
  );
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  // Shares and counts read best from zero when the data are not far from it.
  const ticks = niceTicks(lo >= 0 && lo < hi * 0.5 ? 0 : lo, hi);
  const y0 = ticks[0]!;
  const y1 = ticks[ticks.length - 1]!;
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const index = new Map(periods.map((p, i) => [p, i]));
  const x = (period: string) =>
    box.left + (periods.length <= 1 ? plotW / 2 : ((index.get(period) ?? 0) * plotW) / (periods.length - 1));
  const y = (value: number) => box.top + plotH - ((value - y0) / (y1 - y0 || 1)) * plotH;
  const paths = series.map((s) => {
    const sorted = [...s.points].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
    let d = '';
    let pen = false;
    const dots: Layout['paths'][number]['dots'] = [];
    for (const p of sorted) {
      if (p.value === null) {
        pen = false;
        continue;
      }
      const px = x(p.period);
      const py = y(p.value);
      d += `${pen ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`;
      pen = true;
      dots.push({ x: px, y: py, period: p.period, value: p.value });
    }
    return { area: s.area, d, dots };
  });
  return { periods, ticks, x, y, paths };
}

/** At most `max` x labels, evenly spread, always keeping the first and the last period. */
export function thinLabels(periods: string[], max = 10): string[] {
  if (periods.length <= max) return periods;
  const step = Math.ceil((periods.length - 1) / (max - 1));
  const last = periods.length - 1;
  // Keep the last period; drop the regular label just before it when the two would touch.
  return periods.filter((_, i) => i === last || (i % step === 0 && last - i >= Math.ceil(step / 2) + 1));
}
