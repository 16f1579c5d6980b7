/** Add or change one agenda item: title, kind, time, presenter, description, restricted, links. */
import { Controller } from 'react-hook-form';
import { useConflict } from '@/components/ConflictResolver';
import { errorsUnder, ErrorSummary, FormActions, SelectField, TextArea, TextField } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { useI18n } from '@/lib/i18n';
import { AGENDA_KINDS, fetchAgendaItem, useCreateAgendaItem, useUpdateAgendaItem, type AgendaItem } from '../api';
import { agendaItemSchema, type AgendaValues } from '../recordSchemas';
import { LinkPicker, toPicked } from './LinkPicker';

const EMPTY: AgendaValues = { title: '', kind: 'information', duration_minutes: '', presenter: '', description: '', restricted: false, links: [] };

function valuesOf(item: AgendaItem): AgendaValues {
  return {
    title: item.title,
    kind: item.kind,
    duration_minutes: item.duration_minutes === null ? '' : String(item.duration_minutes),
    presenter: item.presenter ?? '',
    description: item.description ?? '',
    restricted: item.restricted,
    links: toPicked(item.links),
  };
}

export function AgendaItemForm({
  meetingId,
  item,
  onDone,
}: {
  meetingId: number;
  item?: AgendaItem;
  onDone: (saved?: AgendaItem) => void;
}) {
  const { t } = useI18n();
  const create = useCreateAgendaItem(meetingId);
  const update = useUpdateAgendaItem(meetingId);
  const form = useSchemaForm(agendaItemSchema, item ? valuesOf(item) : EMPTY);
  const { register, control, watch, reset, errors: problems } = form;
  const { base, conflict, failed, resolver } = useConflict(item, problems.fail);
  const errors = problems.errors;
  const values = watch();
  const prefix = item ? `agenda-${item.id}` : 'agenda-new';
  const ids = {
    title: `${prefix}-title`,
    kind: `${prefix}-kind`,
    duration_minutes: `${prefix}-duration`,
    presenter: `${prefix}-presenter`,
    description: `${prefix}-description`,
  };
  const pending = create.isPending || update.isPending;

  const save = (against: AgendaItem | undefined) =>
    form.submitWith(async (body) => {
      try {
        const saved = against ? await update.mutateAsync({ item: against, body }) : await create.mutateAsync(body);
        if (!against) reset(EMPTY);
        onDone(saved);
      } catch (error) {
        await failed(error, item && (() => fetchAgendaItem(item.id)));
      }
    });

  return (
    <form className="agenda-item-form" onSubmit={save(base)} noValidate>
      {resolver({
        title: t('agenda.conflict'),
        fields: (theirs) =>
          (['title', 'presenter', 'description'] as const).map((f) => ({
            name: f,
            label: t(`agenda.field.${f}`),
            mine: values[f],
            theirs: valuesOf(theirs)[f],
          })),
        busy: pending,
        takeTheirs: (theirs) => reset(valuesOf(theirs)),
        keepMine: (theirs) => void save(theirs)(),
      })}
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={ids} message={problems.message} />
      </div>
      <TextField id={ids.title} label={t('agenda.field.title')} {...register('title')} error={errors.title} className="form-input input-width-xl" />
      <div className="form-row">
        <SelectField
          id={ids.kind}
          label={t('agenda.field.kind')}
          {...register('kind')}
          error={errors.kind}
          options={AGENDA_KINDS.map((k) => ({ value: k, label: t(`agenda.kind.${k}`) }))}
        />
        <TextField
          id={ids.duration_minutes}
          label={t('agenda.field.duration')}
          inputMode="numeric"
          {...register('duration_minutes')}
          error={errors.duration_minutes}
          className="form-input input-width-xs"
        />
        <TextField id={ids.presenter} label={t('agenda.field.presenter')} {...register('presenter')} error={errors.presenter} />
      </div>
      <TextArea
        id={ids.description}
        label={`${t('agenda.field.description')} ${t('form.optional')}`}
        hint={t('markdown.hint')}
        {...register('description')}
        error={errors.description}
        rows={3}
      />
      <div className="form-group-checkbox">
        <input type="checkbox" className="form-checkbox" id={`${prefix}-restricted`} {...register('restricted')} aria-describedby={`${prefix}-restricted-hint`} />
        <label htmlFor={`${prefix}-restricted`}>{t('agenda.field.restricted')}</label>
        <span className="form-hint" id={`${prefix}-restricted-hint`}>
          {t('agenda.field.restrictedHint')}
        </span>
      </div>
      <Controller
        name="links"
        control={control}
        render={({ field }) => <LinkPicker value={field.value} onChange={field.onChange} error={errorsUnder(errors, 'links')} />}
      />
      <FormActions submit={item ? t('form.save') : t('agenda.add')} pending={pending} disabled={conflict !== null} cancel={() => onDone()} />
    </form>
  );
}
