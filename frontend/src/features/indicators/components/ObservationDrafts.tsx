/** The owner's drafts under the entry grid: editors select some and approve them. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorSummary } from '@/components/form';
import { Loading } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { observationsQuery, useApproveObservations, type Indicator } from '../api';
import { useFigure } from './figures';

/** A checkbox in the design system's markup, its label read by screen readers only. */
function RowCheck({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <div className="form-group-checkbox table-check">
      <input type="checkbox" className="form-checkbox" id={id} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>
        <span className="sr-only">{label}</span>
      </label>
    </div>
  );
}

export function Drafts({ indicator, areaName }: { indicator: Indicator; areaName: (code: string) => string }) {
  const { t } = useI18n();
  const figure = useFigure();
  const observations = useQuery(observationsQuery(indicator.code));
  const approve = useApproveObservations(indicator.code);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const drafts = (observations.data ?? []).filter((o) => o.approval === 'draft');
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  async function approveSelected() {
    setDone(null);
    setFailure(null);
    try {
      const result = await approve.mutateAsync([...selected]);
      setDone(t('observations.drafts.approved', { count: result.approved }));
      setSelected(new Set());
    } catch (error) {
      setFailure(isProblemError(error) ? error.message : t('state.error.network'));
    }
  }

  return (
    <section aria-labelledby="drafts-heading" className="goal-section">
      <h2 id="drafts-heading">{t('observations.drafts.title')}</h2>
      {done && (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{done}</p>
          </div>
        </div>
      )}
      {failure && <ErrorSummary errors={{}} message={failure} />}
      {observations.isPending ? (
        <Loading />
      ) : drafts.length === 0 ? (
        <p className="state state-empty">{t('observations.drafts.none')}</p>
      ) : (
        <>
          <div className="table--responsive-scroll">
            <table className="table table--compact drafts-table">
              <caption className="sr-only">{t('observations.drafts.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <RowCheck
                      id="draft-all"
                      label={t('observations.drafts.selectAll')}
                      checked={selected.size === drafts.length}
                      onChange={(on) => setSelected(on ? new Set(drafts.map((d) => d.id)) : new Set())}
                    />
                  </th>
                  <th scope="col">{t('indicators.col.area')}</th>
                  <th scope="col">{t('indicators.col.period')}</th>
                  <th scope="col">{t('indicators.col.value')}</th>
                  <th scope="col">{t('indicators.col.n')}</th>
                  <th scope="col">{t('indicators.col.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {drafts.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <RowCheck
                        id={`draft-${d.id}`}
                        label={t('observations.drafts.select', { area: areaName(d.area), period: d.period })}
                        checked={selected.has(d.id)}
                        onChange={() => toggle(d.id)}
                      />
                    </td>
                    <td>{areaName(d.area)}</td>
                    <td>{d.period}</td>
                    <td className="num">{figure(d.value, { decimals: indicator.decimals, unit: indicator.unit })}</td>
                    <td className="num">{d.n ?? ''}</td>
                    <td>{d.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="button button-primary" disabled={selected.size === 0 || approve.isPending} onClick={() => void approveSelected()}>
            {t('observations.drafts.approve', { count: selected.size })}
          </button>
        </>
      )}
    </section>
  );
}
