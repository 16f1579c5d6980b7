import { describe, expect, it } from 'vitest';
import { approvePlanSchema } from './planForm';

describe('approvePlanSchema', () => {
  it('sends the chosen decision by id and the note trimmed', () => {
    expect(approvePlanSchema.parse({ decision_id: '12', note: ' Godkendt på bestyrelsesmødet ' })).toEqual({ decision_id: 12, note: 'Godkendt på bestyrelsesmødet' });
  });
  it('approves without a decision or a note as nulls', () => {
    expect(approvePlanSchema.parse({ decision_id: '', note: ' ' })).toEqual({ decision_id: null, note: null });
  });
});
