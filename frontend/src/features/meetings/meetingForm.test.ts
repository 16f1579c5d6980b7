import { describe, expect, it } from 'vitest';
import { blankMeeting, meetingSchema } from './meetingForm';

const issues = (values: object) =>
  meetingSchema.safeParse({ ...blankMeeting('3', '2026-12-10'), title: 'Møde', ...values }).error?.issues.map((i) => [i.path.join('.'), i.message]);

describe('meetingSchema', () => {
  it('sends the Copenhagen wall-clock times as instants with their offset', () => {
    const body = meetingSchema.parse({ ...blankMeeting('3', '2026-12-10'), title: ' Møde ', guests: [{ name: ' Ida ', organisation: '', email: '' }, { name: ' ', organisation: 'x', email: '' }] });
    expect(body).toMatchObject({ body_id: 3, title: 'Møde', starts_at: '2026-12-10T14:00:00+01:00', ends_at: '2026-12-10T16:00:00+01:00', place: null });
    expect(body.guests).toEqual([{ name: 'Ida', organisation: null, email: null }]);
  });
  it('asks for a body, a date and both times', () => {
    expect(issues({ body_id: '', date: '', start: '' })).toEqual([
      ['body_id', 'form.required'],
      ['date', 'form.required'],
      ['start', 'form.required'],
    ]);
  });
  it('refuses an end that is not after the start', () => {
    expect(issues({ start: '16:00', end: '15:30' })).toEqual([['end', 'meetings.endAfterStart']]);
  });
});
