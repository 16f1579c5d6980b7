/** The kommissorium's fields as form inputs (shared by a new working group, a new version and editing a draft). */
import type { UseFormRegisterReturn } from 'react-hook-form';
import { TextArea, TextField } from '@/components/form';
import { useI18n } from '@/lib/i18n';
import { MANDATE_FIELDS, type MandateField } from '../api';

const ONE_LINE: ReadonlySet<MandateField> = new Set(['meeting_frequency', 'duration']);

export function mandateFieldId(prefix: string, f: MandateField): string {
  return `${prefix}-${f.replace(/_/g, '-')}`;
}

/** `field(f)` registers field `f` with the form that holds the kommissorium (at whatever path it keeps it). */
export function MandateFields({
  field,
  errors,
  prefix,
}: {
  field: (f: MandateField) => UseFormRegisterReturn;
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
            {...field(f)}
            error={errors[f]}
            className="form-input input-width-xl"
          />
        ) : (
          <TextArea
            key={f}
            id={mandateFieldId(prefix, f)}
            label={t(`mandates.field.${f}`) + (f === 'purpose' ? '' : ` ${t('form.optional')}`)}
            hint={t(`mandates.hint.${f}`)}
            {...field(f)}
            error={errors[f]}
            rows={f === 'purpose' || f === 'tasks' ? 5 : 3}
          />
        ),
      )}
    </>
  );
}
