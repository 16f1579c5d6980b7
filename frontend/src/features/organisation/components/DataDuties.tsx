/** The indicators an organisation owns and what it owes for each: periods due, gaps, drafts. */
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState, QueryView } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { dutiesQuery } from '../api';

export function DataDuties({ slug, canReport }: { slug: string; canReport: boolean }) {
  const { t, locale } = useI18n();
  const query = useQuery(dutiesQuery(slug));
  return (
    <section aria-labelledby="org-duties" className="org-section">
      <h2 id="org-duties">{t('org.duties.title')}</h2>
      <p>{t('org.duties.intro')}</p>
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('org.duties.none')}</EmptyState>
          ) : (
            <ScrollTable label={t('org.duties.title')}>
              <table className="table table--compact data-duties">
                <caption className="sr-only">{t('org.duties.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('indicators.col.indicator')}</th>
                    <th scope="col">{t('org.duties.latest')}</th>
                    <th scope="col">{t('org.duties.due')}</th>
                    <th scope="col">{t('org.duties.missing')}</th>
                    <th scope="col">{t('org.duties.drafts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((d) => (
                    <tr key={d.indicator} data-indicator={d.indicator}>
                      <th scope="row">
                        <Link to={`/indicators/${d.indicator}`}>{locale === 'da' ? d.name_da : d.name_en}</Link>
                        <br />
                        <span className="meta">{t(`indicators.periodicity.${d.periodicity}`)}</span>
                      </th>
                      <td>
                        {d.latest_period ?? '–'}
                        {d.latest_approved_period && d.latest_approved_period !== d.latest_period && (
                          <span className="meta"> {t('org.duties.approvedUntil', { period: d.latest_approved_period })}</span>
                        )}
                      </td>
                      <td>
                        {d.due_periods.length ? (
                          <span className="badge badge-warning">{d.due_periods.join(', ')}</span>
                        ) : (
                          t('org.duties.nothingDue')
                        )}
                        {canReport && d.due_periods.length > 0 && (
                          <>
                            {' '}
                            <Link to={`/indicators/${d.indicator}/observations`}>{t('indicators.enter')}</Link>
                          </>
                        )}
                      </td>
                      <td>{d.missing_periods.length ? d.missing_periods.join(', ') : '–'}</td>
                      <td className="num">{d.drafts ? <span className="badge badge-info">{d.drafts}</span> : '0'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )
        }
      </QueryView>
    </section>
  );
}
