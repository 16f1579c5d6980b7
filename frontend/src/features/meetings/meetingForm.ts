/**
 * The meeting form's values and schema: a date and two Copenhagen wall-clock times in, the API's
 * MeetingCreate (two instants with their offset) out, checked against the generated client.
 */
import { z } from 'zod';
import { optionalText, schemaFor } from '@/components/schemaForm';
import { copenhagenParts, copenhagenToIso } from '@/lib/format';
import type { Meeting, MeetingCreate, MeetingUpdate } from './api';

const required = z.string().min(1, 'form.required');

export const meetingSchema = schemaFor<MeetingCreate>()(
  z
    .object({
      body_id: required,
      title: z.string().trim().min(1, 'form.required'),
      date: required,
      start: required,
      end: required,
      place: optionalText,
      online_url: optionalText,
      visibility: z.enum(['public', 'partners', 'restricted']),
      guests: z.array(z.object({ name: z.string().trim(), organisation: optionalText, email: optionalText })),
    })
    .refine((v) => !v.start || !v.end || v.end > v.start, { path: ['end'], message: 'meetings.endAfterStart' })
    .transform((v) => ({
      body_id: Number(v.body_id),
      title: v.title,
      starts_at: copenhagenToIso(v.date, v.start),
      ends_at: copenhagenToIso(v.date, v.end),
      place: v.place,
      online_url: v.online_url,
      visibility: v.visibility,
      // a guest row left without a name is an unused row, not an error
      guests: v.guests.filter((g) => g.name),
    })),
);

export type Values = z.input<typeof meetingSchema>;
export type Guest = Values['guests'][number];

export const blankMeeting = (body: string, date: string): Values => ({
  body_id: body,
  title: '',
  date,
  start: '14:00',
  end: '16:00',
  place: '',
  online_url: '',
  visibility: 'partners',
  guests: [],
});

export function valuesOf(m: Meeting): Values {
  const start = copenhagenParts(m.starts_at);
  return {
    body_id: String(m.body_id),
    title: m.title,
    date: start.date,
    start: start.time,
    end: copenhagenParts(m.ends_at).time,
    place: m.place ?? '',
    online_url: m.online_url ?? '',
    visibility: m.visibility,
    guests: m.guests.map((g) => ({ name: g.name, organisation: g.organisation ?? '', email: g.email ?? '' })),
  };
}

/** The PATCH body: what differs from the version being edited (a meeting never moves to another body). */
export function changesFrom(base: Meeting, now: MeetingCreate): MeetingUpdate {
  const was = meetingSchema.parse(valuesOf(base)) as Record<string, unknown>;
  const { body_id: _body, ...fields } = now;
  return Object.fromEntries(Object.entries(fields).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(was[k]))) as MeetingUpdate;
}
