/**
 * A body's members against the seats the agreement gives it: a plain summary first (which seats
 * are empty, overfilled or held by someone whose term has ended), then every seat with its holders,
 * then members without a seat (often external participants), and the members by organisation.
 */
import { ScrollTable } from '@/components/ScrollTable';
import { useI18n } from '@/lib/i18n';
import type { Composition, Member, SeatReport } from '../api';
import { Affiliation, useOrgNames } from './bits';

type SeatState = SeatReport['state'];

const STATE_CLASS: Record<SeatState, string> = {
  filled: 'badge badge-success seat-state',
  partly_filled: 'badge badge-warning seat-state',
  empty: 'badge badge-error seat-state',
  expired: 'badge badge-error seat-state',
  overfilled: 'badge badge-error seat-state',
};

/** The problems the summary names, each with the seats it concerns, in order of urgency. */
export function compositionProblems(report: Composition): { state: Exclude<SeatState, 'filled'>; seats: string[] }[] {
  const title = (code: string) => report.seats.find((s) => s.seat.code === code)?.seat.title ?? code;
  return (
    [
      ['empty', report.empty_seats],
      ['expired', report.expired_seats],
      ['overfilled', report.overfilled_seats],
      ['partly_filled', report.partly_filled_seats],
    ] as const
  )
    .filter(([, codes]) => codes.length > 0)
    .map(([state, codes]) => ({ state, seats: codes.map(title) }));
}

function Holder({ member }: { member: Member }) {
  const { t, date } = useI18n();
  return (
    <li>
      {member.person_name}
      {member.role !== 'member' && <span className="badge badge-neutral">{t(`bodies.role.${member.role}`)}</span>}
      {member.to_date && <span className="meta"> {t('bodies.termUntil', { date: date(member.to_date) })}</span>}
    </li>
  );
}

export function CompositionView({ report, members }: { report: Composition; members?: Member[] }) {
  const { t, date } = useI18n();
  const orgName = useOrgNames();
  const problems = compositionProblems(report);
  const seatCount = report.seats.reduce((n, s) => n + s.seat.count, 0);
  const current = (members ?? []).filter((m) => m.current);
  const byOrg = new Map<string, Member[]>();
  for (const m of current) {
    const key = m.person_organisation ?? orgName(m.organisation_id) ?? t('bodies.noOrganisation');
    byOrg.set(key, [...(byOrg.get(key) ?? []), m]);
  }
  return (
    <div className="composition">
      {report.seats.length > 0 &&
        (report.complete ? (
          <div className="alert alert-success" data-composition="complete">
            <div className="alert-body">
              <p className="alert-text">{t('composition.complete', { seats: seatCount, on: date(report.on) })}</p>
            </div>
          </div>
        ) : (
          <div className="alert alert-warning" data-composition="incomplete">
            <div className="alert-body">
              <h3 className="alert-heading">{t('composition.incomplete', { on: date(report.on) })}</h3>
              <ul className="alert-text composition-problems">
                {problems.map((p) => (
                  <li key={p.state} data-problem={p.state}>
                    <strong>{t(`composition.problem.${p.state}`, { count: p.seats.length })}</strong>: {p.seats.join(', ')}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ))}
      {report.seats.length > 0 && (
        <ScrollTable label={t('composition.seatsLabel')}>
          <table className="table table--compact table--responsive-headers composition-table">
            <caption className="sr-only">{t('composition.seatsLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('composition.seat')}</th>
                <th scope="col">{t('composition.organisation')}</th>
                <th scope="col" className="num">
                  {t('composition.filled')}
                </th>
                <th scope="col">{t('composition.state')}</th>
                <th scope="col">{t('composition.holders')}</th>
              </tr>
            </thead>
            <tbody>
              {report.seats.map((s) => (
                <tr key={s.seat.code} data-seat={s.seat.code} data-state={s.state}>
                  <th scope="row">{s.seat.title}</th>
                  <td data-title={t('composition.organisation')}>{orgName(s.seat.organisation_id) ?? t('composition.anyOrganisation')}</td>
                  <td className="num" data-title={t('composition.filled')}>
                    {t('composition.ofCount', { filled: s.filled, count: s.seat.count })}
                  </td>
                  <td data-title={t('composition.state')}>
                    <span className={STATE_CLASS[s.state]}>{t(`composition.state.${s.state}`)}</span>
                  </td>
                  <td data-title={t('composition.holders')}>
                    {s.holders.length ? (
                      <ul className="nobullet-list holders">
                        {s.holders.map((m) => (
                          <Holder key={m.id} member={m} />
                        ))}
                      </ul>
                    ) : (
                      <span className="meta">{t('composition.nobody')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {report.members_without_seat.length > 0 && (
        <>
          <h3>{report.seats.length ? t('composition.withoutSeat') : t('composition.members')}</h3>
          <ul className="member-list">
            {report.members_without_seat.map((m) => (
              <li key={m.id} data-member={m.id}>
                <strong>{m.person_name}</strong>
                {m.role !== 'member' && <span className="badge badge-neutral">{t(`bodies.role.${m.role}`)}</span>} –{' '}
                <Affiliation member={m} />
              </li>
            ))}
          </ul>
        </>
      )}
      {byOrg.size > 0 && (
        <details className="by-organisation">
          <summary>{t('composition.byOrganisation', { count: current.length })}</summary>
          <dl>
            {[...byOrg.entries()]
              .sort(([a], [b]) => a.localeCompare(b, 'da'))
              .map(([org, people]) => (
                <div key={org}>
                  <dt>{org}</dt>
                  <dd>
                    {people
                      .map((m) => (m.role === 'member' ? m.person_name : `${m.person_name} (${t(`bodies.role.${m.role}`)})`))
                      .join(', ')}
                  </dd>
                </div>
              ))}
          </dl>
        </details>
      )}
    </div>
  );
}
