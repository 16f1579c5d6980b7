/**
 * Write or change one agenda item's minutes in Markdown, with a preview. A draft is changed in place
 * (a 412 shows both texts); approved minutes change only by a revision with a reason.
 */
import { useState, type FormEvent } from 'react';
import { useConflict } from '@/components/ConflictResolver';
import { ErrorSummary, FormActions, TextArea, useFormErrors } from '@/components/form';
import { Markdown } from '@/components/Markdown';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import type { AgendaItem } from '../api';
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
  const [text, setText] = useState(entry?.text ?? '');
  const [restricted, setRestricted] = useState(entry?.restricted ?? item.restricted);
  const form = useFormErrors();
  const { base, conflict, failed, resolver } = useConflict(entry, form.fail);
  const id = `minutes-${item.id}`;
  const pending = create.isPending || update.isPending;

  async function save(against: Minutes | undefined) {
    if (!form.check(text.trim() ? {} : { text: t('form.required') })) return;
    try {
      if (against) {
        await update.mutateAsync({ entry: against, body: { text, restricted } });
      } else {
        await create.mutateAsync({ agenda_item_id: item.id, text, restricted });
      }
      onDone();
    } catch (error) {
      await failed(error, entry && (() => fetchMinutes(entry.id)));
    }
  }

  return (
    <form className="minutes-editor" onSubmit={(e: FormEvent) => (e.preventDefault(), void save(base))} noValidate>
      {resolver({
        title: t('minutes.conflict'),
        fields: (theirs) => [{ name: 'text', label: t('minutes.text'), mine: text, theirs: theirs.text }],
        busy: pending,
        takeTheirs: (theirs) => {
          setText(theirs.text);
          setRestricted(theirs.restricted);
        },
        keepMine: (theirs) => void save(theirs),
      })}
      <div ref={form.summaryRef}>
        <ErrorSummary errors={form.errors} fieldIds={{ text: id }} message={form.message} />
      </div>
      <WriteOrPreview id={id} value={text} onChange={setText} error={form.errors.text} label={t('minutes.textFor', { title: item.title })} />
      <div className="form-group-checkbox">
        <input
          type="checkbox"
          className="form-checkbox"
          id={`${id}-restricted`}
          checked={restricted}
          disabled={item.restricted}
          onChange={(e) => setRestricted(e.target.checked)}
        />
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
  const [text, setText] = useState(entry.text);
  const [reason, setReason] = useState('');
  const form = useFormErrors();
  const id = `revise-${entry.id}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!text.trim()) found.text = t('form.required');
    if (!reason.trim()) found.reason = t('form.required');
    if (text === entry.text) found.text = t('minutes.unchanged');
    if (!form.check(found)) return;
    try {
      await revise.mutateAsync({ entry, body: { text, reason: reason.trim() } });
      onDone();
    } catch (error) {
      if (isProblemError(error, 412)) {
        form.setMessage(t('minutes.revisedMeanwhile'));
        form.focus();
      } else form.fail(error);
    }
  }
  return (
    <form className="minutes-editor" onSubmit={(e) => void submit(e)} noValidate>
      <div ref={form.summaryRef}>
        <ErrorSummary errors={form.errors} fieldIds={{ text: id, reason: `${id}-reason` }} message={form.message} />
      </div>
      <WriteOrPreview id={id} value={text} onChange={setText} error={form.errors.text} label={t('minutes.revisedText')} />
      <TextArea id={`${id}-reason`} label={t('minutes.reason')} hint={t('minutes.reasonHint')} value={reason} error={form.errors.reason} rows={2} onChange={(e) => setReason(e.target.value)} />
      <FormActions submit={t('minutes.saveRevision')} pending={revise.isPending} cancel={onDone} />
    </form>
  );
}
