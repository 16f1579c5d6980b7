/**
 * Schemas of the agenda item and decision forms: typed values in, the API's AgendaItemCreate and
 * DecisionCreate out, checked against the generated client at compile time.
 */
import { z } from 'zod';
import { optionalText, schemaFor } from '@/components/schemaForm';
import { AGENDA_KINDS, type AgendaItemCreate } from './api';
import { DECISION_KINDS } from './kinds';
import type { DecisionCreate } from './recordsApi';
import type { PickedLink } from './components/LinkPicker';

/** The links as picked (with their titles, for showing) → as the API takes them. */
const links = z.array(z.custom<PickedLink>()).transform((picked) => picked.map((l) => ({ target_type: l.target_type, target_id: l.target_id })));

/** The API places a new item last; moving it is the agenda builder's job. */
export const agendaItemSchema = schemaFor<AgendaItemCreate, 'position'>()(
  z.object({
    title: z.string().trim().min(1, 'form.required'),
    kind: z.enum(AGENDA_KINDS),
    duration_minutes: z
      .string()
      .trim()
      .regex(/^\d*$/, 'agenda.durationInvalid')
      .transform((s) => (s ? Number(s) : null)),
    presenter: optionalText,
    description: optionalText,
    restricted: z.boolean(),
    links,
  }),
);

export type AgendaValues = z.input<typeof agendaItemSchema>;

/** A decision on agenda item `itemId`; the API dates it by the meeting. */
export const decisionSchema = (meetingId: number, itemId: number) =>
  schemaFor<DecisionCreate, 'decided_on'>()(
    z
      .object({
        kind: z.enum(DECISION_KINDS),
        title: z.string().trim().min(1, 'form.required'),
        text: z.string().trim().min(1, 'form.required'),
        number: optionalText,
        links,
      })
      .transform((v) => ({ ...v, meeting_id: meetingId, agenda_item_id: itemId })),
  );
