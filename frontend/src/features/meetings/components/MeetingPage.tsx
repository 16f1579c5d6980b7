/**
 * One meeting: when and where, its status and the actions the caller may take (publish the agenda,
 * mark it held, cancel it with a reason), the agenda builder, attendance, and what the meeting left
 * behind (minutes, decisions, action items).
 */
import '../meetings.css';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { TextArea } from '@/components/form';
import { CONTENT_LANG } from '@/components/RichText';
import { NotFound, QueryView, Skeleton, useDocumentTitle } from '@/components/states';
import { BodyPermission, Permission, useBodyCan, useCan } from '@/lib/can';
import { Alert } from '@/components/Alert';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { useScrollToHash } from '@/lib/hash';
import { agendaQuery, BEFORE_HELD, meetingQuery, useMeetingAction, type AgendaItem, type Meeting } from '../api';
import { actionItemsQuery, decisionsQuery } from '../recordsApi';
import { AgendaBuilder } from './AgendaBuilder';
import { AttendancePanel } from './AttendancePanel';
import { MeetingStatusTag, MeetingWhen, parseId, useBodyName } from './bits';
import { ActionItemTable, DecisionList } from './RecordLists';

export function MeetingPage() {
  const id = parseId(useParams().meetingId);
  if (id === null) return <NotFound />;
  return <MeetingLoader id={id} />;
}

function MeetingLoader({ id }: { id: number }) {
  const meeting = useQuery(meetingQuery(id));
  const agenda = useQuery(agendaQuery(id));
  useDocumentTitle(meeting.data?.title);
  useScrollToHash(Boolean(meeting.data && agenda.data));
  return (
    <QueryView query={meeting} skeleton={<Skeleton lines={8} />}>
      {(m) => <MeetingView meeting={m} agenda={agenda.data} agendaPending={agenda.isPending} />}
    </QueryView>
  );
}

