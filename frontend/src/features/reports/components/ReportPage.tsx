/** One report: the lifecycle, downloads, and either the editor (sections, figures, comments) or the
 * frozen report with its hash and what has changed since. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { ErrorState, Loading, NotFound, QueryView, useDocumentTitle } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { contentQuery, reportQuery, type Edition, type ReportDetail } from '../api';
import { StateTag } from './bits';
import { Comments } from './Comments';
import { DocumentFrame } from './DocumentFrame';
import { Downloads } from './Downloads';
import { FiguresPanel } from './FiguresPanel';
import { FrozenView } from './FrozenView';
import { Lifecycle } from './Lifecycle';
import { SectionEditor } from './SectionEditor';
import '../reports.css';

export function ReportPage() {
  const id = Number(useParams().id);
  const report = useQuery({ ...reportQuery(id), enabled: Number.isInteger(id) });
  const { t } = useI18n();
  useDocumentTitle(report.data?.title ?? t('reports.title'));
  if (!Number.isInteger(id)) return <NotFound />;
  if (report.isPending) return <Loading />;
  if (report.error || !report.data) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  return <ReportView report={report.data} />;
}

function ReportView({ report }: { report: ReportDetail }) {
  const { t, date } = useI18n();
  const [edition, setEdition] = useState<Edition>(report.editions[0] ?? 'public');
  return (
    <article className="report-page">
      <Breadcrumbs trail={[{ to: '/reports', label: t('reports.title') }, { label: report.title }]} />
      <header className="page-header">
        <h1>{report.title}</h1>
        <p className="meta">
          <StateTag state={report.state} /> {t('reports.cutoff', { date: date(report.cutoff) })}
        </p>
      </header>
      {report.actions.length > 0 && <Lifecycle report={report} />}
      <section aria-labelledby="documents-h" className="goal-section">
        <h2 id="documents-h">{t('reports.documents')}</h2>
        {report.editions.length > 1 && (
          <fieldset className="edition-choice">
            <legend className="form-label">{t('reports.edition.label')}</legend>
            {report.editions.map((e) => (
              <label key={e} className="form-radio-inline">
                <input type="radio" name="edition" value={e} checked={edition === e} onChange={() => setEdition(e)} />{' '}
                {t(`reports.edition.${e}`)}
              </label>
            ))}
          </fieldset>
        )}
        <Downloads report={report} edition={edition} />
      </section>
      {report.state === 'frozen' ? (
        <FrozenView report={report} edition={edition} />
      ) : (
        <Editor report={report} edition={edition} />
      )}
    </article>
  );
}

function Editor({ report, edition }: { report: ReportDetail; edition: Edition }) {
  const { t } = useI18n();
  const [key, setKey] = useState(report.sections[0]?.key ?? 'introduction');
  const [showDocument, setShowDocument] = useState(false);
  const content = useQuery(contentQuery(report.id, edition));
  const section = report.sections.find((s) => s.key === key);
  const by = new Map(report.actions.map((a) => [a.action, a]));
  return (
    <>
      <nav aria-label={t('reports.section.nav')} className="section-nav">
        <ul className="nobullet-list">
          {report.sections.map((s) => (
            <li key={s.key}>
              <button
                type="button"
                className={`button button-tertiary${s.key === key ? ' current' : ''}`}
                aria-current={s.key === key ? 'true' : undefined}
                onClick={() => setKey(s.key)}
              >
                <span lang="da">{s.title}</span>
                {s.comments > 0 && <span className="tag">{t('reports.section.comments', { count: s.comments })}</span>}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="report-editor">
        <div className="report-editor-text">
          {section && <SectionEditor reportId={report.id} section={section} action={by.get('edit')} />}
          {section && <Comments reportId={report.id} sectionKey={section.key} action={by.get('comment')} />}
        </div>
        <QueryView query={content}>{(c) => <FiguresPanel content={c} sectionKey={key} />}</QueryView>
      </div>
      <section aria-labelledby="document-h" className="goal-section">
        <h2 id="document-h">{t('reports.document.title')}</h2>
        <button type="button" className="button button-secondary" aria-expanded={showDocument} onClick={() => setShowDocument(!showDocument)}>
          {showDocument ? t('reports.document.hide') : t('reports.document.show')}
        </button>
        {showDocument && <DocumentFrame report={report} edition={edition} />}
      </section>
    </>
  );
}
