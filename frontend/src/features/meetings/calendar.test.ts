import { describe, expect, it } from 'vitest';
import { addMonths, byDay, monthRange, monthWeeks, parseMonth } from './calendar';

describe('the month calendar', () => {
  it('starts weeks on Monday and pads the month with empty days', () => {
    const weeks = monthWeeks({ year: 2026, month: 3 }); // 1 March 2026 is a Sunday
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-03-01']);
    expect(weeks.at(-1)).toEqual(['2026-03-30', '2026-03-31', null, null, null, null, null]);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });

  it('asks the API for the month in Copenhagen time, across the change to summer time', () => {
    expect(monthRange({ year: 2026, month: 3 })).toEqual({ from: '2026-03-01T00:00:00+01:00', before: '2026-04-01T00:00:00+02:00' });
  });

  it('puts a meeting late in the evening UTC on its Copenhagen day', () => {
    const days = byDay([
      { starts_at: '2026-03-11T23:30:00Z', title: 'late' },
      { starts_at: '2026-03-12T08:00:00Z', title: 'morning' },
    ]);
    expect(days.get('2026-03-12')?.map((m) => m.title)).toEqual(['late', 'morning']);
  });

  it('reads and steps months', () => {
    expect(parseMonth('2026-12')).toEqual({ year: 2026, month: 12 });
    expect(parseMonth('2026-13', new Date('2026-05-05T10:00:00Z'))).toEqual({ year: 2026, month: 5 });
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
  });
});
