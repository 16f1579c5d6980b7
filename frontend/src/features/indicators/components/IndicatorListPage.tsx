import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, QueryView, useDocumentTitle } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { goalTreeQuery, indicatorsQuery, statusListQuery, TARGET_AREA, type Goal, type Indicator, type IndicatorStatus } from '../api';
import { Explanation, StatusBadge, useFigure } from './figures';
import './indicators.css';

export interface GoalGroup {
  /** The goal, or null for indicators that follow no goal. */
  goal: Goal | null;
  /** Indicators of the goal as a whole. */
  direct: Indicator[];
  subObjectives: { sub: NonNullable<Goal['sub_objectives']>[number]; indicators: Indicator[] }[];
}

/**
 * Indicators grouped by goal and sub-objective, in the goal tree's order. An indicator that serves
 * several goals shows once, under the first of them in that order (the table names all its goals).
 */
export function groupByGoalTree(indicators: Indicator[], tree: Goal[]): GoalGroup[] {
  const order = tree.flatMap((g) => [g.code, ...(g.sub_objectives ?? []).map((s) => s.code)]);
  const rank = (code: string) => (order.indexOf(code) === -1 ? Number.MAX_SAFE_INTEGER : order.indexOf(code));
  const home = new Map<string, string>();
  for (const ind of indicators) {
    const first = [...ind.goals].sort((a, b) => rank(a) - rank(b))[0];
    if (first !== undefined && rank(first) !== Number.MAX_SAFE_INTEGER) home.set(ind.code, first);
  }
  const at = (code: string) => indicators.filter((i) => home.get(i.code) === code);
  const groups: GoalGroup[] = tree
    .map((goal) => ({
      goal,
      direct: at(goal.code),
      subObjectives: (goal.sub_objectives ?? []).map((sub) => ({ sub, indicators: at(sub.code) })).filter((s) => s.indicators.length > 0),
    }))
    .filter((g) => g.direct.length > 0 || g.subObjectives.length > 0);
  const homeless = indicators.filter((i) => !home.has(i.code));
  if (homeless.length) groups.push({ goal: null, direct: homeless, subObjectives: [] });
  return groups;
}

export function IndicatorTable({
  indicators,
  statuses,
  caption,
  showGoals = false,
}: {
  indicators: Indicator[];
  statuses: Map<string, IndicatorStatus>;
  caption: string;
  showGoals?: boolean;
}) {
  const { t, locale } = useI18n();
  const figure = useFigure();
  return (
    <ScrollTable label={caption}>
      <table className="table indicator-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('indicators.col.indicator')}</th>
            <th scope="col">{t('indicators.col.latest')}</th>
            <th scope="col">{t('indicators.col.period')}</th>
            <th scope="col">{t('indicators.col.status')}</th>
            {showGoals && <th scope="col">{t('indicators.col.goals')}</th>}
          </tr>
        </thead>
        <tbody>
          {indicators.map((ind) => {
            const area = statuses.get(ind.code)?.areas.find((a) => a.area === TARGET_AREA);
            const fmt = { decimals: ind.decimals, unit: ind.unit };
            return (
              <tr key={ind.code} data-indicator={ind.code}>
                <th scope="row">
                  <Link to={`/indicators/${ind.code}`} lang={locale === 'da' ? CONTENT_LANG : 'en'}>
                    {locale === 'da' ? ind.name_da : ind.name_en}
                  </Link>
                </th>
                <td className="num">{area?.period ? figure(area.value, fmt) : t('indicators.noValue')}</td>
                <td>{area?.period ?? '–'}</td>
                <td className="status-cell">
                  <StatusBadge status={area?.period ? area.status : null} parts={area?.period ? area : undefined} />
                  {area && (
                    <span className="status-explanation">
                      {' '}
                      <Explanation status={area} />
                    </span>
                  )}
                </td>
                {showGoals && <td className="indicator-goals">{ind.goals.join(', ')}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function IndicatorListPage() {
  const { t } = useI18n();
  const can = useCan();
  useDocumentTitle(t('indicators.title'));
  const indicators = useQuery(indicatorsQuery());
  const statuses = useQuery(statusListQuery());
  const goals = useQuery(goalTreeQuery());
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
          return groupByGoalTree(page.items, goals.data?.items ?? []).map(({ goal, direct, subObjectives }) => {
            const id = `ind-goal-${goal?.code ?? 'none'}`;
            const heading = goal ? `${t('indicators.goalHeading', { code: goal.code })}: ${goal.title}` : t('indicators.noGoal');
            return (
              <section key={id} aria-labelledby={id} className="goal-section">
                <h2 id={id} lang={goal ? CONTENT_LANG : undefined}>
                  {heading}
                </h2>
                {direct.length > 0 && <IndicatorTable indicators={direct} statuses={byCode} caption={heading} showGoals />}
                {subObjectives.map(({ sub, indicators: list }) => (
                  <section key={sub.code} aria-labelledby={`ind-sub-${sub.code}`} className="sub-objective-section">
                    <h3 id={`ind-sub-${sub.code}`} lang={CONTENT_LANG}>
                      {t('indicators.subHeading', { code: sub.code, title: sub.title })}
                    </h3>
                    <IndicatorTable indicators={list} statuses={byCode} caption={sub.title} showGoals />
                  </section>
                ))}
              </section>
            );
          });
        }}
      </QueryView>
    </section>
  );
}
