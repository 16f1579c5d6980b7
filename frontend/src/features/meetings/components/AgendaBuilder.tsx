/**
 * The agenda: items in order, each with its kind, time, presenter, links and (for body members)
 * restricted items marked. Those who run the meeting reorder it by dragging an item's handle, or
 * from the keyboard: focus the handle, press Space to pick the item up, move it with the arrow
 * keys (Home/End to the ends), Space again to put it down, Escape to put it back. The new order is
 * saved in one request.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Markdown } from '@/components/Markdown';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState } from '@/components/states';
import { formatTime } from '@/lib/format';
import { Alert } from '@/components/Alert';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { useDeleteAgendaItem, useReorderAgenda, type AgendaItem, type Meeting } from '../api';
import { itemStarts, keyTarget, moveItem, orderChanged } from '../agenda';
import { AgendaItemForm } from './AgendaItemForm';
import { LinkChips } from './links';

export function AgendaBuilder({ meeting, items, editable }: { meeting: Meeting; items: AgendaItem[]; editable: boolean }) {
  const { t, locale } = useI18n();
  const reorder = useReorderAgenda(meeting.id);
  const remove = useDeleteAgendaItem(meeting.id);
  const [draft, setDraft] = useState<AgendaItem[] | null>(null); // the order while an item is being moved
  const [grabbed, setGrabbed] = useState<number | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const handles = useRef(new Map<number, HTMLButtonElement>());
  const shown = draft ?? items;
  const starts = itemStarts(new Date(meeting.starts_at).getTime(), shown.map((i) => i.duration_minutes));

  // Moving the focused row's DOM node can drop focus: put it back on the handle that was moved.
  useEffect(() => {
    if (grabbed !== null) handles.current.get(grabbed)?.focus();
  }, [shown, grabbed]);

  function save(next: AgendaItem[]) {
    setDraft(null);
    if (!orderChanged(items, next)) return;
    setError(null);
    reorder.mutate(next, {
      onError: (e) =>
        setError(isProblemError(e, 409) ? t('agenda.reorderConflict') : isProblemError(e) ? e.message : t('state.error.network')),
    });
  }

  function onHandleKey(e: KeyboardEvent<HTMLButtonElement>, item: AgendaItem) {
    const index = shown.findIndex((i) => i.id === item.id);
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      if (grabbed === item.id) {
        setGrabbed(null);
        setAnnouncement(t('agenda.dropped', { title: item.title, position: index + 1, count: shown.length }));
        save(shown);
      } else {
        setGrabbed(item.id);
        setDraft(items);
        setAnnouncement(t('agenda.grabbed', { title: item.title, position: index + 1, count: shown.length }));
      }
      return;
    }
    if (grabbed !== item.id) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      setGrabbed(null);
      setDraft(null);
      setAnnouncement(t('agenda.cancelled', { title: item.title }));
      return;
    }
    const target = keyTarget(e.key, index, shown.length);
    if (target !== null) {
      e.preventDefault();
      setDraft(moveItem(shown, index, target));
      setAnnouncement(t('agenda.moved', { title: item.title, position: target + 1, count: shown.length }));
    }
  }

  if (!items.length && !editable) return <EmptyState>{t('agenda.empty')}</EmptyState>;

  return (
    <div className="agenda-builder">
      {editable && items.length > 1 && (
        <p className="form-hint" id="agenda-move-help">
          {t('agenda.moveHelp')}
        </p>
      )}
      <p className="sr-only" aria-live="assertive" role="status">
        {announcement}
      </p>
      {error && (
        <Alert kind="error">{error}</Alert>
      )}
      {items.length === 0 && <EmptyState>{t('agenda.emptyEditable')}</EmptyState>}
      <ol className="agenda-list">
        {shown.map((item, index) => (
          <li
            key={item.id}
            id={`agenda-item-${item.id}`}
            className={[
              'agenda-item',
              item.restricted ? 'agenda-item-restricted' : '',
              grabbed === item.id || dragging === item.id ? 'agenda-item-moving' : '',
            ].join(' ')}
            data-agenda-item={item.id}
            draggable={editable && editing === null}
            onDragStart={(e) => {
              setDragging(item.id);
              setDraft(items);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', String(item.id));
            }}
            onDragOver={(e) => {
              if (dragging === null) return;
              e.preventDefault();
              const from = shown.findIndex((i) => i.id === dragging);
              if (from !== index) setDraft(moveItem(shown, from, index));
            }}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(null);
              save(shown);
            }}
            onDragEnd={() => {
              if (dragging !== null) {
                setDragging(null);
                setDraft(null);
              }
            }}
          >
            <div className="agenda-item-head">
              {editable && items.length > 1 && (
                <button
                  type="button"
                  className="drag-handle"
                  ref={(el) => {
                    if (el) handles.current.set(item.id, el);
                    else handles.current.delete(item.id);
                  }}
                  aria-label={t('agenda.moveLabel', { title: item.title, position: index + 1 })}
                  aria-describedby="agenda-move-help"
                  aria-pressed={grabbed === item.id}
                  onKeyDown={(e) => onHandleKey(e, item)}
                  onBlur={(e) => {
                    // focus moved on (Tab, a click elsewhere): put the item down where it is; a null
                    // relatedTarget is the row's own DOM move, after which the effect above refocuses
                    if (grabbed === item.id && e.relatedTarget !== null) {
                      setGrabbed(null);
                      save(shown);
                    }
                  }}
                >
                  <span aria-hidden="true">⠿</span>
                </button>
              )}
              <span className="agenda-number">{index + 1}.</span>
              <h3 className="agenda-title" lang={CONTENT_LANG}>
                <a href={`#agenda-item-${item.id}`} className="agenda-anchor">
                  {item.title}
                </a>
              </h3>
            </div>
            <p className="agenda-meta">
              <span className={`badge badge-neutral agenda-kind kind-${item.kind}`}>{t(`agenda.kind.${item.kind}`)}</span>
              {item.restricted && (
                <span className="badge badge-error tag-restricted" data-restricted>
                  {t('agenda.restricted')}
                </span>
              )}
              {starts[index] !== null && <span>{t('agenda.at', { time: formatTime(new Date(starts[index]!), locale) })}</span>}
              {item.duration_minutes !== null && <span>{t('agenda.minutes', { minutes: item.duration_minutes })}</span>}
              {item.presenter && <span lang={CONTENT_LANG}>{t('agenda.presenter', { name: item.presenter })}</span>}
            </p>
            <Markdown text={item.description} headingLevel={4} />
            <LinkChips links={item.links} />
            {editable && editing !== item.id && (
              <div className="row-actions">
                <button type="button" className="button button-tertiary button-small" onClick={() => setEditing(item.id)}>
                  {t('agenda.edit')}
                  <span className="sr-only">: {item.title}</span>
                </button>
                <button
                  type="button"
                  className="button button-tertiary button-small"
                  disabled={remove.isPending}
                  onClick={() => {
                    if (window.confirm(t('agenda.confirmDelete', { title: item.title }))) {
                      remove.mutate(item, { onError: (e) => setError(isProblemError(e) ? e.message : t('state.error.network')) });
                    }
                  }}
                >
                  {t('agenda.delete')}
                  <span className="sr-only">: {item.title}</span>
                </button>
              </div>
            )}
            {editable && editing === item.id && <AgendaItemForm meetingId={meeting.id} item={item} onDone={() => setEditing(null)} />}
          </li>
        ))}
      </ol>
      {editable &&
        (editing === 'new' ? (
          <section aria-labelledby="agenda-new-heading" className="agenda-new">
            <h3 id="agenda-new-heading">{t('agenda.newItem')}</h3>
            <AgendaItemForm meetingId={meeting.id} onDone={(saved) => setEditing(saved ? 'new' : null)} />
          </section>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => setEditing('new')}>
            {t('agenda.newItem')}
          </button>
        ))}
    </div>
  );
}
