import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, QueryView, useDocumentTitle } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { indicatorsQuery, statusListQuery, TARGET_AREA, type Indicator, type IndicatorStatus } from '../api';
import { StatusBadge, useFigure } from './figures';

/** Indicators grouped by the goal codes they follow (an indicator of two goals shows under both). */
export function groupByGoal(indicators: Indicator[]): [string, Indicator[]][] {
  const groups = new Map<string, Indicator[]>();
  for (const ind of indicators) {
    const goals = ind.goals.length ? ind.goals : [''];
    for (const g of goals) groups.set(g, [...(groups.get(g) ?? []), ind]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'da', { numeric: true })));
}

export function IndicatorTable({ indicators, statuses, caption }: { indicators: Indicator[]; statuses: Map<string, IndicatorStatus>; caption: string }) {
  const { t, locale } = useI18n();
  const figure = useFigure();
  return (
    <div className="table--responsive-scroll">
      <table className="table indicator-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('indicators.col.indicator')}</th>
            <th scope="col">{t('indicators.col.latest')}</th>
            <th scope="col">{t('indicators.col.period')}</th>
            <th scope="col">{t('indicators.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((ind) => {
            const area = statuses.get(ind.code)?.areas.find((a) => a.area === TARGET_AREA);
            return (
              <tr key={ind.code} data-indicator={ind.code}>
                <th scope="row">
                  <Link to={`/indicators/${ind.code}`} lang={locale === 'da' ? CONTENT_LANG : 'en'}>
                    {locale === 'da' ? ind.name_da : ind.name_en}
                  </Link>
                </th>
                <td className="num">{area?.period ? figure(area.value, { decimals: ind.decimals, unit: ind.unit }) : t('indicators.noValue')}</td>
                <td>{area?.period ?? '–'}</td>
                <td>
                  <StatusBadge status={area?.period ? area.status : null} parts={area?.period ? area : undefined} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function IndicatorListPage() {
  const { t } = useI18n();
  const can = useCan();
  useDocumentTitle(t('indicators.title'));
  const indicators = useQuery(indicatorsQuery());
  const statuses = useQuery(statusListQuery());
  return (
    <section>
      <h1>{t('indicators.title')}</h1>
      <p className="font-lead">{t('indicators.intro')}</p>
      {can(Permission.report) && (
        <p>
          <Link to="/observations/import" className="button button-secondary">
            {t('indicators.import')}
          </Link>
        </p>
      )}
      <QueryView query={indicators}>
        {(page) => {
          if (page.items.length === 0) return <EmptyState>{t('indicators.empty')}</EmptyState>;
          const byCode = new Map((statuses.data?.items ?? []).map((s) => [s.indicator, s]));
          return groupByGoal(page.items).map(([goal, list]) => {
            const heading = goal ? t('indicators.goalHeading', { code: goal }) : t('indicators.noGoal');
            return (
              <section key={goal} aria-labelledby={`ind-goal-${goal || 'none'}`} className="goal-section">
                <h2 id={`ind-goal-${goal || 'none'}`}>{heading}</h2>
                <IndicatorTable indicators={list} statuses={byCode} caption={heading} />
              </section>
            );
          });
        }}
      </QueryView>
    </section>
  );
}
