/** The schemas of an initiative's status update and milestone forms, checked against the client's types. */
import { z } from 'zod';
import { optionalDate, schemaFor } from '@/components/schemaForm';
import type { MilestoneCreate, ProgressCreate } from './api';

const wholePercent = (s: string) => s === '' || (Number.isInteger(Number(s)) && Number(s) >= 0 && Number(s) <= 100);

/** `reported_on` defaults to today on the server; linking observations is the API's alone. */
export const progressSchema = schemaFor<ProgressCreate, 'reported_on' | 'observation_ids'>()(
  z
    .object({
      organisation: z.string(),
      status_colour: z.enum(['green', 'yellow', 'red']),
      narrative: z.string().trim().min(1, 'form.required'),
      percent_complete: z
        .string()
        .trim()
        .refine(wholePercent, 'observations.enter.invalidNumber')
        .transform((s) => (s === '' ? null : Number(s))),
      is_story: z.boolean(),
      story_title: z.string().trim(),
      story_text: z.string().trim(),
    })
    .superRefine((v, ctx) => {
      // a good story needs its headline and its text
      if (v.is_story && !v.story_title) ctx.addIssue({ code: 'custom', path: ['story_title'], message: 'form.required' });
      if (v.is_story && !v.story_text) ctx.addIssue({ code: 'custom', path: ['story_text'], message: 'form.required' });
    })
    .transform((v) => ({ ...v, story_title: v.is_story ? v.story_title : null, story_text: v.is_story ? v.story_text : null })),
);

export type ProgressValues = z.input<typeof progressSchema>;

export const milestoneSchema = schemaFor<MilestoneCreate, 'done_on'>()(
  z.object({
    title: z.string().trim().min(1, 'form.required'),
    due_on: optionalDate,
  }),
);
