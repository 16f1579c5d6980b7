/** Short lists of meetings and action items, as the overview and "Min organisation" show them. */
import type { Schemas } from '@/lib/api';
import { useI18n } from '@/lib/i18n';
import { CONTENT_LANG } from './RichText';
import './blocks.css';

type ActionItem = Schemas['ActionItemPublic'];
type Meeting = Schemas['MeetingPublic'];

/** Open action items, overdue ones marked (the word carries it, not the colour). */
export function ActionItemList({ items }: { items: ActionItem[] }) {
  const { t, date } = useI18n();
  return (
    <ul className="plain-list">
      {items.map((a) => (
        <li key={a.id} data-action={a.id}>
          <span lang={CONTENT_LANG}>{a.title}</span>
          <br />
          <span className="meta">
            {a.owner_name}
            {a.due_on && ` · ${t('overview.due', { date: date(a.due_on) })}`}
          </span>
          {a.overdue && <span className="badge badge-error overdue-badge">{t('overview.overdue')}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Meetings with their time, body and place. */
export function MeetingList({ meetings, bodyName }: { meetings: Meeting[]; bodyName: (id: number) => string | undefined }) {
  const { dateTime } = useI18n();
  return (
    <ul className="plain-list">
      {meetings.map((m) => (
        <li key={m.id} data-meeting={m.id}>
          <strong lang={CONTENT_LANG}>{m.title}</strong>
          <br />
          <span className="meta">
            {dateTime(m.starts_at)}
            {bodyName(m.body_id) && ` · ${bodyName(m.body_id)}`}
            {m.place && ` · ${m.place}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