function MeetingView({ meeting, agenda, agendaPending }: { meeting: Meeting; agenda?: AgendaItem[]; agendaPending: boolean }) {
  const { t, dateTime } = useI18n();
  const can = useCan();
  const canIn = useBodyCan();
  const bodyName = useBodyName();
  const runs = canIn(meeting.body_id, BodyPermission.runMeetings);
  const partner = can(Permission.read);
  const held = !BEFORE_HELD.has(meeting.status) && meeting.status !== 'cancelled';
  const decisions = useQuery({ ...decisionsQuery({ meeting_id: meeting.id, limit: 100 }), enabled: held });
  const actions = useQuery({ ...actionItemsQuery({ meeting_id: meeting.id }), enabled: held && partner });
  return (
    <article className="meeting-page" data-meeting={meeting.id} data-status={meeting.status}>
      <Breadcrumbs trail={[{ label: t('meetings.title'), to: '/meetings' }, { label: meeting.title }]} />
      <header className="page-header">
        <p className="goal-kicker">
          <Link to={`/bodies/${meeting.body_id}`}>{bodyName(meeting.body_id)}</Link>
        </p>
        <h1 lang={CONTENT_LANG}>
          {meeting.title} <MeetingStatusTag status={meeting.status} />
        </h1>
        <dl className="meeting-facts">
          <div>
            <dt>{t('meetings.when')}</dt>
            <dd>
              <MeetingWhen meeting={meeting} />
            </dd>
          </div>
          {meeting.place && (
            <div>
              <dt>{t('meetings.place')}</dt>
              <dd lang={CONTENT_LANG}>{meeting.place}</dd>
            </div>
          )}
          {meeting.online_url && (
            <div>
              <dt>{t('meetings.online')}</dt>
              <dd>
                <a href={meeting.online_url} rel="noopener noreferrer">
                  {meeting.online_url}
                </a>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('meetings.visibility')}</dt>
            <dd>{t(`visibility.${meeting.visibility}`)}</dd>
          </div>
          {meeting.guests.length > 0 && (
            <div>
              <dt>{t('meetings.guests')}</dt>
              <dd>
                <ul className="nobullet-list">
                  {meeting.guests.map((g, i) => (
                    <li key={i}>
                      {g.name}
                      {g.organisation && <span className="meta"> ({g.organisation})</span>}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
        </dl>
        {runs && <MeetingActions meeting={meeting} agendaCount={agenda?.length ?? 0} />}
      </header>

      {meeting.status === 'cancelled' && (
        <div className="alert alert-warning" data-cancelled>
          <div className="alert-body">
            <h2 className="alert-heading">{t('meetings.cancelled')}</h2>
            <p className="alert-text" lang={CONTENT_LANG}>
              {meeting.cancelled_reason}
            </p>
          </div>
        </div>
      )}

      <section aria-labelledby="agenda" className="meeting-section">
        <h2 id="agenda">{t('agenda.title')}</h2>
        {agendaPending || !agenda ? (
          <Skeleton lines={4} />
        ) : (
          <AgendaBuilder meeting={meeting} items={agenda} editable={runs && BEFORE_HELD.has(meeting.status)} />
        )}
      </section>

      {partner && (
        <section aria-labelledby="attendance" className="meeting-section">
          <h2 id="attendance">{t('attendance.title')}</h2>
          {held ? (
            <AttendancePanel meeting={meeting} editable={runs} />
          ) : (
            <p className="meta">{t('attendance.afterHeld')}</p>
          )}
        </section>
      )}

      {held && (
        <>
          <section aria-labelledby="minutes" className="meeting-section">
            <h2 id="minutes">{t('minutes.title')}</h2>
            <p>
              {meeting.status === 'minutes_approved'
                ? t('minutes.approvedBy', {
                    name: meeting.minutes_approved_by ?? '–',
                    date: meeting.minutes_approved_at ? dateTime(meeting.minutes_approved_at) : '–',
                  })
                : meeting.minutes_circulated_at
                  ? t('minutes.circulatedOn', { date: dateTime(meeting.minutes_circulated_at) })
                  : meeting.status === 'minutes_draft'
                    ? t('minutes.isDraft')
                    : t('minutes.notStarted')}
            </p>
            <p>
              <Link className="button button-secondary" to={`/meetings/${meeting.id}/minutes`}>
                {runs && meeting.status !== 'minutes_approved' ? t('minutes.write') : t('minutes.read')}
              </Link>
            </p>
          </section>
          <section aria-labelledby="meeting-decisions" className="meeting-section">
            <h2 id="meeting-decisions">{t('decisions.title')}</h2>
            <QueryView query={decisions} skeleton={<Skeleton lines={2} />}>
              {(page) => <DecisionList decisions={page.items} />}
            </QueryView>
          </section>
          {partner && (
            <section aria-labelledby="meeting-actions" className="meeting-section">
              <h2 id="meeting-actions">{t('actions.title')}</h2>
              <QueryView query={actions} skeleton={<Skeleton rows={2} lines={0} />}>
                {(page) => <ActionItemTable items={page.items} label={t('actions.ofMeeting')} />}
              </QueryView>
            </section>
          )}
        </>
      )}
    </article>
  );
}

function MeetingActions({ meeting, agendaCount }: { meeting: Meeting; agendaCount: number }) {
  const { t } = useI18n();
  const act = useMeetingAction(meeting);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const started = new Date(meeting.starts_at).getTime() <= Date.now();
  const open = BEFORE_HELD.has(meeting.status);
  const run = (action: Parameters<typeof act.mutate>[0]) =>
    act.mutate(action, {
      onSuccess: () => {
        setError(null);
        setCancelling(false);
      },
      onError: (e) =>
        setError(isProblemError(e, 412) ? t('meetings.changedMeanwhile') : isProblemError(e) ? e.message : t('state.error.network')),
    });
  function cancel(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setError(t('meetings.cancelReasonRequired'));
    run({ cancel: reason.trim() });
  }
  if (!open) return null;
  return (
    <div className="meeting-actions">
      {error && (
        <Alert kind="error">{error}</Alert>
      )}
      <div className="button-row">
        <Link className="button button-secondary" to={`/meetings/${meeting.id}/edit`}>
          {t('meetings.edit')}
        </Link>
        {meeting.status === 'planned' && (
          <button type="button" className="button button-primary" disabled={act.isPending || agendaCount === 0} onClick={() => run('publish-agenda')}>
            {t('meetings.publishAgenda')}
          </button>
        )}
        <button type="button" className="button button-secondary" disabled={act.isPending || !started} onClick={() => run('hold')}>
          {t('meetings.hold')}
        </button>
        {!cancelling && (
          <button type="button" className="button button-tertiary" onClick={() => setCancelling(true)}>
            {t('meetings.cancel')}
          </button>
        )}
      </div>
      {meeting.status === 'planned' && agendaCount === 0 && <p className="form-hint">{t('meetings.publishNeedsAgenda')}</p>}
      {!started && <p className="form-hint">{t('meetings.holdAfterStart')}</p>}
      {cancelling && (
        <form onSubmit={cancel} className="cancel-form" noValidate>
          <TextArea id="cancel-reason" label={t('meetings.cancelReason')} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={act.isPending}>
              {t('meetings.confirmCancel')}
            </button>
            <button type="button" className="button button-tertiary" onClick={() => setCancelling(false)}>
              {t('meetings.keep')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
