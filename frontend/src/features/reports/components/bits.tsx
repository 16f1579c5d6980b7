/** Small pieces of the report pages: the state tag, the status badge, and who may start a report. */
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

const STATUS_CLASS: Record<string, string> = {
  on_track: 'badge badge-success',
  at_risk: 'badge badge-warning',
  off_track: 'badge badge-error',
  no_target: 'badge badge-info',
  no_recent_data: 'badge',
  context: 'badge badge-info',
};

/** A status word in a badge (the word carries the meaning, not the colour). */
export function Verdict({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`${STATUS_CLASS[status] ?? 'badge'} status-badge`} data-status={status}>
      {t(`indicators.status.${status}` as MessageKey)}
    </span>
  );
}

/** Admins (any-org) and editors of a secretariat organisation write reports (mirrors reports/service.py). */
export function useCanWriteReports(): boolean {
  const can = useCan();
  const slugs = useQuery({ ...secretariatSlugsQuery(), enabled: can(Permission.read) });
  return can(Permission.actForAnyOrg) || (slugs.data ?? []).some((slug) => can(Permission.edit, slug));
}
