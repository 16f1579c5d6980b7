/** The goal page's indicator section: each indicator of the goal with its latest value, period and status. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState, QueryView } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { indicatorsQuery, statusListQuery } from '../api';
import { IndicatorTable } from './IndicatorListPage';

export function GoalIndicators({ goalCode }: { goalCode: string }) {
  const { t } = useI18n();
  const statuses = useQuery(statusListQuery(goalCode));
  const indicators = useQuery(indicatorsQuery());
  return (
    <QueryView query={statuses}>
      {(page) => {
        if (page.items.length === 0) return <EmptyState>{t('indicators.goalEmpty')}</EmptyState>;
        const codes = new Set(page.items.map((s) => s.indicator));
        const list = (indicators.data?.items ?? []).filter((i) => codes.has(i.code));
        const byCode = new Map(page.items.map((s) => [s.indicator, s]));
        return (
          <>
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
