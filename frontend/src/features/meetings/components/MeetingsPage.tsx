/**
 * Meetings as a list (coming ones first in time order, then earlier ones newest first) or as a month
 * calendar, for all bodies or one; the view, body and month live in the address.
 */
import '../meetings.css';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { CONTENT_LANG } from '@/components/RichText';
import { Pager } from '@/components/Pager';
import { ScrollTable } from '@/components/ScrollTable';
import { SelectField } from '@/components/form';
import { EmptyState, QueryView, Skeleton, useDocumentTitle } from '@/components/states';
import { useBodyCan } from '@/lib/can';
import { copenhagenParts, copenhagenToIso, formatTime, INTL_LOCALE } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { bodiesQuery, meetingsQuery, type Meeting } from '../api';
import { addMonths, byDay, monthKey, monthRange, monthWeeks, parseMonth, type Month } from '../calendar';
import { MeetingStatusTag, parseId, useBodyName } from './bits';

const EARLIER_PAGE = 20;

function todayStart(): string {
  return copenhagenToIso(copenhagenParts(new Date()).date, '00:00');
}

export function MeetingsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('meetings.title'));
  const [params, setParams] = useSearchParams();
  const canIn = useBodyCan();
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';
  const bodyId = parseId(params.get('body')) ?? undefined;
  const bodies = useQuery(bodiesQuery());
  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v === null || v === '') next.delete(k);
    else next.set(k, v);
    setParams(next);
  };
  return (
    <section className="meetings">
      <h1>{t('meetings.title')}</h1>
      <p className="font-lead">{t('meetings.intro')}</p>
      <div className="button-row meetings-tools">
        {canIn.runsAny && (
          <Link className="button button-primary" to={`/meetings/new${bodyId ? `?body=${bodyId}` : ''}`}>
            {t('meetings.new')}
          </Link>
        )}
        <Link className="button button-secondary" to="/meetings/calendar-feed">
          {t('feed.subscribe')}
        </Link>
      </div>
      <div className="meetings-controls">
        <SelectField
          id="meetings-body"
          label={t('meetings.filterBody')}
          value={bodyId ?? ''}
          onChange={(e) => update({ body: e.target.value || null, offset: null })}
          options={[{ value: '', label: t('meetings.allBodies') }, ...(bodies.data?.items ?? []).map((b) => ({ value: String(b.id), label: b.name }))]}
        />
        <nav aria-label={t('meetings.views')} className="view-switch">
          <ul className="nobullet-list">
            {(['list', 'calendar'] as const).map((v) => (
              <li key={v}>
                <Link
                  to={`?${new URLSearchParams({ ...Object.fromEntries(params), view: v }).toString()}`}
                  aria-current={view === v ? 'page' : undefined}
                  className={view === v ? 'button button-secondary active' : 'button button-tertiary'}
                >
                  {t(`meetings.view.${v}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {view === 'calendar' ? (
        <MonthCalendar month={parseMonth(params.get('month'))} bodyId={bodyId} onMonth={(m) => update({ month: monthKey(m) })} />
      ) : (
        <MeetingList bodyId={bodyId} offset={Number(params.get('offset') ?? 0) || 0} onOffset={(o) => update({ offset: o ? String(o) : null })} />
      )}
    </section>
  );
}

function MeetingTable({ meetings, label }: { meetings: Meeting[]; label: string }) {
  const { t, locale, date } = useI18n();
  const bodyName = useBodyName();
  return (
    <ScrollTable label={label}>
      <table className="table table--compact table--responsive-headers meeting-table">
        <caption className="sr-only">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t('meetings.when')}</th>
            <th scope="col">{t('meetings.meeting')}</th>
            <th scope="col">{t('meetings.body')}</th>
            <th scope="col">{t('meetings.state')}</th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((m) => (
            <tr key={m.id} data-meeting={m.id}>
              <td className="nowrap" data-title={t('meetings.when')}>
                <time dateTime={m.starts_at}>
                  {date(m.starts_at)} {formatTime(m.starts_at, locale)}
                </time>
              </td>
              <th scope="row">
                <Link to={`/meetings/${m.id}`} lang={CONTENT_LANG}>
                  {m.title}
                </Link>
                {m.place && (
                  <span className="meta" lang={CONTENT_LANG}>
                    <br />
                    {m.place}
                  </span>
                )}
              </th>
              <td data-title={t('meetings.body')}>{bodyName(m.body_id)}</td>
              <td data-title={t('meetings.state')}>
                <MeetingStatusTag status={m.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function MeetingList({ bodyId, offset, onOffset }: { bodyId?: number; offset: number; onOffset: (o: number) => void }) {
  const { t } = useI18n();
  const from = todayStart();
  const upcoming = useQuery(meetingsQuery({ body_id: bodyId, starts_from: from, limit: 200 }));
  const earlier = useQuery(meetingsQuery({ body_id: bodyId, starts_before: from, limit: EARLIER_PAGE, offset }));
  return (
    <>
      <section aria-labelledby="upcoming">
        <h2 id="upcoming">{t('meetings.upcoming')}</h2>
        <QueryView query={upcoming} skeleton={<Skeleton rows={3} lines={0} />}>
          {(page) =>
            page.items.length ? (
              <MeetingTable meetings={[...page.items].sort((a, b) => a.starts_at.localeCompare(b.starts_at))} label={t('meetings.upcoming')} />
            ) : (
              <EmptyState>{t('meetings.noUpcoming')}</EmptyState>
            )
          }
        </QueryView>
      </section>
      <section aria-labelledby="earlier">
        <h2 id="earlier">{t('meetings.earlier')}</h2>
        <QueryView query={earlier} skeleton={<Skeleton rows={5} lines={0} />}>
          {(page) =>
            page.items.length ? (
              <>
                <MeetingTable meetings={page.items} label={t('meetings.earlier')} />
                <Pager offset={offset} total={page.total} size={EARLIER_PAGE} shown={page.items.length} label={t('meetings.pages')} onGo={onOffset} />
              </>
            ) : (
              <EmptyState>{t('meetings.noEarlier')}</EmptyState>
            )
          }
        </QueryView>
      </section>
    </>
  );
}

function MonthCalendar({ month, bodyId, onMonth }: { month: Month; bodyId?: number; onMonth: (m: Month) => void }) {
  const { t, locale } = useI18n();
  const range = monthRange(month);
  const query = useQuery(meetingsQuery({ body_id: bodyId, starts_from: range.from, starts_before: range.before, limit: 500 }));
  const intl = INTL_LOCALE[locale];
  const title = new Intl.DateTimeFormat(intl, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(month.year, month.month - 1, 15)));
  const weekdays = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i))); // 1 Jan 2024 was a Monday
  const dayName = (d: Date, style: 'long' | 'short') => new Intl.DateTimeFormat(intl, { weekday: style, timeZone: 'UTC' }).format(d);
  const today = copenhagenParts(new Date()).date;
  const days = byDay(query.data?.items ?? []);
  const fullDate = (day: string) =>
    new Intl.DateTimeFormat(intl, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
  return (
    <section aria-labelledby="calendar-title" className="month-calendar">
      <div className="calendar-head">
        <button type="button" className="button button-tertiary" onClick={() => onMonth(addMonths(month, -1))}>
          <span aria-hidden="true">‹ </span>
          {t('meetings.previousMonth')}
        </button>
        <h2 id="calendar-title" aria-live="polite">
          {title}
        </h2>
        <button type="button" className="button button-tertiary" onClick={() => onMonth(addMonths(month, 1))}>
          {t('meetings.nextMonth')}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      {query.isPending ? (
        <Skeleton rows={5} lines={0} />
      ) : (
        <ScrollTable label={title}>
          <table className="table calendar-table">
            <caption className="sr-only">{t('meetings.calendarCaption', { month: title })}</caption>
            <thead>
              <tr>
                {weekdays.map((d) => (
                  <th scope="col" key={d.toISOString()}>
                    <abbr title={dayName(d, 'long')}>{dayName(d, 'short')}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthWeeks(month).map((week, w) => (
                <tr key={w}>
                  {week.map((day, i) =>
                    day === null ? (
                      <td key={i} className="calendar-empty" />
                    ) : (
                      <td key={day} className={day === today ? 'calendar-day calendar-today' : 'calendar-day'} data-day={day} aria-current={day === today ? 'date' : undefined}>
                        <span className="calendar-date">
                          <span aria-hidden="true">{Number(day.slice(8))}</span>
                          <span className="sr-only">{fullDate(day)}</span>
                        </span>
                        {(days.get(day) ?? []).length > 0 && (
                          <ul className="nobullet-list calendar-meetings">
                            {days.get(day)!.map((m) => (
                              <li key={m.id} className={`calendar-meeting meeting-${m.status}`}>
                                <Link to={`/meetings/${m.id}`}>
                                  <span className="calendar-time">{formatTime(m.starts_at, locale)}</span>{' '}
                                  <span lang={CONTENT_LANG}>{m.title}</span>
                                  {m.status === 'cancelled' && <span className="sr-only"> ({t('meetings.status.cancelled')})</span>}
                                </Link>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {query.data &&
        (query.data.items.length === 0 ? (
          <EmptyState>{t('meetings.noneThisMonth')}</EmptyState>
        ) : (
          <section aria-labelledby="month-list" className="month-list">
            <h3 id="month-list">{t('meetings.calendarCaption', { month: title })}</h3>
            <MeetingTable
              meetings={[...query.data.items].sort((a, b) => a.starts_at.localeCompare(b.starts_at))}
              label={t('meetings.calendarCaption', { month: title })}
            />
          </section>
        ))}
    </section>
  );
}
