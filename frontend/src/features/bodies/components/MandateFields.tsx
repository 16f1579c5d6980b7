/** The kommissorium's fields as form inputs (shared by a new working group, a new version and editing a draft). */
import { TextArea, TextField } from '@/components/form';
import { useI18n } from '@/lib/i18n';
import { MANDATE_FIELDS, type Mandate, type MandateCreate, type MandateField } from '../api';

export type MandateValues = Record<MandateField, string>;

export const EMPTY_MANDATE: MandateValues = Object.fromEntries(MANDATE_FIELDS.map((f) => [f, ''])) as MandateValues;

const ONE_LINE: ReadonlySet<MandateField> = new Set(['meeting_frequency', 'duration']);

export function mandateValues(m: Mandate): MandateValues {
  return Object.fromEntries(MANDATE_FIELDS.map((f) => [f, m[f] ?? ''])) as MandateValues;
}

export function mandateBody(v: MandateValues): MandateCreate {
  const out: Record<string, string | null> = {};
  for (const f of MANDATE_FIELDS) out[f] = v[f].trim() || null;
  return { ...out, purpose: v.purpose.trim() } as MandateCreate;
}

export function mandateFieldId(prefix: string, f: MandateField): string {
  return `${prefix}-${f.replace(/_/g, '-')}`;
}

export function MandateFields({
  values,
  onChange,
  errors,
  prefix,
}: {
  values: MandateValues;
  onChange: (next: MandateValues) => void;
  errors: Record<string, string>;
  prefix: string;
}) {
  const { t } = useI18n();
  return (
    <>
      {MANDATE_FIELDS.map((f) =>
        ONE_LINE.has(f) ? (
          <TextField
            key={f}
            id={mandateFieldId(prefix, f)}
            label={`${t(`mandates.field.${f}`)} ${t('form.optional')}`}
            hint={t(`mandates.hint.${f}`)}
            value={values[f]}
            error={errors[f]}
            onChange={(e) => onChange({ ...values, [f]: e.target.value })}
            className="form-input input-width-xl"
          />
        ) : (
          <TextArea
            key={f}
            id={mandateFieldId(prefix, f)}
            label={t(`mandates.field.${f}`) + (f === 'purpose' ? '' : ` ${t('form.optional')}`)}
            hint={t(`mandates.hint.${f}`)}
            value={values[f]}
            error={errors[f]}
            rows={f === 'purpose' || f === 'tasks' ? 5 : 3}
            onChange={(e) => onChange({ ...values, [f]: e.target.value })}
          />
        ),
      )}
    </>
  );
}
