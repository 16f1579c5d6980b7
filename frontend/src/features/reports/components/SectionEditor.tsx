/** One written section: Markdown in, a preview beside it, saved with the section's version (If-Match). */
import { useEffect, useId, useState } from 'react';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { useSaveSection, type Action, type Section } from '../api';
import { Markdown } from '../markdown';

export function SectionEditor({ reportId, section, action }: { reportId: number; section: Section; action: Action | undefined }) {
  const { t } = useI18n();
  const save = useSaveSection(reportId);
  const [text, setText] = useState(section.body);
  const [saved, setSaved] = useState(false);
  const id = useId();
  useEffect(() => {
    setText(section.body);
  }, [section.key, section.body]);
  const editable = action?.allowed ?? false;
  const dirty = text !== section.body;
  return (
    <section aria-labelledby={`${id}-h`} className="section-editor">
      <h2 id={`${id}-h`} lang="da">
        {section.title}
      </h2>
      <div className="editor-and-preview">
        <div className="form-group">
          <label className="form-label" htmlFor={`${id}-text`}>
            {t('reports.section.text')}
          </label>
          <span className="form-hint" id={`${id}-hint`}>
            {editable ? t('reports.section.hint') : action?.reason}
          </span>
          <textarea
            id={`${id}-text`}
            className="form-input section-text"
            lang="da"
            rows={14}
            value={text}
            readOnly={!editable}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              setText(e.target.value);
              setSaved(false);
            }}
          />
        </div>
        <div className="preview" aria-labelledby={`${id}-preview`} role="region">
          <p className="form-label" id={`${id}-preview`}>
            {t('reports.section.preview')}
          </p>
          {text.trim() ? <Markdown text={text} /> : <p className="state state-empty">{t('reports.section.empty')}</p>}
        </div>
      </div>
      {editable && (
        <p className="button-row">
          <button
            type="button"
            className="button button-primary"
            disabled={!dirty || save.isPending}
            onClick={() =>
              save.mutate({ key: section.key, body: text, version: section.version }, { onSuccess: () => setSaved(true) })
            }
          >
            {save.isPending ? t('form.saving') : t('reports.section.save')}
          </button>
          {saved && !dirty && (
            <span role="status" className="form-hint">
              {t('form.saved')}
            </span>
          )}
          {save.error != null && (
            <span role="alert" className="form-error-message">
              {isProblemError(save.error, 412) ? t('reports.section.conflict') : isProblemError(save.error) ? save.error.message : t('state.error.unexpected')}
            </span>
          )}
        </p>
      )}
    </section>
  );
}
