/**
 * "Min organisation": the first thing a partner's editor or reporter sees. What the organisation
 * leads and takes part in (with the last update and what is overdue), its data duties with one
 * approval queue across its indicators, its seats in the bodies (and any vacancy), its open action
 * items and its upcoming meetings.
 */
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { ActionItemList, MeetingList } from '@/components/GovernanceLists';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, NotFound, QueryView, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import {
  bodiesQuery,
  compositionsQuery,
  orgActionItemsQuery,
  orgInitiativesQuery,
  organisationsQuery,
  upcomingMeetingsQuery,
  type InitiativeSummary,
  type Organisation,
} from '../api';
import { ApprovalQueue } from './ApprovalQueue';
import { DataDuties } from './DataDuties';
import './organisation.css';

/** Days without a status report after which an active initiative's report is overdue (quarterly reporting). */
export const REPORT_EVERY_DAYS = 92;

export function reportOverdue(i: InitiativeSummary, today = new Date()): boolean {
  if (i.status !== 'active') return false;
  if (!i.last_reported_on) return true;
  return (today.getTime() - new Date(i.last_reported_on).getTime()) / 86_400_000 > REPORT_EVERY_DAYS;
}

export function MyOrganisationPage() {
  const { t } = useI18n();
  const { me, status } = useAuth();
  const can = useCan();
  const location = useLocation();
  const { slug: asked } = useParams();
  const orgs = useQuery(organisationsQuery());
  useDocumentTitle(t('org.title'));
  if (status === 'anonymous') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!me) return null;
  const mine = me.memberships.map((m) => m.organisation_slug);
  const own = [...new Set(mine)];
  const preferred = own.find((s) => orgs.data?.items.find((o) => o.slug === s)?.kind !== 'secretariat') ?? own[0];
  const slug = asked ?? preferred;
  if (!slug) return <EmptyState>{t('org.noOrganisation')}</EmptyState>;
  if (!own.includes(slug) && !can(Permission.actForAnyOrg)) return <NotFound />;
  return (
    <QueryView query={orgs}>
      {(page) => {
        const org = page.items.find((o) => o.slug === slug);
        if (!org) return <NotFound />;
        return <OrganisationView org={org} others={own.filter((s) => s !== slug).map((s) => page.items.find((o) => o.slug === s)).filter((o): o is Organisation => !!o)} />;
      }}
    </QueryView>
  );
}

function OrganisationView({ org, others }: { org: Organisation; others: Organisation[] }) {
  const { t } = useI18n();
  const can = useCan();
  useDocumentTitle(`${t('org.title')}: ${org.name}`);
  return (
    <div className="my-organisation" data-organisation={org.slug}>
      <header className="page-header">
        <p className="meta">{t('org.title')}</p>
        <h1>{org.name}</h1>
        {others.length > 0 && (
          <p>
            {t('org.alsoMemberOf')}{' '}
            {others.map((o, i) => (
              <span key={o.slug}>
                {i > 0 && ', '}
                <Link to={`/my-organisation/${o.slug}`}>{o.name}</Link>
              </span>
            ))}
          </p>
        )}
      </header>
      <Initiatives org={org} />
      <DataDuties slug={org.slug} canReport={can(Permission.report, org.slug)} />
      <ApprovalQueue slug={org.slug} canApprove={can(Permission.edit, org.slug)} />
      <Seats org={org} />
      <div className="org-columns">
        <ActionItems org={org} />
        <Meetings org={org} />
      </div>
    </div>
  );
}

