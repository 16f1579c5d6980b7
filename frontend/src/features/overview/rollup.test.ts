import { describe, expect, it } from 'vitest';
import type { Schemas } from '@/lib/api';
import { rollUp, standingsOf } from './rollup';

type AreaStatus = Schemas['AreaStatus'];

function area(status: AreaStatus['status'], rule: string, crossed = false): AreaStatus {
  return {
    area: 'hoeje-gladsaxe', period: '2024', value: 1, observation_status: 'final', previous_period: null,
    change_since_previous: null, baseline: null, change_since_baseline: null, target: null, gap_to_target: null,
    comparisons: [], status, rule, explanation: '',
    thresholds: crossed ? [{ list_kind: 'udsat', list_year: 2024, operator: '>', threshold: 40, crossed: true, distance: -2 }] : [],
  };
}

function status(code: string, a: AreaStatus, direction: Schemas['IndicatorStatus']['direction'] = 'up'): Schemas['IndicatorStatus'] {
  return { indicator: code, name_da: code, name_en: code, unit: '%', direction, periodicity: 'year', as_of: '2026-01-01', areas: [a] };
}

describe('standingsOf', () => {
  it('reads the rule as target, trend and the legal threshold', () => {
    expect(standingsOf(area('on_track', 'target-met'))).toEqual(['atTarget']);
    expect(standingsOf(area('on_track', 'improving-toward-target'))).toEqual(['improving']);
    expect(standingsOf(area('off_track', 'worsening', true))).toEqual(['worsening', 'beyondThreshold']);
    expect(standingsOf(area('no_recent_data', 'stale'))).toEqual(['noRecentData']);
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
      status('a', area('off_track', 'worsening', true)),
      status('b', area('on_track', 'target-met')),
      status('c', area('on_track', 'improving')),
      status('d', area('context', 'context-indicator'), 'context'),
    ];
    const r = rollUp(['1', '1a', '1b'], indicators, statuses);
    expect(r.indicators.map((i) => i.code)).toEqual(['a', 'b']);
    expect(r.counts).toEqual({ atTarget: 1, improving: 0, worsening: 1, beyondThreshold: 1, noRecentData: 0 });
  });
});
