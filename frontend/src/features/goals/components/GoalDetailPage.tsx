import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { CONTENT_LANG, RichText } from '@/components/RichText';
import { EmptyState, NotFound, QueryView, useDocumentTitle } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { useI18n, type MessageKey } from '@/lib/i18n';
import { goalQuery, type Goal } from '../api';
import type { GoalSlots } from '../slots';
import { VisibilityTag } from './VisibilityTag';

export function parseId(raw: string | undefined): number | null {
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}

export function GoalDetailPage({ slots = {} }: { slots?: GoalSlots }) {
  const id = parseId(useParams().goalId);
  if (id === null) return <NotFound />;
  return <GoalDetail id={id} slots={slots} />;
}

function GoalDetail({ id, slots }: { id: number; slots: GoalSlots }) {
  const query = useQuery(goalQuery(id));
  const { t } = useI18n();
  useDocumentTitle(query.data ? t('goals.code', { code: query.data.code }) : t('goals.title'));
  return <QueryView query={query}>{(goal) => <GoalView goal={goal} slots={slots} />}</QueryView>;
}

function Placeholder({ what }: { what: MessageKey }) {
  const { t } = useI18n();
  return (
    <div className="placeholder" data-placeholder="true">
      <p>{t('goals.comingSoon', { what: t(what) })}</p>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="goal-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function GoalView({ goal, slots }: { goal: Goal; slots: GoalSlots }) {
  const { t } = useI18n();
  const can = useCan();
  const parent = useQuery({ ...goalQuery(goal.parent_id ?? 0), enabled: goal.parent_id !== null });
  const subs = goal.sub_objectives ?? [];
  return (
    <article className="goal-detail">
      <Breadcrumbs
        trail={[
          { to: '/goals', label: t('goals.title') },
          ...(goal.parent_id !== null && parent.data
            ? [{ to: `/goals/${parent.data.id}`, label: t('goals.code', { code: parent.data.code }) }]
            : []),
          { label: t('goals.code', { code: goal.code }) },
        ]}
      />
      <header className="page-header">
        <p className="goal-kicker">
          {t('goals.code', { code: goal.code })} <VisibilityTag visibility={goal.visibility} />
        </p>
        <h1 lang={CONTENT_LANG}>{goal.title}</h1>
        {parent.data && (
          <p className="meta">
            <Link to={`/goals/${parent.data.id}`}>
              {t('goals.parent', { code: parent.data.code, title: parent.data.title })}
            </Link>
          </p>
        )}
        {can(Permission.manageAgreement) && (
          <p>
            <Link to={`/goals/${goal.id}/edit`} className="button button-secondary">
              {t('goals.edit')}
            </Link>
          </p>
        )}
      </header>

      <Section id="goal-description" title={t('goals.description')}>
        {goal.description ? <RichText text={goal.description} /> : <EmptyState>{t('goals.noDescription')}</EmptyState>}
      </Section>

      {goal.parent_id === null && (
        <Section id="goal-subs" title={t('goals.subObjectives')}>
          {subs.length === 0 ? (
            <EmptyState>{t('goals.noSubObjectives')}</EmptyState>
          ) : (
            <ol className="sub-objectives nobullet-list">
              {subs.map((sub) => (
                <li key={sub.id}>
                  <Link to={`/goals/${sub.id}`} className="goal-link">
                    <span className="goal-code">{sub.code}</span>{' '}
                    <span lang={CONTENT_LANG}>{sub.title}</span>
                  </Link>{' '}
                  <VisibilityTag visibility={sub.visibility} />
                </li>
              ))}
            </ol>
          )}
        </Section>
      )}

      <Section id="goal-indicators" title={t('goals.indicators')}>
        {slots.indicators ? slots.indicators(goal.id, goal.code) : <Placeholder what="goals.comingSoon.indicators" />}
      </Section>
      <Section id="goal-initiatives" title={t('goals.initiatives')}>
        {slots.initiatives ? slots.initiatives(goal.id, goal.code) : <Placeholder what="goals.comingSoon.initiatives" />}
      </Section>
    </article>
  );
}
