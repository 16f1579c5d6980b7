import { describe, expect, it } from 'vitest';
import { BOX, layout, niceTicks, periodsOf, thinLabels } from './chart';

describe('niceTicks', () => {
  it('picks round steps that cover the data', () => {
    expect(niceTicks(0, 64)).toEqual([0, 20, 40, 60, 80]);
    expect(niceTicks(40.3, 58.4)).toEqual([40, 45, 50, 55, 60]);
    expect(niceTicks(1.3, 3)).toEqual([1, 1.5, 2, 2.5, 3]);
  });
  it('widens a flat series around its value', () => {
    const ticks = niceTicks(50, 50);
    expect(ticks[0]).toBeLessThan(50);
    expect(ticks[ticks.length - 1]).toBeGreaterThan(50);
  });
});

describe('layout', () => {
  const series = [
    { area: 'hoeje-gladsaxe', points: [{ period: '2019', value: 10 }, { period: '2020', value: null }, { period: '2021', value: 30 }] },
    { area: 'danmark', points: [{ period: '2018', value: 20 }] },
  ];

  it('orders the periods of every series in time', () => {
    expect(periodsOf(series)).toEqual(['2018', '2019', '2020', '2021']);
  });

  it('maps the first and last period to the plot edges and values to the y range', () => {
    const l = layout(series, []);
    expect(l.x('2018')).toBe(BOX.left);
    expect(l.x('2021')).toBe(BOX.width - BOX.right);
    expect(l.y(l.ticks[0]!)).toBe(BOX.height - BOX.bottom);
    expect(l.y(l.ticks[l.ticks.length - 1]!)).toBe(BOX.top);
  });

  it('leaves a gap for a withheld or missing value instead of drawing 0', () => {
    const l = layout(series, []);
    const hg = l.paths[0]!;
    expect(hg.dots.map((d) => d.period)).toEqual(['2019', '2021']);
    expect(hg.d.match(/M/g)).toHaveLength(2);
    expect(hg.d).not.toContain('L');
  });

  it('stretches the y axis to show reference lines', () => {
    const l = layout(series, [{ kind: 'threshold', value: 50, label: 'x' }]);
    expect(l.ticks[l.ticks.length - 1]).toBeGreaterThanOrEqual(50);
  });
});

describe('thinLabels', () => {
  it('keeps every label when there are few', () => {
    expect(thinLabels(['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
  });
  it('thins many labels, keeps first and last, and never puts two side by side at the end', () => {
    const periods = Array.from({ length: 20 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    const kept = thinLabels(periods, 8);
    expect(kept[0]).toBe('p00');
    expect(kept[kept.length - 1]).toBe('p19');
    expect(kept.length).toBeLessThanOrEqual(8);
    const idx = kept.map((p) => periods.indexOf(p));
    expect(idx[idx.length - 1]! - idx[idx.length - 2]!).toBeGreaterThan(1);
  });
});
