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
import { DiffView } from '@/components/DiffView';
import { Markdown } from '@/components/Markdown';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, NotFound, QueryView, Skeleton, useDocumentTitle } from '@/components/states';
import { BodyPermission, Permission, useBodyCan, useCan } from '@/lib/can';
import { useScrollToHash } from '@/lib/hash';
import { Alert } from '@/components/Alert';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { agendaQuery, BEFORE_HELD, meetingQuery, type AgendaItem, type Meeting } from '../api';
import { actionItemsQuery, decisionsQuery, minutesQuery, revisionsQuery, useMinutesLifecycle, type ActionItem, type Decision, type Minutes } from '../recordsApi';
import { MeetingWhen, parseId } from './bits';
import { MinutesEditor, RevisionForm } from './MinutesEditor';
import { ActionItemTable, DecisionList } from './RecordLists';
import { ActionItemForm, DecisionForm } from './RecordForms';

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

type Open = 'edit' | 'revise' | 'decision' | 'action' | null;

function ItemMinutes(props: {
  meeting: Meeting;
  item: AgendaItem;
  number: number;
  entry?: Minutes;
  runs: boolean;
  approves: boolean;
  partner: boolean;
  decisions: Decision[];
  actions: ActionItem[];
}) {
  const { meeting, item, number, entry, runs, approves, partner, decisions, actions } = props;
  const { t, dateTime } = useI18n();
  const [open, setOpen] = useState<Open>(null);
  const writable = runs && (meeting.status === 'held' || meeting.status === 'minutes_draft');
  const headingId = `minutes-item-${item.id}`;
  return (
    <section aria-labelledby={headingId} className="minutes-item" id={`agenda-item-${item.id}`} data-agenda-item={item.id}>
      <h2 id={headingId} className="h3">
        <span lang={CONTENT_LANG}>
          {number}. {item.title}
        </span>
        {item.restricted && <span className="badge badge-error tag-restricted">{t('agenda.restricted')}</span>}
      </h2>
      {open === 'edit' ? (
        <MinutesEditor meetingId={meeting.id} item={item} entry={entry} onDone={() => setOpen(null)} />
      ) : open === 'revise' && entry ? (
        <RevisionForm meetingId={meeting.id} entry={entry} onDone={() => setOpen(null)} />
      ) : entry ? (
        <div className="minutes-text" data-minutes={entry.id} data-status={entry.status}>
          <Markdown text={entry.text} headingLevel={4} />
          <p className="meta">
            {entry.status === 'draft'
              ? t('minutes.draftBy', { name: entry.written_by })
              : t('minutes.approvedEntry', { name: entry.approved_by ?? '–', date: entry.approved_at ? dateTime(entry.approved_at) : '–' })}
            {entry.restricted && ` · ${t('agenda.restricted')}`}
            {entry.revision > 1 && ` · ${t('minutes.revisionNumber', { revision: entry.revision })}`}
          </p>
        </div>
      ) : (
        <p className="meta">{t('minutes.noneForItem')}</p>
      )}
      {open === null && (
        <div className="button-row row-actions">
          {writable && (!entry || entry.status === 'draft') && (
            <button type="button" className="button button-secondary button-small" onClick={() => setOpen('edit')}>
              {entry ? t('minutes.edit') : t('minutes.writeItem')}
              <span className="sr-only">: {item.title}</span>
            </button>
          )}
          {approves && entry?.status === 'approved' && (
            <button type="button" className="button button-secondary button-small" onClick={() => setOpen('revise')}>
              {t('minutes.revise')}
              <span className="sr-only">: {item.title}</span>
            </button>
          )}
          {runs && (
            <button type="button" className="button button-secondary button-small" onClick={() => setOpen('decision')}>
              {t('decisions.record')}
              <span className="sr-only">: {item.title}</span>
            </button>
          )}
          {runs && (
            <button type="button" className="button button-secondary button-small" onClick={() => setOpen('action')}>
              {t('actions.create')}
              <span className="sr-only">: {item.title}</span>
            </button>
          )}
        </div>
      )}
      {entry && entry.revision > 1 && <Revisions entry={entry} />}
      {open === 'decision' && <DecisionForm meeting={meeting} item={item} onDone={() => setOpen(null)} />}
      {open === 'action' && <ActionItemForm meeting={meeting} item={item} onDone={() => setOpen(null)} />}
      {decisions.length > 0 && (
        <div className="item-records">
          <h3 className="h5">{t('decisions.onItem')}</h3>
          <DecisionList decisions={decisions} />
        </div>
      )}
      {partner && actions.length > 0 && (
        <div className="item-records">
          <h3 className="h5">{t('actions.onItem')}</h3>
          <ActionItemTable items={actions} label={t('actions.onItemLabel', { title: item.title })} />
        </div>
      )}
    </section>
  );
}

/** Every revision of an item's approved minutes, with its reason and what it changed. */
function Revisions({ entry }: { entry: Minutes }) {
  const { t, dateTime } = useI18n();
  const [shown, setShown] = useState(false);
  const query = useQuery({ ...revisionsQuery(entry.id), enabled: shown });
  return (
    <details className="revisions" onToggle={(e) => setShown((e.target as HTMLDetailsElement).open)}>
      <summary>{t('minutes.revisions', { count: entry.revision })}</summary>
      {shown && (
        <QueryView query={query} skeleton={<Skeleton lines={3} />}>
          {(revs) => (
            <ol className="revision-list" reversed>
              {[...revs].reverse().map((r) => {
                const previous = revs.find((p) => p.id === r.previous_id);
                return (
                  <li key={r.id} data-revision={r.revision}>
                    <p>
                      <strong>{t('minutes.revisionNumber', { revision: r.revision })}</strong> ·{' '}
                      {r.approved_at ? dateTime(r.approved_at) : '–'} · {r.approved_by ?? r.written_by}
                    </p>
                    {r.reason && (
                      <p>
                        {t('minutes.reasonWas')} <span lang={CONTENT_LANG}>{r.reason}</span>
                      </p>
                    )}
                    {previous ? (
                      <>
                        <p className="meta">{t('minutes.changes', { revision: previous.revision })}</p>
                        <DiffView before={previous.text} after={r.text} />
                      </>
                    ) : (
                      <p className="meta">{t('minutes.firstRevision')}</p>
                    )}
                  </li>
                );
              })}
            </ol>
          )}
        </QueryView>
      )}
    </details>
  );
}

