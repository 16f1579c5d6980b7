import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/lib/api';
import { rollUp, standingsOf } from './rollup';

type AreaStatus = Schemas['AreaStatus'];

type Position = AreaStatus['position'];
type Trend = AreaStatus['trend'];

function area(status: AreaStatus['status'], position: Position, trend: Trend, stale = false): AreaStatus {
  return {
    area: 'hoeje-gladsaxe', period: '2024', value: 1, observation_status: 'final', previous_period: null,
    change_since_previous: null, baseline: null, baseline_period: null, baseline_source: null, change_since_baseline: null,
    target: null, target_basis: null, target_area: null, target_period: null, target_source: null, gap_to_target: null,
    comparisons: [], thresholds: [], position, trend, trend_periods: [], trend_change: null, trend_tolerance: null, stale,
    status, rule: '', explanation: '',
  } as AreaStatus;
}

function status(code: string, a: AreaStatus, direction: Schemas['IndicatorStatus']['direction'] = 'up'): Schemas['IndicatorStatus'] {
  return { indicator: code, name_da: code, name_en: code, unit: '%', direction, periodicity: 'year', as_of: '2026-01-01', areas: [a] };
}

describe('standingsOf', () => {
  it('reads where the area stands and where it heads: target, legal threshold, trend', () => {
    expect(standingsOf(area('on_track', 'target_met', 'stable'))).toEqual(['atTarget']);
    expect(standingsOf(area('at_risk', 'toward_target', 'improving'))).toEqual(['improving']);
    expect(standingsOf(area('off_track', 'threshold_crossed', 'worsening'))).toEqual(['worsening', 'beyondThreshold']);
    expect(standingsOf(area('no_recent_data', 'no_data', 'too_few'))).toEqual(['noRecentData']);
    expect(standingsOf(area('on_track', 'target_met', 'improving', true))).toEqual(['noRecentData']);
    expect(standingsOf(undefined)).toEqual(['noRecentData']);
  });
});

describe('rollUp', () => {
  it('counts each indicator of a goal and its sub-objectives once, leaving context indicators out', () => {
    const indicators = [
      { code: 'a', goals: ['1', '1b'] },
      { code: 'b', goals: ['1b'] },
      { code: 'c', goals: ['2'] },
      { code: 'd', goals: ['1'] },
    ];
    const statuses = [
      status('a', area('off_track', 'threshold_crossed', 'worsening')),
      status('b', area('on_track', 'target_met', 'stable')),
      status('c', area('on_track', 'target_met', 'improving')),
      status('d', area('context', 'context', 'not_applicable'), 'context'),
    ];
    const r = rollUp(['1', '1a', '1b'], indicators, statuses);
    expect(r.indicators.map((i) => i.code)).toEqual(['a', 'b']);
    expect(r.counts).toEqual({ atTarget: 1, improving: 0, worsening: 1, beyondThreshold: 1, noRecentData: 0 });
  });
});
