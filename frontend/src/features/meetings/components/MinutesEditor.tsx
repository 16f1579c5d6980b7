/**
 * Write or change one agenda item's minutes in Markdown, with a preview. A draft is changed in place
 * (a 412 shows both texts); approved minutes change only by a revision with a reason.
 */
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useConflict } from '@/components/ConflictResolver';
import { ErrorSummary, FormActions, TextArea } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { Markdown } from '@/components/Markdown';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import type { AgendaItem } from '../api';
import { minutesRevisionSchema, minutesSchema } from '../recordSchemas';
import { fetchMinutes, useCreateMinutes, useReviseMinutes, useUpdateMinutes, type Minutes } from '../recordsApi';

function WriteOrPreview({ id, value, onChange, error, label }: { id: string; value: string; onChange: (v: string) => void; error?: string; label: string }) {
  const { t } = useI18n();
  const [preview, setPreview] = useState(false);
  return (
    <div className="md-editor">
      <div className="md-tabs" role="group" aria-label={t('markdown.mode')}>
        <button type="button" className={preview ? 'button button-tertiary' : 'button button-secondary'} aria-pressed={!preview} onClick={() => setPreview(false)}>
          {t('markdown.write')}
        </button>
        <button type="button" className={preview ? 'button button-secondary' : 'button button-tertiary'} aria-pressed={preview} onClick={() => setPreview(true)}>
          {t('markdown.preview')}
        </button>
      </div>
      {preview ? (
        <section className="md-preview" aria-label={t('markdown.previewOf', { label })} data-preview>
          {value.trim() ? <Markdown text={value} headingLevel={4} /> : <p className="meta">{t('markdown.nothing')}</p>}
        </section>
      ) : (
        <TextArea id={id} label={label} hint={t('markdown.hint')} value={value} error={error} rows={8} onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  );
}

export function MinutesEditor({
  meetingId,
  item,
  entry,
  onDone,
}: {
  meetingId: number;
  item: AgendaItem;
  entry?: Minutes;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const create = useCreateMinutes(meetingId);
  const update = useUpdateMinutes(meetingId);
  const form = useSchemaForm(minutesSchema(item.id), { text: entry?.text ?? '', restricted: entry?.restricted ?? item.restricted });
  const { register, control, watch, reset, errors: problems } = form;
  const { base, conflict, failed, resolver } = useConflict(entry, problems.fail);
  const id = `minutes-${item.id}`;
  const pending = create.isPending || update.isPending;

  const save = (against: Minutes | undefined) =>
    form.submitWith(async (body) => {
      try {
        const { agenda_item_id: _item, ...changes } = body;
        if (against) await update.mutateAsync({ entry: against, body: changes });
        else await create.mutateAsync(body);
        onDone();
      } catch (error) {
        await failed(error, entry && (() => fetchMinutes(entry.id)));
      }
    });

  return (
    <form className="minutes-editor" onSubmit={save(base)} noValidate>
      {resolver({
        title: t('minutes.conflict'),
        fields: (theirs) => [{ name: 'text', label: t('minutes.text'), mine: watch('text'), theirs: theirs.text }],
        busy: pending,
        takeTheirs: (theirs) => reset({ text: theirs.text, restricted: theirs.restricted }),
        keepMine: (theirs) => void save(theirs)(),
      })}
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={problems.errors} fieldIds={{ text: id }} message={problems.message} />
      </div>
      <Controller
        name="text"
        control={control}
        render={({ field }) => (
          <WriteOrPreview id={id} value={field.value} onChange={field.onChange} error={problems.errors.text} label={t('minutes.textFor', { title: item.title })} />
        )}
      />
      <div className="form-group-checkbox">
        <input type="checkbox" className="form-checkbox" id={`${id}-restricted`} {...register('restricted')} disabled={item.restricted} />
        <label htmlFor={`${id}-restricted`}>{t('minutes.restricted')}</label>
      </div>
      <FormActions submit={t('minutes.saveDraft')} pending={pending} disabled={conflict !== null} cancel={onDone} />
    </form>
  );
}

/** Correct approved minutes: a new approved revision with the reason for it (chair or secretary). */
export function RevisionForm({ meetingId, entry, onDone }: { meetingId: number; entry: Minutes; onDone: () => void }) {
  const { t } = useI18n();
  const revise = useReviseMinutes(meetingId);
  const form = useSchemaForm(minutesRevisionSchema(entry.text), { text: entry.text, reason: '' });
  const { register, control, errors: problems } = form;
  const id = `revise-${entry.id}`;
  const submit = form.submitWith(async (body) => {
    try {
      await revise.mutateAsync({ entry, body });
      onDone();
    } catch (error) {
      if (isProblemError(error, 412)) {
        problems.setMessage(t('minutes.revisedMeanwhile'));
        problems.focus();
      } else problems.fail(error);
    }
  });
  return (
    <form className="minutes-editor" onSubmit={submit} noValidate>
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={problems.errors} fieldIds={{ text: id, reason: `${id}-reason` }} message={problems.message} />
      </div>
      <Controller
        name="text"
        control={control}
        render={({ field }) => <WriteOrPreview id={id} value={field.value} onChange={field.onChange} error={problems.errors.text} label={t('minutes.revisedText')} />}
      />
      <TextArea id={`${id}-reason`} label={t('minutes.reason')} hint={t('minutes.reasonHint')} {...register('reason')} error={problems.errors.reason} rows={2} />
      <FormActions submit={t('minutes.saveRevision')} pending={revise.isPending} cancel={onDone} />
    </form>
  );
}
