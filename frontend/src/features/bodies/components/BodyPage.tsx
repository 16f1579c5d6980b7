/**
 * A body's page: what it is for, who sits in it (checked against the agreement's seats), its
 * kommissorium and versions, its meetings, decisions and open action items, and the actions the
 * caller may take (set up or dissolve a working group, set up a new one under the coordination
 * group, plan a meeting).
 */
import '../bodies.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { CONTENT_LANG, RichText } from '@/components/RichText';
import { NotFound, QueryView, Skeleton, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { BodyPermission, Permission, useBodyCan, useCan } from '@/lib/can';
import { useScrollToHash } from '@/lib/hash';
import { useI18n } from '@/lib/i18n';
import { bodiesQuery, bodyQuery, compositionQuery, mandatesQuery, membersQuery, type Body, type Member } from '../api';
import type { BodySlots } from '../slots';
import { BodyStatusTag } from './bits';
import { CompositionView } from './CompositionView';
import { MandateSection } from './MandateSection';
import { MemberForm, MembershipTable } from './MembersAdmin';

export function parseId(raw: string | undefined): number | null {
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}

export function BodyPage({ slots = {} }: { slots?: BodySlots }) {
  const id = parseId(useParams().bodyId);
  if (id === null) return <NotFound />;
  return <BodyLoader id={id} slots={slots} />;
}

function BodyLoader({ id, slots }: { id: number; slots: BodySlots }) {
  const query = useQuery(bodyQuery(id));
  const mandates = useQuery(mandatesQuery(id));
  useDocumentTitle(query.data?.name);
  useScrollToHash(Boolean(query.data && mandates.data));
  return (
    <QueryView query={query} skeleton={<Skeleton lines={8} />}>
      {(body) => <BodyView body={body} slots={slots} />}
    </QueryView>
  );
}

function BodyView({ body, slots }: { body: Body; slots: BodySlots }) {
  const { t, date } = useI18n();
  const bodies = useQuery(bodiesQuery());
  const parent = bodies.data?.items.find((b) => b.id === body.parent_id);
  return (
    <article className="body-page" data-body={body.slug}>
      <Breadcrumbs trail={[{ label: t('bodies.title'), to: '/bodies' }, { label: body.name }]} />
      <header className="page-header">
        <p className="goal-kicker">{t(`bodies.level.${body.kind}`)}</p>
        <h1 lang={CONTENT_LANG}>
          {body.name} <BodyStatusTag status={body.status} />
        </h1>
        <p className="meta">
          {parent && (
            <>
              {t('bodies.setUpBy')} <Link to={`/bodies/${parent.id}`}>{parent.name}</Link>
              {' · '}
            </>
          )}
          {body.set_up_on ? t('bodies.setUpOn', { date: date(body.set_up_on) }) : t('bodies.notSetUp')}
          {body.set_up_decision_id && (
            <>
              {' '}
              (<Link to={`/decisions/${body.set_up_decision_id}`}>{t('bodies.theDecision')}</Link>)
            </>
          )}
        </p>
        <Actions body={body} />
      </header>

      {body.status === 'dissolved' && (
        <div className="alert alert-info" data-dissolved>
          <div className="alert-body">
            <h2 className="alert-heading">{t('bodies.dissolvedOn', { date: body.dissolved_on ? date(body.dissolved_on) : '–' })}</h2>
            <p className="alert-text" lang={CONTENT_LANG}>
              {body.dissolution_reason}
              {body.dissolved_decision_id && (
                <>
                  {' '}
                  (<Link to={`/decisions/${body.dissolved_decision_id}`}>{t('bodies.theDecision')}</Link>)
                </>
              )}
            </p>
            <h3 className="h5">{t('bodies.finalSummary')}</h3>
            <RichText text={body.final_summary} headingLevel={4} />
          </div>
        </div>
      )}

      <section aria-labelledby="purpose" className="body-section">
        <h2 id="purpose">{t('bodies.purpose')}</h2>
        <RichText text={body.purpose} />
        <RichText text={body.description} />
      </section>

      <Members body={body} />
      <MandateSection body={body} />

      {slots.meetings && (
        <section aria-labelledby="body-meetings" className="body-section">
          <h2 id="body-meetings">{t('bodies.meetings')}</h2>
          {slots.meetings(body.id)}
        </section>
      )}
      {slots.decisions && (
        <section aria-labelledby="body-decisions" className="body-section">
          <h2 id="body-decisions">{t('bodies.decisions')}</h2>
          {slots.decisions(body.id)}
        </section>
      )}
      {slots.actionItems && (
        <section aria-labelledby="body-actions" className="body-section">
          <h2 id="body-actions">{t('bodies.actionItems')}</h2>
          {slots.actionItems(body.id)}
        </section>
      )}
    </article>
  );
}

function Actions({ body }: { body: Body }) {
  const { t } = useI18n();
  const can = useCan();
  const canIn = useBodyCan();
  const manages = can(Permission.manageBodies);
  const links: { to: string; label: string; primary?: boolean }[] = [];
  if (body.status !== 'dissolved' && canIn(body.id, BodyPermission.runMeetings)) {
    links.push({ to: `/meetings/new?body=${body.id}`, label: t('bodies.planMeeting'), primary: true });
  }
  if (manages && body.kind === 'coordination_group' && body.status === 'active') {
    links.push({ to: `/bodies/${body.id}/working-groups/new`, label: t('bodies.newWorkingGroup') });
  }
  if (manages && body.status === 'proposed') {
    links.push({ to: `/bodies/${body.id}/set-up`, label: t('bodies.setUp') });
  }
  if (manages && body.kind === 'working_group' && body.status === 'active') {
    links.push({ to: `/bodies/${body.id}/dissolve`, label: t('bodies.dissolve') });
  }
  if (!links.length) return null;
  return (
    <div className="button-row body-actions">
      {links.map((l) => (
        <Link key={l.to} to={l.to} className={l.primary ? 'button button-primary' : 'button button-secondary'}>
          {l.label}
        </Link>
      ))}
    </div>
  );
}

function MembersAdmin({ body, members }: { body: Body; members: Member[] }) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  return (
    <div className="members-admin">
      {members.length > 0 && (
        <details className="memberships">
          <summary>{t('members.allCount', { count: members.length })}</summary>
          <MembershipTable body={body} members={members} />
        </details>
      )}
      {body.status !== 'dissolved' &&
        (adding ? (
          <MemberForm body={body} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="button button-secondary" onClick={() => setAdding(true)}>
            {t('members.add')}
          </button>
        ))}
    </div>
  );
}

function Members({ body }: { body: Body }) {
  const { t } = useI18n();
  const { me, status } = useAuth();
  const can = useCan();
  const partner = can(Permission.read);
  const composition = useQuery({ ...compositionQuery(body.id), enabled: partner });
  const members = useQuery({ ...membersQuery(body.id), enabled: partner });
  return (
    <section aria-labelledby="members" className="body-section">
      <h2 id="members">{t('bodies.members')}</h2>
      {!partner ? (
        <p className="meta">
          {status === 'anonymous' || !me ? (
            <>
              {t('bodies.membersSignIn')}{' '}
              <Link to={`/login?next=${encodeURIComponent(`/bodies/${body.id}`)}`}>{t('user.signIn')}</Link>
            </>
          ) : (
            t('bodies.membersPartners')
          )}
        </p>
      ) : (
        <QueryView query={composition} skeleton={<Skeleton rows={5} lines={1} />}>
          {(report) => <CompositionView report={report} members={members.data?.items} />}
        </QueryView>
      )}
      {can(Permission.manageBodies) && <MembersAdmin body={body} members={members.data?.items ?? []} />}
    </section>
  );
}
