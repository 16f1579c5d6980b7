import { describe, expect, it } from 'vitest';
import { batchSchema, blankRow } from './observationForm';

describe('batchSchema', () => {
  it('reads decimal commas and sends empty cells as null', () => {
    const { items } = batchSchema.parse({ items: [{ ...blankRow(), period: ' 2027-Q1 ', value: '62,4', n: '28' }, { ...blankRow(), period: '2027-Q2' }] });
    expect(items).toEqual([
      { area: 'hoeje-gladsaxe', period: '2027-Q1', value: 62.4, n: 28, status: 'provisional', comment: null },
      { area: 'hoeje-gladsaxe', period: '2027-Q2', value: null, n: null, status: 'provisional', comment: null },
    ]);
  });
  it('names the row and cell of each problem', () => {
    const result = batchSchema.safeParse({ items: [{ ...blankRow(), period: '2027-Q1', value: 'abc', n: '2,5' }, blankRow()] });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['items.0.value', 'observations.enter.invalidNumber'],
      ['items.0.n', 'observations.enter.invalidNumber'],
      ['items.1.period', 'form.required'],
    ]);
  });
});