function Initiatives({ org }: { org: Organisation }) {
  const { t, date } = useI18n();
  const query = useQuery(orgInitiativesQuery(org.slug));
  const table = (items: InitiativeSummary[], caption: string, id: string) => (
    <ScrollTable label={caption}>
      <table className="table table--compact org-initiatives" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('initiatives.field.title')}</th>
            <th scope="col">{t('initiatives.field.status')}</th>
            <th scope="col">{t('org.initiatives.lastUpdate')}</th>
            <th scope="col">{t('org.initiatives.overdue')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} data-initiative={i.id}>
              <th scope="row">
                <Link to={`/initiatives/${i.id}`} lang={CONTENT_LANG}>
                  {i.title}
                </Link>
              </th>
              <td>{t(`initiatives.status.${i.status}`)}</td>
              <td>
                {i.last_reported_on ? date(i.last_reported_on) : t('org.initiatives.never')}
                {i.last_status_colour && <span className="meta"> · {t(`initiatives.colour.${i.last_status_colour}`)}</span>}
              </td>
              <td>{reportOverdue(i) ? <span className="badge badge-warning">{t('org.initiatives.reportDue')}</span> : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
  return (
    <section aria-labelledby="org-initiatives" className="org-section">
      <h2 id="org-initiatives">{t('org.initiatives.title')}</h2>
      <QueryView query={query}>
        {(page) => {
          const lead = page.items.filter((i) => i.lead === org.slug);
          const partner = page.items.filter((i) => i.lead !== org.slug);
          return (
            <>
              {lead.length ? table(lead, t('org.initiatives.asLead', { count: lead.length }), 'org-lead') : <EmptyState>{t('org.initiatives.noneLead')}</EmptyState>}
              {partner.length > 0 && table(partner, t('org.initiatives.asPartner', { count: partner.length }), 'org-partner')}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function Seats({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const bodies = useQuery(bodiesQuery());
  const withSeats = (bodies.data?.items ?? []).filter((b) => b.status !== 'dissolved' && b.seats.some((s) => s.organisation_id === org.id));
  const compositions = useQuery(compositionsQuery(withSeats.map((b) => b.id)));
  return (
    <section aria-labelledby="org-seats" className="org-section">
      <h2 id="org-seats">{t('org.seats.title')}</h2>
      {bodies.isSuccess && withSeats.length === 0 ? (
        <EmptyState>{t('org.seats.none')}</EmptyState>
      ) : (
        <QueryView query={compositions}>
          {(reports) => (
            <ScrollTable label={t('org.seats.title')}>
              <table className="table table--compact org-seats">
                <caption className="sr-only">{t('org.seats.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('org.seats.body')}</th>
                    <th scope="col">{t('org.seats.seat')}</th>
                    <th scope="col">{t('org.seats.holders')}</th>
                    <th scope="col">{t('org.seats.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {reports.flatMap((report) => {
                    const body = withSeats.find((b) => b.id === report.body_id);
                    return report.seats
                      .filter((s) => s.seat.organisation_id === org.id)
                      .map((s) => (
                        <tr key={`${report.body_id}-${s.seat.code}`} data-seat-state={s.state}>
                          <td lang={CONTENT_LANG}>{body?.name}</td>
                          <td lang={CONTENT_LANG}>{s.seat.title}</td>
                          <td>{s.holders.length ? s.holders.map((h) => h.person_name).join(', ') : '–'}</td>
                          <td>
                            <span className={s.state === 'filled' ? 'badge badge-success' : s.state === 'partly_filled' || s.state === 'overfilled' ? 'badge badge-warning' : 'badge badge-error'}>
                              {t(`org.seats.state.${s.state}`)}
                            </span>
                          </td>
                        </tr>
                      ));
                  })}
                </tbody>
              </table>
            </ScrollTable>
          )}
        </QueryView>
      )}
    </section>
  );
}

function ActionItems({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const query = useQuery(orgActionItemsQuery(org.id));
  return (
    <section aria-labelledby="org-actions" className="org-section">
      <h2 id="org-actions">{t('overview.actions')}</h2>
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('overview.noActions')}</EmptyState>
          ) : (
            <ActionItemList items={page.items} />
          )
        }
      </QueryView>
    </section>
  );
}

function Meetings({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const bodies = useQuery(bodiesQuery());
  const meetings = useQuery(upcomingMeetingsQuery());
  const mine = new Set((bodies.data?.items ?? []).filter((b) => b.seats.some((s) => s.organisation_id === org.id)).map((b) => b.id));
  return (
    <section aria-labelledby="org-meetings" className="org-section">
      <h2 id="org-meetings">{t('overview.meetings')}</h2>
      <QueryView query={meetings}>
        {(list) => {
          const ours = list.filter((m) => mine.has(m.body_id)).slice(0, 5);
          return ours.length === 0 ? (
            <EmptyState>{t('overview.noMeetings')}</EmptyState>
          ) : (
            <MeetingList meetings={ours} bodyName={(id) => bodies.data?.items.find((b) => b.id === id)?.name} />
          );
        }}
      </QueryView>
    </section>
  );
}
