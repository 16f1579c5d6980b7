/**
 * Schemas of the agenda item, decision (new and corrected), action item (new and closed) and minutes forms: typed values in, the API's
 * request bodies out, checked against the generated client at compile time.
 */
import { z } from 'zod';
import { optionalDate, optionalText, schemaFor } from '@/components/schemaForm';
import { AGENDA_KINDS, type AgendaItemCreate } from './api';
import { DECISION_KINDS } from './kinds';
import type { ActionItemCreate, ActionItemUpdate, DecisionCorrection, DecisionCreate, MinutesCreate, MinutesRevision } from './recordsApi';
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

/** A correction of a decision: its text and the reason required; a title left empty keeps the decision's. The links stay as they are. */
export const decisionCorrectionSchema = schemaFor<DecisionCorrection, 'links'>()(
  z.object({
    title: optionalText,
    text: z.string().trim().min(1, 'form.required'),
    reason: z.string().trim().min(1, 'form.required'),
  }),
);

/** The owner select's choice for someone who is not a member with an account: named in a text field. */
export const OTHER_OWNER = 'other';

/**
 * An action item from agenda item `itemId`: owned by a member (their user id) or by someone named.
 * The organisation left unchosen is sent as null; the form fills in the owner's own (ActionItemForm).
 */
export const actionItemSchema = (meetingId: number, itemId: number) =>
  schemaFor<ActionItemCreate, 'decision_id'>()(
    z
      .object({
        title: z.string().trim().min(1, 'form.required'),
        owner_user_id: z.string().min(1, 'form.required'),
        owner_name: z.string().trim(),
        organisation_id: z.string(),
        due_on: optionalDate,
        description: optionalText,
      })
      .refine((v) => v.owner_user_id !== OTHER_OWNER || v.owner_name, { path: ['owner_name'], message: 'form.required' })
      .transform(({ owner_user_id: owner, owner_name, organisation_id, ...v }) => ({
        ...v,
        owner_user_id: owner === OTHER_OWNER ? null : Number(owner),
        owner_name: owner === OTHER_OWNER ? owner_name : null,
        organisation_id: organisation_id ? Number(organisation_id) : null,
        meeting_id: meetingId,
        agenda_item_id: itemId,
      })),
  );

export type ActionItemValues = z.input<ReturnType<typeof actionItemSchema>>;

/** An action item closed as done, with an optional note of what was done; nothing else of it changes. */
export const actionItemDoneSchema = schemaFor<ActionItemUpdate, 'title' | 'description' | 'owner_user_id' | 'owner_name' | 'organisation_id' | 'due_on'>()(
  z.object({ completion_note: optionalText }).transform((v) => ({ ...v, status: 'done' as const })),
);

/** Minutes' Markdown is sent as written; only a text of nothing but blanks counts as empty. */
const minutesText = z.string().refine((s) => s.trim(), 'form.required');

/** Agenda item `itemId`'s minutes, new or a draft changed in place (a change never moves them to another item). */
export const minutesSchema = (itemId: number) =>
  schemaFor<MinutesCreate>()(z.object({ text: minutesText, restricted: z.boolean() }).transform((v) => ({ ...v, agenda_item_id: itemId })));

/** A revision of approved minutes `was`: a changed text and the reason for the change. */
export const minutesRevisionSchema = (was: string) =>
  schemaFor<MinutesRevision>()(
    z.object({
      text: z
        .string()
        .refine((s) => s !== was, 'minutes.unchanged')
        .pipe(minutesText),
      reason: z.string().trim().min(1, 'form.required'),
    }),
  );
