/**
 * The initiative form's values and its schema: what the user types (strings, ticked lists) in,
 * the API's InitiativeCreate out, checked against the generated client at compile time.
 */
import { z } from 'zod';
import { optionalDate, optionalText, schemaFor } from '@/components/schemaForm';
import { LEVELS, STATUSES, type Initiative, type InitiativeCreate, type InitiativeUpdate } from './api';

const tagsOf = (text: string) => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
const byIndicator = <T extends { indicator: string }>(links: T[]) => [...links].sort((a, b) => a.indicator.localeCompare(b.indicator));

/** The fields of InitiativeCreate this form does not offer (the import and the API set them). */
type NotInForm = 'responsible_body_id' | 'size' | 'horizon' | 'phase' | 'target_group' | 'funding_source' | 'external_id';

export const initiativeSchema = schemaFor<InitiativeCreate, NotInForm>()(
  z.object({
    title: z.string().trim().min(1, 'form.required'),
    summary: optionalText,
    description: optionalText,
    lead: z.string(),
    partners: z.array(z.string()),
    goals: z.array(z.string()),
    status: z.enum(STATUSES),
    status_reason: optionalText,
    visibility: z.enum(['public', 'partners', 'restricted']),
    starts_on: optionalDate,
    ends_on: optionalDate,
    levels: z.array(z.enum(LEVELS)),
    tags: z.string().transform(tagsOf),
    // "125.000" and "125 000" are 125000; the server checks the range
    budget_dkk: z
      .string()
      .trim()
      .regex(/^[\d.\s]*$/, 'observations.enter.invalidNumber')
      .transform((s) => (s ? Number(s.replace(/[.\s]/g, '')) : null)),
    indicators: z.array(z.object({ indicator: z.string(), expected_direction: z.enum(['up', 'down']) })).transform(byIndicator),
  }),
);

export type Values = z.input<typeof initiativeSchema>;
export type IndicatorLink = Values['indicators'][number];

/** The fields shown side by side when someone else saved first. */
export const CONFLICT_FIELDS = ['title', 'summary', 'description', 'status', 'status_reason', 'visibility', 'starts_on', 'ends_on', 'tags', 'budget_dkk'] as const;

export const EMPTY: Values = {
  title: '',
  summary: '',
  description: '',
  lead: '',
  partners: [],
  goals: [],
  status: 'idea',
  status_reason: '',
  visibility: 'partners',
  starts_on: '',
  ends_on: '',
  levels: [],
  tags: '',
  budget_dkk: '',
  indicators: [],
};

export function valuesOf(i: Initiative): Values {
  return {
    title: i.title,
    summary: i.summary ?? '',
    description: i.description ?? '',
    lead: i.lead,
    partners: [...i.partners].sort(),
    goals: [...i.goals].sort(),
    status: i.status,
    status_reason: i.status_reason ?? '',
    visibility: i.visibility,
    starts_on: i.starts_on ?? '',
    ends_on: i.ends_on ?? '',
    levels: [...i.levels],
    tags: i.tags.join(', '),
    budget_dkk: i.budget_dkk === null ? '' : String(i.budget_dkk),
    indicators: byIndicator(i.indicators.map((l) => ({ indicator: l.indicator, expected_direction: l.expected_direction }))),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The PATCH body: only what differs from the version being edited. */
export function changesFrom(base: Initiative, now: z.output<typeof initiativeSchema>): InitiativeUpdate {
  const was = initiativeSchema.parse(valuesOf(base));
  const body: Record<string, unknown> = {};
  for (const k of Object.keys(now) as (keyof typeof now)[]) {
    if (!same(now[k], was[k])) body[k] = now[k];
  }
  return body as InitiativeUpdate;
}
