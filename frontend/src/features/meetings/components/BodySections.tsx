/** The meetings feature's sections on the body pages: next meeting, meetings, decisions, open action items. */
import '../meetings.css';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, QueryView, Skeleton } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { copenhagenParts, copenhagenToIso } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { meetingsQuery, type Meeting } from '../api';
import { actionItemsQuery, decisionsQuery } from '../recordsApi';
import { MeetingStatusTag, MeetingWhen } from './bits';
import { ActionItemTable, DecisionList } from './RecordLists';

function fromToday(): string {
  return copenhagenToIso(copenhagenParts(new Date()).date, '00:00');
}

/** Every coming meeting, once for all bodies (the organisation page asks for each body's next one). */
const upcomingQuery = () => meetingsQuery({ starts_from: fromToday(), limit: 500 });

export function nextOf(meetings: Meeting[], bodyId: number, now = Date.now()): Meeting | undefined {
  return meetings
    .filter((m) => m.body_id === bodyId && m.status !== 'cancelled' && new Date(m.ends_at).getTime() >= now)
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at))[0];
}

export function NextMeeting({ bodyId }: { bodyId: number }) {
  const { t } = useI18n();
  const query = useQuery(upcomingQuery());
  if (query.isPending) return <span className="meta">{t('state.loading')}</span>;
  const next = nextOf(query.data?.items ?? [], bodyId);
  if (!next) return <span className="meta">{t('meetings.noneScheduled')}</span>;
  return (
    <Link to={`/meetings/${next.id}`} data-next-meeting={next.id}>
      <MeetingWhen meeting={next} /> – <span lang={CONTENT_LANG}>{next.title}</span>
    </Link>
  );
}

export function BodyMeetings({ bodyId }: { bodyId: number }) {
  const { t } = useI18n();
  const upcoming = useQuery(meetingsQuery({ body_id: bodyId, starts_from: fromToday(), limit: 20 }));
  const earlier = useQuery(meetingsQuery({ body_id: bodyId, starts_before: fromToday(), limit: 5 }));
  const list = (items: Meeting[]) => (
    <ul className="nobullet-list meeting-lines">
      {items.map((m) => (
        <li key={m.id} data-meeting={m.id}>
          <Link to={`/meetings/${m.id}`} lang={CONTENT_LANG}>
            {m.title}
          </Link>{' '}
          <MeetingStatusTag status={m.status} />
          <br />
          <span className="meta">
            <MeetingWhen meeting={m} />
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <h3 className="h5">{t('meetings.upcoming')}</h3>
      <QueryView query={upcoming} skeleton={<Skeleton lines={2} />}>
        {(page) =>
          page.items.length ? list([...page.items].sort((a, b) => a.starts_at.localeCompare(b.starts_at))) : <EmptyState>{t('meetings.noUpcoming')}</EmptyState>
        }
      </QueryView>
      <h3 className="h5">{t('meetings.recent')}</h3>
      <QueryView query={earlier} skeleton={<Skeleton lines={2} />}>
        {(page) => (page.items.length ? list(page.items) : <EmptyState>{t('meetings.noEarlier')}</EmptyState>)}
      </QueryView>
      <p>
        <Link to={`/meetings?view=calendar&body=${bodyId}`}>{t('meetings.inCalendar')}</Link>
      </p>
    </>
  );
}

export function BodyDecisions({ bodyId }: { bodyId: number }) {
  const { t } = useI18n();
  const query = useQuery(decisionsQuery({ body_id: bodyId, limit: 10 }));
  return (
    <QueryView query={query} skeleton={<Skeleton lines={3} />}>
      {(page) => (
        <>
          <DecisionList decisions={page.items} />
          {page.total > page.items.length && (
            <p>
              <Link to={`/decisions?body=${bodyId}`}>{t('decisions.allOfBody', { count: page.total })}</Link>
            </p>
          )}
        </>
      )}
    </QueryView>
  );
}

export function BodyActionItems({ bodyId }: { bodyId: number }) {
  const { t } = useI18n();
  const can = useCan();
  const partner = can(Permission.read);
  const query = useQuery({ ...actionItemsQuery({ body_id: bodyId, status: 'open', limit: 100 }), enabled: partner });
  if (!partner) return <p className="meta">{t('actions.partnersOnly')}</p>;
  return (
    <QueryView query={query} skeleton={<Skeleton rows={2} lines={0} />}>
      {(page) => (
        <ActionItemTable
          items={[...page.items].sort((a, b) => Number(b.overdue) - Number(a.overdue))}
          label={t('actions.openOfBody')}
          empty={t('actions.noneOpen')}
        />
      )}
    </QueryView>
  );
}
