/** One agenda item's minutes: its text, editor, revisions, and the decisions and action items on it. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DiffView } from '@/components/DiffView';
import { Markdown } from '@/components/Markdown';
import { CONTENT_LANG } from '@/components/RichText';
import { QueryView, Skeleton } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import type { AgendaItem, Meeting } from '../api';
import { revisionsQuery, type ActionItem, type Decision, type Minutes } from '../recordsApi';
import { MinutesEditor, RevisionForm } from './MinutesEditor';
import { ActionItemTable, DecisionList } from './RecordLists';
import { ActionItemForm, DecisionForm } from './RecordForms';

type Open = 'edit' | 'revise' | 'decision' | 'action' | null;

export function ItemMinutes(props: {
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

