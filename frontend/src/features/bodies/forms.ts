/**
 * The bodies' form schemas: a kommissorium (a new version, a draft edited, a submitted one approved),
 * a new working group with its draft kommissorium, a member, and a working group set up or dissolved. Typed values in, the API's request
 * bodies out, each checked against the generated client's type at compile time (components/schemaForm).
 */
import { z } from 'zod';
import { optionalDate, optionalText, schemaFor } from '@/components/schemaForm';
import {
  MANDATE_FIELDS,
  type BodyActivate,
  type BodyCreate,
  type BodyDissolve,
  type BodyRole,
  type Mandate,
  type MandateApprove,
  type MandateCreate,
  type MandateField,
  type MandateUpdate,
  type MemberCreate,
} from './api';

const required = z.string().trim().min(1, 'form.required');

export type MandateValues = Record<MandateField, string>;

export const EMPTY_MANDATE: MandateValues = Object.fromEntries(MANDATE_FIELDS.map((f) => [f, ''])) as MandateValues;

export function mandateValues(m: Mandate): MandateValues {
  return Object.fromEntries(MANDATE_FIELDS.map((f) => [f, m[f] ?? ''])) as MandateValues;
}

const mandateText = {
  purpose: z.string().trim(),
  tasks: optionalText,
  composition: optionalText,
  meeting_frequency: optionalText,
  working_form: optionalText,
  duration: optionalText,
  deliverables: optionalText,
} satisfies Record<MandateField, z.ZodType>;

/** A kommissorium as typed, purpose possibly empty (a working group's draft takes the group's purpose). */
const mandateDraftSchema = schemaFor<MandateCreate>()(z.object(mandateText));

/** A kommissorium on its own: the purpose is required. */
export const mandateSchema = schemaFor<MandateCreate>()(z.object({ ...mandateText, purpose: required }));

/** The PATCH body of a draft: the fields that differ from the version being edited. */
export function mandateChanges(base: Mandate, now: MandateCreate): MandateUpdate {
  const was = mandateDraftSchema.parse(mandateValues(base));
  return Object.fromEntries(MANDATE_FIELDS.filter((f) => now[f] !== was[f]).map((f) => [f, now[f]]));
}

/** Approval of a submitted kommissorium names the partnership's approve_mandate decision. */
export const approveMandateSchema = schemaFor<MandateApprove>()(z.object({ decision_id: z.string().min(1, 'form.required').transform(Number) }));

/**
 * A working group under coordination group `parentId`, and its draft kommissorium, whose purpose is
 * the group's unless one of its own is given.
 */
export const workingGroupSchema = (parentId: number) =>
  z
    .object({
      group: schemaFor<BodyCreate, 'seats'>()(
        z
          .object({ name: required, slug: required, purpose: required, description: optionalText })
          .transform((g) => ({ ...g, kind: 'working_group' as const, parent_id: parentId })),
      ),
      mandate: mandateDraftSchema,
    })
    .transform(({ group, mandate }) => ({ group, mandate: { ...mandate, purpose: mandate.purpose || group.purpose } }));

export type WorkingGroupValues = z.input<ReturnType<typeof workingGroupSchema>>;

export const BODY_ROLES = ['member', 'chair', 'secretary', 'observer'] as const satisfies readonly BodyRole[];

/**
 * A member: a user of Sammen, or an external participant named with their affiliation and email (the
 * fields of the kind not chosen are not sent). Seat, organisation and end of term are optional.
 */
export const memberSchema = schemaFor<MemberCreate>()(
  z
    .object({
      kind: z.enum(['user', 'external']),
      user_id: z.string(),
      person_name: z.string().trim(),
      person_organisation: optionalText,
      email: optionalText,
      organisation_id: z.string(),
      seat_code: z.string(),
      role: z.enum(BODY_ROLES),
      from_date: z.string(),
      to_date: optionalDate,
    })
    .superRefine((v, ctx) => {
      const required = (field: string) => ctx.addIssue({ code: 'custom', path: [field], message: 'form.required' });
      if (v.kind === 'user' && !v.user_id) required('user_id');
      if (v.kind === 'external' && !v.person_name) required('person_name');
      if (!v.from_date) required('from_date');
    })
    .transform(({ kind, ...v }) => {
      const external = kind === 'external';
      return {
        user_id: external ? null : Number(v.user_id),
        person_name: external ? v.person_name : null,
        person_organisation: external ? v.person_organisation : null,
        email: external ? v.email : null,
        organisation_id: v.organisation_id ? Number(v.organisation_id) : null,
        seat_code: v.seat_code || null,
        role: v.role,
        from_date: v.from_date,
        to_date: v.to_date,
      };
    }),
);

export type MemberValues = z.input<typeof memberSchema>;

/** A decision chosen in a select ('' when none) as the API's optional id. */
const optionalDecision = z.string().transform((s) => (s ? Number(s) : null));

/** A working group set up on a date, optionally by the coordination group's decision. */
export const setUpSchema = schemaFor<BodyActivate>()(z.object({ set_up_on: required, decision_id: optionalDecision }));

export type SetUpValues = z.input<typeof setUpSchema>;

/** A working group dissolved on a date, with the reason and its final summary, optionally by a decision. */
export const dissolveSchema = schemaFor<BodyDissolve>()(
  z.object({ dissolved_on: required, reason: required, final_summary: required, decision_id: optionalDecision }),
);

export type DissolveValues = z.input<typeof dissolveSchema>;
