/** The action plan approval form's schema: the board's decision (if any) and a note, as ActionPlanApprove. */
import { z } from 'zod';
import { optionalText, schemaFor } from '@/components/schemaForm';
import type { ActionPlanApprove } from './plans-api';

export const approvePlanSchema = schemaFor<ActionPlanApprove>()(
  z.object({
    decision_id: z.string().transform((s) => (s ? Number(s) : null)),
    note: optionalText,
  }),
);
