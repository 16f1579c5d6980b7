/**
 * The bodies' form schemas: a kommissorium (a new version, or a draft edited) and a new working group
 * with its draft kommissorium. Typed values in, the API's MandateCreate and BodyCreate out, each
 * checked against the generated client's type at compile time (components/schemaForm).
 */
import { z } from 'zod';
import { optionalText, schemaFor } from '@/components/schemaForm';
import {
  MANDATE_FIELDS,
  type BodyCreate,
  type Mandate,
  type MandateCreate,
  type MandateField,
  type MandateUpdate,
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
