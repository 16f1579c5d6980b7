/**
 * "Organisering": the agreement's three levels as a tree (the strategic partnership, the coordination
 * group, the temporary working groups it sets up), each body with its purpose, its kommissorium in
 * force and its next meeting; dissolved working groups follow with their final summary.
 */
import '../bodies.css';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { CONTENT_LANG, RichText } from '@/components/RichText';
import { EmptyState, QueryView, Skeleton, useDocumentTitle } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { bodiesQuery, mandateQuery, type Body } from '../api';
import type { BodySlots } from '../slots';
import { BodyStatusTag, kindLevel } from './bits';

export function OrganisationPage({ slots = {} }: { slots?: BodySlots }) {
  const { t } = useI18n();
  useDocumentTitle(t('bodies.title'));
  const query = useQuery(bodiesQuery());
  return (
    <section className="organisation">
      <h1>{t('bodies.title')}</h1>
      <p className="font-lead">{t('bodies.intro')}</p>
      <QueryView query={query} skeleton={<Skeleton lines={6} />}>
        {(page) => <Tree bodies={page.items} slots={slots} />}
      </QueryView>
    </section>
  );
}

/** Standing bodies and live working groups by parent, top level first; dissolved groups apart. */
export function arrange(bodies: Body[]): { roots: Body[]; children: Map<number, Body[]>; dissolved: Body[] } {
  const live = bodies.filter((b) => b.status !== 'dissolved');
  const ids = new Set(live.map((b) => b.id));
  const byLevel = (a: Body, b: Body) => kindLevel(a.kind) - kindLevel(b.kind) || a.name.localeCompare(b.name, 'da');
  const children = new Map<number, Body[]>();
  for (const b of live) {
    if (b.parent_id !== null && ids.has(b.parent_id)) children.set(b.parent_id, [...(children.get(b.parent_id) ?? []), b]);
  }
  for (const list of children.values()) list.sort(byLevel);
  const roots = live.filter((b) => b.parent_id === null || !ids.has(b.parent_id)).sort(byLevel);
  const dissolved = bodies
    .filter((b) => b.status === 'dissolved')
    .sort((a, b) => (b.dissolved_on ?? '').localeCompare(a.dissolved_on ?? ''));
  return { roots, children, dissolved };
}

function Tree({ bodies, slots }: { bodies: Body[]; slots: BodySlots }) {
  const { t, date } = useI18n();
  const { roots, children, dissolved } = arrange(bodies);
  const branch = (list: Body[], depth: number) => (
    <ol className={`org-tree org-depth-${depth}`}>
      {list.map((b) => (
        <li key={b.id} className="org-node" data-body={b.slug}>
          <BodyCard body={b} slots={slots} />
          {children.get(b.id) && branch(children.get(b.id)!, depth + 1)}
        </li>
      ))}
    </ol>
  );
  return (
    <>
      {roots.length ? branch(roots, 1) : <EmptyState>{t('bodies.empty')}</EmptyState>}
      <section aria-labelledby="dissolved-heading" className="dissolved-groups">
        <h2 id="dissolved-heading">{t('bodies.dissolved.title')}</h2>
        {dissolved.length === 0 ? (
          <EmptyState>{t('bodies.dissolved.empty')}</EmptyState>
        ) : (
          <ul className="nobullet-list">
            {dissolved.map((b) => (
              <li key={b.id} className="dissolved-group" data-body={b.slug}>
                <h3>
                  <Link to={`/bodies/${b.id}`} lang={CONTENT_LANG}>
                    {b.name}
                  </Link>
                </h3>
                <p className="meta">
                  {t('bodies.dissolvedOn', { date: b.dissolved_on ? date(b.dissolved_on) : '–' })}
                  {b.dissolution_reason && <> · <span lang={CONTENT_LANG}>{b.dissolution_reason}</span></>}
                </p>
                <h4 className="h5">{t('bodies.finalSummary')}</h4>
                <RichText text={b.final_summary} headingLevel={4} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function BodyCard({ body, slots }: { body: Body; slots: BodySlots }) {
  const { t } = useI18n();
  const can = useCan();
  const firstParagraph = body.purpose.split(/\n\s*\n/)[0];
  return (
    <article className="org-card" aria-labelledby={`body-${body.id}-name`}>
      <p className="org-level">{t(`bodies.level.${body.kind}`)}</p>
      <h2 className="h3" id={`body-${body.id}-name`}>
        <Link to={`/bodies/${body.id}`} lang={CONTENT_LANG}>
          {body.name}
        </Link>
        {body.status !== 'active' && <BodyStatusTag status={body.status} />}
      </h2>
      <p lang={CONTENT_LANG}>{firstParagraph}</p>
      <dl className="org-facts">
        <div>
          <dt>{t('bodies.mandateInForce')}</dt>
          <dd>
            <MandateInForce body={body} />
          </dd>
        </div>
        {slots.nextMeeting && (
          <div>
            <dt>{t('bodies.nextMeeting')}</dt>
            <dd>{slots.nextMeeting(body.id)}</dd>
          </div>
        )}
      </dl>
      {body.kind === 'coordination_group' && body.status === 'active' && can(Permission.manageBodies) && (
        <p>
          <Link className="button button-secondary" to={`/bodies/${body.id}/working-groups/new`}>
            {t('bodies.newWorkingGroup')}
          </Link>
        </p>
      )}
    </article>
  );
}

function MandateInForce({ body }: { body: Body }) {
  const { t, date } = useI18n();
  const query = useQuery({ ...mandateQuery(body.mandate_in_force_id ?? 0), enabled: body.mandate_in_force_id !== null });
  if (body.mandate_in_force_id === null) return <span className="meta">{t('bodies.noMandate')}</span>;
  if (!query.data) return <span className="meta">{t('state.loading')}</span>;
  const m = query.data;
  return (
    <Link to={`/bodies/${body.id}#kommissorium`}>
      {t('mandates.versionApproved', { number: m.number, date: m.approved_at ? date(m.approved_at) : '–' })}
    </Link>
  );
}
