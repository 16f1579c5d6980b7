/** The organisation's single approval queue: every draft of every indicator it owns; its editors
 * select and approve them in one go (all or nothing). */
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary } from '@/components/form';
import { EmptyState, QueryView } from '@/components/states';
import { useFigure } from '@/lib/figures';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { approvalQueueQuery, areasQuery, indicatorsQuery, useApproveQueue } from '../api';

export function ApprovalQueue({ slug, canApprove }: { slug: string; canApprove: boolean }) {
  const { t, locale } = useI18n();
  const figure = useFigure();
  const queue = useQuery(approvalQueueQuery(slug));
  const indicators = useQuery(indicatorsQuery());
  const areas = useQuery(areasQuery());
  const approve = useApproveQueue();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [done, setDone] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const byCode = new Map((indicators.data?.items ?? []).map((i) => [i.code, i]));
  const areaName = (code: string) => areas.data?.items.find((a) => a.code === code)?.name ?? code;

  async function approveSelected() {
    setError(null);
    setDone(null);
    try {
      const result = await approve.mutateAsync([...selected]);
      setDone(result.approved);
      setSelected(new Set());
    } catch (e) {
      setError(isProblemError(e) ? e.message : t('state.error.network'));
    }
  }

  return (
    <section aria-labelledby="org-queue" className="org-section">
      <h2 id="org-queue">{t('org.queue.title')}</h2>
      <p>{t('org.queue.intro')}</p>
      {done !== null && (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{t('observations.drafts.approved', { count: done })}</p>
          </div>
        </div>
      )}
      {error && <ErrorSummary errors={{}} message={error} />}
      <QueryView query={queue}>
        {(page) => {
          if (page.items.length === 0) return <EmptyState>{t('org.queue.empty')}</EmptyState>;
          const all = page.items.map((o) => o.id);
          const allSelected = all.every((id) => selected.has(id));
          return (
            <>
              <ScrollTable label={t('org.queue.caption', { count: page.total })}>
                <table className="table table--compact approval-queue">
                  <caption>{t('org.queue.caption', { count: page.total })}</caption>
                  <thead>
                    <tr>
                      {canApprove && (
                        <th scope="col">
                          <div className="form-group-checkbox">
                            <input
                              id="queue-all"
                              type="checkbox"
                              className="form-checkbox"
                              checked={allSelected}
                              onChange={(e) => setSelected(e.target.checked ? new Set(all) : new Set())}
                            />
                            <label htmlFor="queue-all">{t('observations.drafts.selectAll')}</label>
                          </div>
                        </th>
                      )}
                      <th scope="col">{t('indicators.col.indicator')}</th>
                      <th scope="col">{t('indicators.col.area')}</th>
                      <th scope="col">{t('indicators.col.period')}</th>
                      <th scope="col">{t('indicators.col.value')}</th>
                      <th scope="col">{t('indicators.col.comment')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((o) => {
                      const ind = byCode.get(o.indicator);
                      const name = ind ? (locale === 'da' ? ind.name_da : ind.name_en) : o.indicator;
                      return (
                        <tr key={o.id} data-observation={o.id}>
                          {canApprove && (
                            <td>
                              <div className="form-group-checkbox">
                                <input
                                  id={`queue-${o.id}`}
                                  type="checkbox"
                                  className="form-checkbox"
                                  checked={selected.has(o.id)}
                                  onChange={(e) => {
                                    const next = new Set(selected);
                                    if (e.target.checked) next.add(o.id);
                                    else next.delete(o.id);
                                    setSelected(next);
                                  }}
                                />
                                <label htmlFor={`queue-${o.id}`} className="sr-only">
                                  {t('org.queue.select', { name, area: areaName(o.area), period: o.period })}
                                </label>
                              </div>
                            </td>
                          )}
                          <th scope="row">
                            <Link to={`/indicators/${o.indicator}`}>{name}</Link>
                          </th>
                          <td>{areaName(o.area)}</td>
                          <td>{o.period}</td>
                          <td className="num">{o.value === null ? o.missing_reason ?? t('indicators.missing') : figure(o.value, { unit: ind?.unit, decimals: ind?.decimals })}</td>
                          <td>{o.comment}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollTable>
              {canApprove && (
                <button type="button" className="button button-primary" disabled={selected.size === 0 || approve.isPending} onClick={() => void approveSelected()}>
                  {t('observations.drafts.approve', { count: selected.size })}
                </button>
              )}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
