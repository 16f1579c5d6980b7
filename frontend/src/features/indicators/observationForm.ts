/**
 * The figure-entry grid's values and schema: rows of typed text in (decimal commas welcome), the
 * API's ObservationBatch out, each row checked against the generated client's ObservationIn.
 */
import { z } from 'zod';
import { optionalText, schemaFor } from '@/components/schemaForm';
import { TARGET_AREA, type ObservationBatch, type ObservationIn } from './api';

/** "12,5" or "12.5" → 12.5; "" → null; anything else → NaN. */
export function parseDecimal(text: string): number | null {
  const s = text.trim().replace(/\s/g, '');
  if (!s) return null;
  const normal = s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : s;
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
}

const decimal = z
  .string()
  .refine((s) => !Number.isNaN(parseDecimal(s)), 'observations.enter.invalidNumber')
  .transform(parseDecimal);

/** A row; `missing_reason` is for imports and the API, not typed by hand. */
export const rowSchema = schemaFor<ObservationIn, 'missing_reason'>()(
  z.object({
    area: z.string(),
    period: z.string().trim().min(1, 'form.required'),
    value: decimal,
    n: decimal.refine((n) => n === null || Number.isInteger(n), 'observations.enter.invalidNumber'),
    status: z.enum(['provisional', 'final', 'series_break']),
    comment: optionalText,
  }),
);

export const batchSchema = schemaFor<ObservationBatch>()(z.object({ items: z.array(rowSchema) }));

export type Row = z.input<typeof rowSchema>;
export type Batch = z.input<typeof batchSchema>;

export const blankRow = (): Row => ({ area: TARGET_AREA, period: '', value: '', n: '', status: 'provisional', comment: '' });
