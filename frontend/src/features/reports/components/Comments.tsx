/** Review comments on one section, and the form for partners' editors while the report is in review. */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { TextArea } from '@/components/form';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { commentsQuery, useAddComment, type Action } from '../api';

export function Comments({ reportId, sectionKey, action }: { reportId: number; sectionKey: string; action: Action | undefined }) {
  const { t, dateTime } = useI18n();
  const comments = useQuery(commentsQuery(reportId));
  const add = useAddComment(reportId);
  const [text, setText] = useState('');
  const mine = (comments.data?.items ?? []).filter((c) => c.section_key === sectionKey);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) add.mutate({ key: sectionKey, body: text }, { onSuccess: () => setText('') });
  };
  return (
    <section aria-labelledby={`comments-${sectionKey}`} className="report-comments">
      <h3 id={`comments-${sectionKey}`}>{t('reports.comments.title', { count: mine.length })}</h3>
      {mine.length === 0 ? (
        <p className="state state-empty">{t('reports.comments.none')}</p>
      ) : (
        <ul className="nobullet-list comment-list">
          {mine.map((c) => (
            <li key={c.id} className="comment">
              <p className="meta">
                {c.author_name} ({c.organisation}), {dateTime(c.created_at)}
              </p>
              <p lang="da">{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {action?.allowed ? (
        <form onSubmit={submit} noValidate>
          <TextArea label={t('reports.comments.add')} value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={10000} />
          <button type="submit" className="button button-secondary" disabled={add.isPending || !text.trim()}>
            {t('reports.comments.submit')}
          </button>
          {add.error != null && (
            <p role="alert" className="form-error-message">
              {isProblemError(add.error) ? add.error.message : t('state.error.unexpected')}
            </p>
          )}
        </form>
      ) : (
        action?.reason && <p className="form-hint">{action.reason}</p>
      )}
    </section>
  );
}
