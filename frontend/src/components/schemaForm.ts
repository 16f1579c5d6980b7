/**
 * Forms with react-hook-form and a zod schema. The schema turns what the user typed into the API's
 * body (its output is checked against the generated client's type, see `schemaFor`); its messages
 * are message keys (`'form.required'`), translated here. Every error, the schema's and the server's
 * problem+json alike, goes through useFormErrors: next to its field and in the summary.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback } from 'react';
import { useForm, type DefaultValues, type FieldErrors, type FieldValues } from 'react-hook-form';
import { z } from 'zod';
import { useFormErrors } from '@/components/form';
import { isMessageKey, useT } from '@/lib/i18n';

/** Text the API takes as null when left empty: trimmed, and '' → null. */
export const optionalText = z
  .string()
  .trim()
  .transform((s) => s || null);

/** A date input's value ('' when none) as the API's optional date. */
export const optionalDate = z.string().transform((s) => s || null);

/** Names the schema's output has that the body lacks, and names of the body the schema neither has nor omits. */
type Mismatch<Body, Output, Omitted extends keyof Body> = {
  unknownToApi: Exclude<keyof Output, keyof Body>;
  missing: Exclude<keyof Body, keyof Output | Omitted>;
};

/**
 * `schemaFor<InitiativeCreate, 'external_id'>()(z.object({...}))`: compiles only when the schema's output
 * is the body the API takes, field for field: assignable to it, no name the API does not know, and every
 * field of the body either produced or named as deliberately left out. A field the API renames or adds
 * is noticed here, not in production.
 */
export function schemaFor<Body, Omitted extends keyof Body = never>() {
  return <Input, Output extends Body>(
    schema: z.ZodType<Output, Input> &
      ([Mismatch<Body, Output, Omitted>[keyof Mismatch<Body, Output, Omitted>]] extends [never] ? unknown : Mismatch<Body, Output, Omitted>),
  ): z.ZodType<Output, Input> => schema;
}

/** react-hook-form's nested errors as `{ 'items.0.period': 'Udfyld feltet' }`, messages translated. */
export function flatErrors(errors: FieldErrors, t: (key: string) => string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(errors)) {
    if (!value || key === 'ref' || key === 'root') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value.message === 'string' && value.message) out[path] = t(value.message);
    else if (typeof value === 'object') Object.assign(out, flatErrors(value as FieldErrors, t, path));
  }
  return out;
}

/**
 * `const form = useSchemaForm(schema, defaults)`: react-hook-form's API plus `errors` (useFormErrors)
 * and `submitWith(save)`, which validates, shows the schema's errors or hands the body to `save`.
 */
export function useSchemaForm<Input extends FieldValues, Output>(schema: z.ZodType<Output, Input>, defaultValues: NoInfer<DefaultValues<Input>>) {
  const t = useT();
  const errors = useFormErrors();
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(schema), defaultValues });
  const translate = useCallback((message: string) => (isMessageKey(message) ? t(message) : message), [t]);
  const { handleSubmit } = form;
  const { check } = errors;
  const submitWith = useCallback(
    (save: (body: Output) => Promise<unknown> | void) =>
      handleSubmit(
        async (body) => {
          check({});
          await save(body);
        },
        (found) => void check(flatErrors(found, translate)),
      ),
    [handleSubmit, check, translate],
  );
  return { ...form, errors, submitWith };
}
