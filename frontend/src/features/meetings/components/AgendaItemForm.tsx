/** Add or change one agenda item: title, kind, time, presenter, description, restricted, links. */
import { useState, type FormEvent } from 'react';
import { useConflict } from '@/components/ConflictResolver';
import { errorsUnder, ErrorSummary, FormActions, SelectField, TextArea, TextField, useFormErrors } from '@/components/form';
import { useI18n } from '@/lib/i18n';
import {
  AGENDA_KINDS,
  fetchAgendaItem,
  useCreateAgendaItem,
  useUpdateAgendaItem,
  type AgendaItem,
  type AgendaItemKind,
} from '../api';
import { LinkPicker, toPicked, type PickedLink } from './LinkPicker';

interface Values {
  title: string;
  kind: AgendaItemKind;
  duration_minutes: string;
  presenter: string;
  description: string;
  restricted: boolean;
  links: PickedLink[];
}

const EMPTY: Values = { title: '', kind: 'information', duration_minutes: '', presenter: '', description: '', restricted: false, links: [] };

function valuesOf(item: AgendaItem): Values {
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

function bodyOf(v: Values) {
  return {
    title: v.title.trim(),
    kind: v.kind,
    duration_minutes: v.duration_minutes.trim() ? Number(v.duration_minutes) : null,
    presenter: v.presenter.trim() || null,
    description: v.description.trim() || null,
    restricted: v.restricted,
    links: v.links.map((l) => ({ target_type: l.target_type, target_id: l.target_id })),
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
  const [values, setValues] = useState<Values>(() => (item ? valuesOf(item) : EMPTY));
  const form = useFormErrors();
  const { base, conflict, failed, resolver } = useConflict(item, form.fail);
  const prefix = item ? `agenda-${item.id}` : 'agenda-new';
  const ids = {
    title: `${prefix}-title`,
    kind: `${prefix}-kind`,
    duration_minutes: `${prefix}-duration`,
    presenter: `${prefix}-presenter`,
    description: `${prefix}-description`,
  };
  const set = (k: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const pending = create.isPending || update.isPending;

  async function save(against: AgendaItem | undefined) {
    const found: Record<string, string> = {};
    if (!values.title.trim()) found.title = t('form.required');
    if (values.duration_minutes.trim() && !/^\d+$/.test(values.duration_minutes.trim())) found.duration_minutes = t('agenda.durationInvalid');
    if (!form.check(found)) return;
    try {
      const saved = against
        ? await update.mutateAsync({ item: against, body: bodyOf(values) })
        : await create.mutateAsync(bodyOf(values));
      if (!against) setValues(EMPTY);
      onDone(saved);
    } catch (error) {
      await failed(error, item && (() => fetchAgendaItem(item.id)));
    }
  }

  return (
    <form className="agenda-item-form" onSubmit={(e: FormEvent) => (e.preventDefault(), void save(base))} noValidate>
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
        takeTheirs: (theirs) => setValues(valuesOf(theirs)),
        keepMine: (theirs) => void save(theirs),
      })}
      <div ref={form.summaryRef}>
        <ErrorSummary errors={form.errors} fieldIds={ids} message={form.message} />
      </div>
      <TextField id={ids.title} label={t('agenda.field.title')} value={values.title} error={form.errors.title} onChange={set('title')} className="form-input input-width-xl" />
      <div className="form-row">
        <SelectField
          id={ids.kind}
          label={t('agenda.field.kind')}
          value={values.kind}
          error={form.errors.kind}
          onChange={set('kind')}
          options={AGENDA_KINDS.map((k) => ({ value: k, label: t(`agenda.kind.${k}`) }))}
        />
        <TextField
          id={ids.duration_minutes}
          label={t('agenda.field.duration')}
          inputMode="numeric"
          value={values.duration_minutes}
          error={form.errors.duration_minutes}
          onChange={set('duration_minutes')}
          className="form-input input-width-xs"
        />
        <TextField id={ids.presenter} label={t('agenda.field.presenter')} value={values.presenter} error={form.errors.presenter} onChange={set('presenter')} />
      </div>
      <TextArea
        id={ids.description}
        label={`${t('agenda.field.description')} ${t('form.optional')}`}
        hint={t('markdown.hint')}
        value={values.description}
        error={form.errors.description}
        rows={3}
        onChange={set('description')}
      />
      <div className="form-group-checkbox">
        <input
          type="checkbox"
          className="form-checkbox"
          id={`${prefix}-restricted`}
          checked={values.restricted}
          onChange={(e) => setValues((v) => ({ ...v, restricted: e.target.checked }))}
          aria-describedby={`${prefix}-restricted-hint`}
        />
        <label htmlFor={`${prefix}-restricted`}>{t('agenda.field.restricted')}</label>
        <span className="form-hint" id={`${prefix}-restricted-hint`}>
          {t('agenda.field.restrictedHint')}
        </span>
      </div>
      <LinkPicker value={values.links} onChange={(links) => setValues((v) => ({ ...v, links }))} error={errorsUnder(form.errors, 'links')} />
      <FormActions submit={item ? t('form.save') : t('agenda.add')} pending={pending} disabled={conflict !== null} cancel={() => onDone()} />
    </form>
  );
}
