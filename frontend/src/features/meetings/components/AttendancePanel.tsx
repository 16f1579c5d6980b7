/**
 * Who came: every member of the body on the meeting's day as present, absent, excused or represented
 * by a substitute (named). Those who run the meeting record it once it is held; others read it.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { ScrollTable } from '@/components/ScrollTable';
import { QueryView, Skeleton } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { ATTENDANCE, attendanceQuery, organisationsQuery, useRecordAttendance, type Attendance, type AttendanceStatus, type Meeting } from '../api';

type Row = { status: AttendanceStatus | null; substitute_name: string };

export function AttendancePanel({ meeting, editable }: { meeting: Meeting; editable: boolean }) {
  const query = useQuery(attendanceQuery(meeting.id));
  return (
    <QueryView query={query} skeleton={<Skeleton rows={4} lines={0} />}>
      {(roster) => (editable ? <AttendanceForm meeting={meeting} roster={roster} /> : <AttendanceTable roster={roster} />)}
    </QueryView>
  );
}

function useOrgName() {
  const orgs = useQuery(organisationsQuery());
  return (id: number | null) => (id === null ? '' : (orgs.data?.items.find((o) => o.id === id)?.name ?? ''));
}

export function attendanceCounts(roster: Attendance[]): Partial<Record<AttendanceStatus | 'unknown', number>> {
  const counts: Partial<Record<AttendanceStatus | 'unknown', number>> = {};
  for (const r of roster) counts[r.status ?? 'unknown'] = (counts[r.status ?? 'unknown'] ?? 0) + 1;
  return counts;
}

function Summary({ roster }: { roster: Attendance[] }) {
  const { t } = useI18n();
  const counts = attendanceCounts(roster);
  const parts = [...ATTENDANCE, 'unknown' as const]
    .filter((s) => counts[s])
    .map((s) => t(`attendance.count.${s}`, { count: counts[s]! }));
  return <p className="meta" data-attendance-summary>{parts.join(' · ')}</p>;
}

function statusText(t: ReturnType<typeof useI18n>['t'], r: Attendance) {
  if (!r.status) return t('attendance.notRecorded');
  return r.status === 'substitute' ? t('attendance.substituteFor', { name: r.substitute_name ?? '?' }) : t(`attendance.status.${r.status}`);
}

function AttendanceTable({ roster }: { roster: Attendance[] }) {
  const { t } = useI18n();
  const orgName = useOrgName();
  return (
    <>
      <Summary roster={roster} />
      <ScrollTable label={t('attendance.title')}>
        <table className="table table--compact table--responsive-headers attendance-table">
          <thead>
            <tr>
              <th scope="col">{t('attendance.member')}</th>
              <th scope="col">{t('attendance.organisation')}</th>
              <th scope="col">{t('attendance.state')}</th>
            </tr>
          </thead>
          <tbody>
            {roster.map((r) => (
              <tr key={r.member_id} data-member={r.member_id} data-status={r.status ?? 'none'}>
                <th scope="row">{r.person_name}</th>
                <td data-title={t('attendance.organisation')}>{orgName(r.organisation_id)}</td>
                <td data-title={t('attendance.state')}>{statusText(t, r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

function AttendanceForm({ meeting, roster }: { meeting: Meeting; roster: Attendance[] }) {
  const { t } = useI18n();
  const orgName = useOrgName();
  const record = useRecordAttendance(meeting.id);
  const fromRoster = () =>
    Object.fromEntries(roster.map((r) => [r.member_id, { status: r.status, substitute_name: r.substitute_name ?? '' }])) as Record<number, Row>;
  const [rows, setRows] = useState<Record<number, Row>>(fromRoster);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [missing, setMissing] = useState<Set<number>>(new Set());
  useEffect(() => setRows(fromRoster()), [roster]);
  const set = (id: number, row: Partial<Row>) => setRows((all) => ({ ...all, [id]: { ...all[id]!, ...row } }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const unnamed = new Set(
      Object.entries(rows)
        .filter(([, r]) => r.status === 'substitute' && !r.substitute_name.trim())
        .map(([id]) => Number(id)),
    );
    setMissing(unnamed);
    if (unnamed.size) {
      setMessage({ ok: false, text: t('attendance.nameSubstitute') });
      return;
    }
    const items = Object.entries(rows)
      .filter(([, r]) => r.status !== null)
      .map(([id, r]) => ({
        member_id: Number(id),
        status: r.status!,
        substitute_name: r.status === 'substitute' ? r.substitute_name.trim() : null,
      }));
    record.mutate(items, {
      onSuccess: () => setMessage({ ok: true, text: t('attendance.saved') }),
      onError: (err) => setMessage({ ok: false, text: isProblemError(err) ? err.message : t('state.error.network') }),
    });
  }

  return (
    <form onSubmit={submit} className="attendance-form" noValidate>
      <Summary roster={roster} />
      <ul className="nobullet-list attendance-rows">
        {roster.map((r) => {
          const row = rows[r.member_id] ?? { status: null, substitute_name: '' };
          const base = `att-${r.member_id}`;
          return (
            <li key={r.member_id} data-member={r.member_id}>
              <fieldset className="attendance-row">
                <legend>
                  <strong>{r.person_name}</strong>
                  {orgName(r.organisation_id) && <span className="meta"> – {orgName(r.organisation_id)}</span>}
                </legend>
                <div className="attendance-options">
                  {ATTENDANCE.map((s) => (
                    <div className="form-group-radio" key={s}>
                      <input
                        type="radio"
                        className="form-radio"
                        id={`${base}-${s}`}
                        name={base}
                        value={s}
                        checked={row.status === s}
                        onChange={() => set(r.member_id, { status: s })}
                      />
                      <label htmlFor={`${base}-${s}`}>{t(`attendance.status.${s}`)}</label>
                    </div>
                  ))}
                </div>
                {row.status === 'substitute' && (
                  <div className={missing.has(r.member_id) ? 'form-group form-error' : 'form-group'}>
                    <label className="form-label" htmlFor={`${base}-name`}>
                      {t('attendance.substituteName')}
                    </label>
                    {missing.has(r.member_id) && (
                      <span className="form-error-message" id={`${base}-name-error`}>
                        {t('form.required')}
                      </span>
                    )}
                    <input
                      id={`${base}-name`}
                      className="form-input"
                      value={row.substitute_name}
                      aria-invalid={missing.has(r.member_id) || undefined}
                      aria-describedby={missing.has(r.member_id) ? `${base}-name-error` : undefined}
                      onChange={(e) => set(r.member_id, { substitute_name: e.target.value })}
                    />
                  </div>
                )}
              </fieldset>
            </li>
          );
        })}
      </ul>
      {message && (
        <div className={message.ok ? 'alert alert-success' : 'alert alert-error'} role={message.ok ? 'status' : 'alert'}>
          <div className="alert-body">
            <p className="alert-text">{message.text}</p>
          </div>
        </div>
      )}
      <button type="submit" className="button button-primary" disabled={record.isPending}>
        {record.isPending ? t('form.saving') : t('attendance.save')}
      </button>
    </form>
  );
}
