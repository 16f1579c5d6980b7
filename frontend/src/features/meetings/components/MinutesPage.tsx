/**
 * A meeting's minutes, agenda item by agenda item: the text (Markdown) with its editor for those who
 * run the meeting, the lifecycle draft → circulated → approved (by the chair or the secretary),
 * revisions of approved minutes with their reasons and what each changed, and the decisions and
 * action items recorded on each item.
 */
import '../meetings.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { EmptyState, NotFound, QueryView, Skeleton, useDocumentTitle } from '@/components/states';
import { BodyPermission, Permission, useBodyCan, useCan } from '@/lib/can';
import { useScrollToHash } from '@/lib/hash';
import { Alert } from '@/components/Alert';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { agendaQuery, BEFORE_HELD, meetingQuery, type AgendaItem, type Meeting } from '../api';
import { actionItemsQuery, decisionsQuery, minutesQuery, useMinutesLifecycle, type Minutes } from '../recordsApi';
import { MeetingWhen, parseId } from './bits';
import { ItemMinutes } from './MinutesItem';

export function MinutesPage() {
  const id = parseId(useParams().meetingId);
  if (id === null) return <NotFound />;
  return <MinutesLoader id={id} />;
}

function MinutesLoader({ id }: { id: number }) {
  const { t } = useI18n();
  const meeting = useQuery(meetingQuery(id));
  const agenda = useQuery(agendaQuery(id));
  const minutes = useQuery(minutesQuery(id));
  useDocumentTitle(meeting.data ? t('minutes.pageTitle', { title: meeting.data.title }) : null);
  useScrollToHash(Boolean(meeting.data && agenda.data && minutes.data));
  return (
    <QueryView query={meeting} skeleton={<Skeleton lines={8} />}>
      {(m) => (
        <QueryView query={agenda} skeleton={<Skeleton lines={6} />}>
          {(items) => (
            <QueryView query={minutes} skeleton={<Skeleton lines={6} />}>
              {(entries) => <MinutesView meeting={m} items={items} entries={entries} />}
            </QueryView>
          )}
        </QueryView>
      )}
    </QueryView>
  );
}

type Step = 'draft' | 'circulated' | 'approved';

export function minutesStep(meeting: Meeting): Step | null {
  if (meeting.status === 'minutes_approved') return 'approved';
  if (meeting.status !== 'minutes_draft') return null;
  return meeting.minutes_circulated_at ? 'circulated' : 'draft';
}

function MinutesView({ meeting, items, entries }: { meeting: Meeting; items: AgendaItem[]; entries: Minutes[] }) {
  const { t } = useI18n();
  const can = useCan();
  const canIn = useBodyCan();
  const runs = canIn(meeting.body_id, BodyPermission.runMeetings);
  const approves = canIn(meeting.body_id, BodyPermission.approveMinutes);
  const partner = can(Permission.read);
  const held = !BEFORE_HELD.has(meeting.status) && meeting.status !== 'cancelled';
  const decisions = useQuery({ ...decisionsQuery({ meeting_id: meeting.id, limit: 200 }), enabled: held });
  const actions = useQuery({ ...actionItemsQuery({ meeting_id: meeting.id, limit: 200 }), enabled: held && partner });
  const step = minutesStep(meeting);
  return (
    <article className="minutes-page" data-step={step ?? 'none'}>
      <Breadcrumbs
        trail={[
          { label: t('meetings.title'), to: '/meetings' },
          { label: meeting.title, to: `/meetings/${meeting.id}` },
          { label: t('minutes.title') },
        ]}
      />
      <header className="page-header">
        <h1>{t('minutes.pageTitle', { title: meeting.title })}</h1>
        <p className="meta">
          <MeetingWhen meeting={meeting} />
        </p>
        {!held ? (
          <p>{t('minutes.afterHeld')}</p>
        ) : (
          <Lifecycle meeting={meeting} step={step} runs={runs} approves={approves} hasEntries={entries.length > 0} />
        )}
      </header>
      {held &&
        (items.length === 0 ? (
          <EmptyState>{t('agenda.empty')}</EmptyState>
        ) : (
          items.map((item, index) => (
            <ItemMinutes
              key={item.id}
              meeting={meeting}
              item={item}
              number={index + 1}
              entry={entries.find((e) => e.agenda_item_id === item.id)}
              runs={runs}
              approves={approves}
              partner={partner}
              decisions={(decisions.data?.items ?? []).filter((d) => d.agenda_item_id === item.id)}
              actions={(actions.data?.items ?? []).filter((a) => a.agenda_item_id === item.id)}
            />
          ))
        ))}
    </article>
  );
}

function Lifecycle({ meeting, step, runs, approves, hasEntries }: { meeting: Meeting; step: Step | null; runs: boolean; approves: boolean; hasEntries: boolean }) {
  const { t, dateTime } = useI18n();
  const lifecycle = useMinutesLifecycle(meeting.id);
  const [error, setError] = useState<string | null>(null);
  const steps: Step[] = ['draft', 'circulated', 'approved'];
  const reached = step ? steps.indexOf(step) : -1;
  const go = (s: 'circulate' | 'approve') =>
    lifecycle.mutate(
      { step: s, version: meeting.version },
      {
        onSuccess: () => setError(null),
        onError: (e) => setError(isProblemError(e, 412) ? t('minutes.changedMeanwhile') : isProblemError(e) ? e.message : t('state.error.network')),
      },
    );
  return (
    <div className="minutes-lifecycle">
      <ol className="steps" aria-label={t('minutes.lifecycle')}>
        {steps.map((s, i) => (
          <li key={s} className={i <= reached ? 'step step-done' : 'step'} aria-current={s === step ? 'step' : undefined}>
            {t(`minutes.step.${s}`)}
          </li>
        ))}
      </ol>
      <p data-minutes-state>
        {step === 'approved'
          ? t('minutes.approvedBy', {
              name: meeting.minutes_approved_by ?? '–',
              date: meeting.minutes_approved_at ? dateTime(meeting.minutes_approved_at) : '–',
            })
          : step === 'circulated'
            ? t('minutes.circulatedOn', { date: dateTime(meeting.minutes_circulated_at!) })
            : step === 'draft'
              ? t('minutes.isDraft')
              : t('minutes.notStarted')}
      </p>
      {error && (
        <Alert kind="error">{error}</Alert>
      )}
      <div className="button-row">
        {runs && step === 'draft' && hasEntries && (
          <button type="button" className="button button-primary" disabled={lifecycle.isPending} onClick={() => go('circulate')}>
            {t('minutes.circulate')}
          </button>
        )}
        {approves && step === 'circulated' && (
          <button type="button" className="button button-primary" disabled={lifecycle.isPending} onClick={() => go('approve')}>
            {t('minutes.approve')}
          </button>
        )}
        {runs && step === 'circulated' && (
          <button type="button" className="button button-secondary" disabled={lifecycle.isPending} onClick={() => go('circulate')}>
            {t('minutes.circulateAgain')}
          </button>
        )}
      </div>
      {step === 'circulated' && !approves && runs && <p className="form-hint">{t('minutes.approveByChair')}</p>}
      {step === 'draft' && runs && <p className="form-hint">{t('minutes.circulateHint')}</p>}
    </div>
  );
}
