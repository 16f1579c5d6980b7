/** Small pieces of the report pages: the state tag and who may start a report. */
import { useQuery } from '@tanstack/react-query';
import { Permission, useCan } from '@/lib/can';
import { useI18n, type MessageKey } from '@/lib/i18n';
import { secretariatSlugsQuery, type ReportState } from '../api';

const STATE_CLASS: Record<ReportState, string> = {
  draft: 'badge',
  in_review: 'badge badge-info',
  presented: 'badge badge-warning',
  frozen: 'badge badge-success',
};

export function StateTag({ state }: { state: ReportState }) {
  const { t } = useI18n();
  return (
    <span className={`${STATE_CLASS[state]} report-state`} data-state={state}>
      {t(`reports.state.${state}` as MessageKey)}
    </span>
  );
}

/** Admins (any-org) and editors of a secretariat organisation write reports (mirrors reports/service.py). */
export function useCanWriteReports(): boolean {
  const can = useCan();
  const slugs = useQuery({ ...secretariatSlugsQuery(), enabled: can(Permission.read) });
  return can(Permission.actForAnyOrg) || (slugs.data ?? []).some((slug) => can(Permission.edit, slug));
}
