import { describe, expect, it } from 'vitest';
import type { Goal, Indicator } from '../api';
import { groupByGoalTree } from './IndicatorListPage';

const goal = (id: number, code: string, subs: string[] = []): Goal => ({
  id, parent_id: null, code, title: `Mål ${code}`, description: null, position: id, visibility: 'public', version: 1,
  sub_objectives: subs.map((s, i) => ({ id: id * 10 + i, parent_id: id, code: s, title: `Delmål ${s}`, description: null, position: i, visibility: 'public', version: 1 })),
});
const ind = (code: string, goals: string[]) => ({ code, goals }) as unknown as Indicator;

describe('groupByGoalTree', () => {
  it('shows an indicator of several goals once, under the first in tree order', () => {
    const tree = [goal(1, '1', ['1a', '1b']), goal(2, '2', ['2a'])];
    const groups = groupByGoalTree([ind('k1', ['3c', '1']), ind('b', ['1b']), ind('t', ['2a', '1b']), ind('x', [])], tree);
    expect(groups.map((g) => [g.goal?.code ?? null, g.direct.map((i) => i.code), g.subObjectives.map((s) => [s.sub.code, s.indicators.map((i) => i.code)])])).toEqual([
      ['1', ['k1'], [['1b', ['b', 't']]]],
      [null, ['x'], []],
    ]);
  });
});
