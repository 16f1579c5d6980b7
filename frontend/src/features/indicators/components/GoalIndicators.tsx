/** The goal page's indicator section: each indicator of the goal with its latest value, period and status. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState, QueryView } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { goalStatusQuery, indicatorsQuery, statusListQuery, type GoalRollup } from '../api';
import { StatusBadge } from './figures';
import { IndicatorTable } from './IndicatorListPage';

export function GoalIndicators({ goalCode }: { goalCode: string }) {
  const { t } = useI18n();
  const statuses = useQuery(statusListQuery(goalCode));
  const indicators = useQuery(indicatorsQuery());
  const rollups = useQuery(goalStatusQuery());
  const rollup = findRollup(rollups.data?.items ?? [], goalCode);
  return (
    <QueryView query={statuses}>
      {(page) => {
        if (page.items.length === 0) return <EmptyState>{t('indicators.goalEmpty')}</EmptyState>;
        const codes = new Set(page.items.map((s) => s.indicator));
        const list = (indicators.data?.items ?? []).filter((i) => codes.has(i.code));
        const byCode = new Map(page.items.map((s) => [s.indicator, s]));
        return (
          <>
            {rollup && (
              <p className="goal-rollup" data-goal={rollup.goal}>
                <StatusBadge status={rollup.status} /> <span className="meta" lang="da">{rollup.explanation}</span>
              </p>
            )}
            <IndicatorTable indicators={list} statuses={byCode} caption={t('goals.indicators')} />
            <p>
              <Link to="/indicators">{t('indicators.allLink')}</Link>
            </p>
          </>
        );
      }}
    </QueryView>
  );
}

/** A goal's roll-up, or a sub-objective's (they sit under their goal). */
function findRollup(items: GoalRollup[], code: string): GoalRollup | undefined {
  for (const goal of items) {
    if (goal.goal === code) return goal;
    const sub = goal.sub_objectives.find((s) => s.goal === code);
    if (sub) return sub;
  }
  return undefined;
}
