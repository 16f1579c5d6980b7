/** A frozen report: the decision that approved it, its SHA-256, what has changed in the data since, the document. */
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '@/lib/i18n';
import { changesQuery, contentQuery, type Edition, type ReportDetail } from '../api';
import { DocumentFrame } from './DocumentFrame';

export function FrozenView({ report, edition }: { report: ReportDetail; edition: Edition }) {
  const { t, dateTime, number } = useI18n();
  const changes = useQuery(changesQuery(report.id, edition));
  const content = useQuery(contentQuery(report.id, edition));
  const stored = content.data?.report;
  const freezing = report.freezing;
  const hash = edition === 'public' ? freezing?.public_hash : freezing?.content_hash;
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '–' : number(v, 2));
  return (
    <>
      <section aria-labelledby="frozen-h" className="goal-section frozen">
        <h2 id="frozen-h">{t('reports.frozen.title')}</h2>
        {freezing && (
          <dl className="figure-list">
            {stored?.meeting && (
              <>
                <dt>{t('reports.frozen.presented')}</dt>
                <dd lang="da">{stored.meeting}</dd>
              </>
            )}
            <dt>{t('reports.frozen.decision')}</dt>
            <dd lang="da">{stored?.decision ?? freezing.decision_id}</dd>
            <dt>{t('reports.frozen.when')}</dt>
            <dd>{t('reports.frozen.by', { when: dateTime(freezing.frozen_at), who: freezing.frozen_by })}</dd>
            <dt>{t('reports.frozen.hash')}</dt>
            <dd>
              <code className="hash" data-testid="content-hash">
                {hash}
              </code>
            </dd>
          </dl>
        )}
        <p className="meta">{t('reports.frozen.hashHint')}</p>
      </section>
      <section aria-labelledby="changes-h" className="goal-section">
        <h2 id="changes-h">{t('reports.changes.title')}</h2>
        {changes.isPending ? (
          <p role="status">{t('state.loading')}</p>
        ) : !changes.data || changes.data.items.length === 0 ? (
          <p className="state state-empty">{t('reports.changes.none')}</p>
        ) : (
          <div className="table--responsive-scroll">
            <table className="table table--compact changes-table">
              <caption>{t('reports.changes.caption', { count: changes.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reports.changes.indicator')}</th>
                  <th scope="col">{t('reports.changes.area')}</th>
                  <th scope="col">{t('reports.changes.period')}</th>
                  <th scope="col" className="num">{t('reports.changes.inReport')}</th>
                  <th scope="col" className="num">{t('reports.changes.now')}</th>
                  <th scope="col">{t('reports.changes.when')}</th>
                </tr>
              </thead>
              <tbody>
                {changes.data.items.map((c) => (
                  <tr key={`${c.indicator}|${c.area}|${c.period}`} data-kind={c.kind}>
                    <th scope="row">{c.indicator}</th>
                    <td>{c.area}</td>
                    <td>{c.period}</td>
                    <td className="num">{fmt(c.in_report)}</td>
                    <td className="num">{c.withheld_now ? t('reports.changes.withheld') : fmt(c.now)}</td>
                    <td>
                      {c.approved_at ? dateTime(c.approved_at) : '–'}{' '}
                      <span className="tag">{c.since_freeze ? t('reports.changes.afterFreeze') : t('reports.changes.beforeFreeze')}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="frozen-doc-h" className="goal-section">
        <h2 id="frozen-doc-h">{t('reports.document.title')}</h2>
        <DocumentFrame report={report} edition={edition} />
      </section>
    </>
  );
}
