/** Small shared pieces of the meeting pages: status tags, times in Copenhagen, body and organisation names. */
import { useQuery } from '@tanstack/react-query';
import { formatLongDate, formatTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { bodiesQuery, organisationsQuery, type Meeting, type MeetingStatus } from '../api';
import type { ActionItem, DecisionKind } from '../recordsApi';

const MEETING_BADGE: Record<MeetingStatus, string> = {
  planned: 'badge-info',
  agenda_published: 'badge-info',
  held: 'badge-neutral',
  minutes_draft: 'badge-warning',
  minutes_approved: 'badge-success',
  cancelled: 'badge-error',
};

const ACTION_BADGE: Record<ActionItem['status'], string> = {
  open: 'badge-info',
  done: 'badge-success',
  cancelled: 'badge-neutral',
};

export function MeetingStatusTag({ status }: { status: MeetingStatus }) {
  const { t } = useI18n();
  return <span className={`badge ${MEETING_BADGE[status]} meeting-status meeting-${status}`}>{t(`meetings.status.${status}`)}</span>;
}

export function DecisionKindTag({ kind }: { kind: DecisionKind }) {
  const { t } = useI18n();
  return <span className={`badge badge-neutral decision-kind kind-${kind}`}>{t(`decisions.kind.${kind}`)}</span>;
}

export function ActionStatusTag({ item }: { item: ActionItem }) {
  const { t } = useI18n();
  if (item.overdue) return <span className="badge badge-error action-status action-overdue">{t('actions.overdue')}</span>;
  return <span className={`badge ${ACTION_BADGE[item.status]} action-status action-${item.status}`}>{t(`actions.status.${item.status}`)}</span>;
}

/** "torsdag 12. marts 2026, 14.00–16.00" in Copenhagen time. */
export function MeetingWhen({ meeting }: { meeting: Pick<Meeting, 'starts_at' | 'ends_at'> }) {
  const { locale } = useI18n();
  const day = formatLongDate(meeting.starts_at, locale);
  const sameDay = formatLongDate(meeting.ends_at, locale) === day;
  return (
    <time dateTime={meeting.starts_at}>
      {day}, {formatTime(meeting.starts_at, locale)}–
      {sameDay ? formatTime(meeting.ends_at, locale) : `${formatLongDate(meeting.ends_at, locale)} ${formatTime(meeting.ends_at, locale)}`}
    </time>
  );
}

export function useBodyName(): (id: number) => string {
  const bodies = useQuery(bodiesQuery());
  return (id) => bodies.data?.items.find((b) => b.id === id)?.name ?? '…';
}

export function useOrgName(): (id: number | null | undefined) => string | null {
  const orgs = useQuery(organisationsQuery());
  return (id) => (id == null ? null : (orgs.data?.items.find((o) => o.id === id)?.name ?? null));
}

export function parseId(raw: string | undefined | null): number | null {
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}
