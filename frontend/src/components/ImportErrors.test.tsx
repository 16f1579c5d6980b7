import { describe, expect, it } from 'vitest';
import { splitRowErrors } from './ImportErrors';

describe('splitRowErrors', () => {
  it('splits "row n.column" into row and column, in row order, without repeating them in the reason', () => {
    expect(
      splitRowErrors([
        { field: 'row 4.indicator', message: 'Række 4, kolonne indicator: ikke jeres', code: 'import.not_owner' },
        { field: 'row 3.value', message: "Row 3, column value: not a number: 'abc'", code: 'import.not_a_number' },
        { field: 'body.file', message: 'filen er tom', code: 'files.empty' },
      ]),
    ).toEqual([
      { row: null, column: 'file', reason: 'filen er tom', code: 'files.empty' },
      { row: 3, column: 'value', reason: "not a number: 'abc'", code: 'import.not_a_number' },
      { row: 4, column: 'indicator', reason: 'ikke jeres', code: 'import.not_owner' },
    ]);
  });

  it('keeps a message that does not name its row whole', () => {
    expect(splitRowErrors([{ field: 'row 2.title', message: 'required', code: 'invalid' }])[0]!.reason).toBe('required');
  });
});
