/**
 * The signed-in front page: how the agreement is going on one screen. The goals with their
 * indicators rolled up, active initiatives by progress colour, coverage gaps, the next meetings,
 * open action items and the current phase; every figure with its period.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import { ActionItemList, MeetingList } from '@/components/GovernanceLists';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, Loading, QueryView, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';
import {
  activeInitiativesQuery,
  agreementQuery,
  bodiesQuery,
  coverageQuery,
  goalTreeQuery,
  headlineSeriesQuery,
  indicatorsQuery,
  nextMeetingsQuery,
  openActionItemsQuery,
  statusesQuery,
  type Agreement,
  type Goal,
  type Indicator,
} from '../api';
import { rollUp } from '../rollup';
import { GoalCard } from './GoalCard';
import './overview.css';

/** The first indicator of a goal (catalogue order) with figures: its trend line is the card's. */
function headlineOf(goal: Goal, indicators: Indicator[]): Indicator | undefined {
  const codes = new Set([goal.code, ...(goal.sub_objectives ?? []).map((s) => s.code)]);
  return indicators.find((i) => i.direction !== 'context' && i.goals.some((g) => codes.has(g)));
}

export function OverviewPage() {
  const { status } = useAuth();
  if (status === 'anonymous') return <Navigate to="/login?next=%2Foverview" replace />;
  return <Overview />;
}

function Overview() {
  const { t, date } = useI18n();
  useDocumentTitle(t('overview.title'));
  const goals = useQuery(goalTreeQuery());
  const indicators = useQuery(indicatorsQuery());
  const statuses = useQuery(statusesQuery());
  const headlines = (goals.data?.items ?? []).map((g) => headlineOf(g, indicators.data?.items ?? [])).filter((i): i is Indicator => !!i);
  const series = useQuery(headlineSeriesQuery(headlines.map((h) => h.code)));
  const asOf = statuses.data?.items[0]?.as_of;

  return (
    <div className="overview">
      <header className="page-header">
        <h1>{t('overview.title')}</h1>
        <p className="font-lead">{t('overview.intro')}</p>
        {asOf && <p className="meta">{t('overview.asOf', { date: date(asOf) })}</p>}
      </header>
      <CurrentPhase />
      <section aria-labelledby="overview-goals">
        <h2 id="overview-goals">{t('overview.goals')}</h2>
        <QueryView query={goals}>
          {(tree) =>
            indicators.isPending || statuses.isPending ? (
              <Loading />
            ) : (
              <div className="goal-cards">
                {tree.items.map((goal) => {
                  const codes = [goal.code, ...(goal.sub_objectives ?? []).map((s) => s.code)];
                  const rollup = rollUp(codes, indicators.data?.items ?? [], statuses.data?.items ?? []);
                  const headline = headlineOf(goal, indicators.data?.items ?? []);
                  return (
                    <GoalCard
                      key={goal.id}
                      goal={goal}
                      rollup={rollup}
                      indicators={new Map((indicators.data?.items ?? []).map((i) => [i.code, i]))}
                      headline={headline}
                      series={headline ? series.data?.get(headline.code) : undefined}
                    />
                  );
                })}
              </div>
            )
          }
        </QueryView>
      </section>
      <div className="overview-columns">
        <InitiativesByColour />
        <CoverageGaps />
      </div>
      <div className="overview-columns">
        <NextMeetings />
        <OpenActionItems />
      </div>
    </div>
  );
}

export function currentPhase(agreement: Agreement, today = new Date()): Agreement['phases'][number] | undefined {
  const year = today.getFullYear();
  return agreement.phases.find((p) => p.starts_year <= year && year <= p.ends_year);
}

function CurrentPhase() {
  const { t } = useI18n();
  const agreement = useQuery(agreementQuery());
  const phase = agreement.data ? currentPhase(agreement.data) : undefined;
  if (!phase) return null;
  return (
    <p className="current-phase">
      <strong>{t('overview.phase', { number: phase.number, from: phase.starts_year, to: phase.ends_year })}</strong>{' '}
      <span lang={CONTENT_LANG}>{phase.title}</span> · <Link to="/agreement">{t('overview.readAgreement')}</Link>
    </p>
  );
}

const COLOURS = ['green', 'yellow', 'red', 'none'] as const;

function InitiativesByColour() {
  const { t } = useI18n();
  const query = useQuery(activeInitiativesQuery());
  return (
    <section aria-labelledby="overview-initiatives" className="overview-panel">
      <h2 id="overview-initiatives">{t('overview.initiatives')}</h2>
      <QueryView query={query}>
        {(page) => {
          const counts = Object.fromEntries(COLOURS.map((c) => [c, page.items.filter((i) => (i.last_status_colour ?? 'none') === c).length]));
          const red = page.items.filter((i) => i.last_status_colour === 'red');
          return (
            <>
              <p>{t('overview.initiativesActive', { count: page.total })}</p>
              <ul className="colour-counts nobullet-list">
                {COLOURS.map((c) => (
                  <li key={c} data-colour={c}>
                    <span className={`colour-dot colour-${c}`} aria-hidden="true" /> {t(`initiatives.colour.${c}`)}: <strong>{counts[c]}</strong>
                  </li>
                ))}
              </ul>
              {red.length > 0 && (
                <>
                  <h3>{t('overview.redInitiatives')}</h3>
                  <ul>
                    {red.map((i) => (
                      <li key={i.id}>
                        <Link to={`/initiatives/${i.id}`} lang={CONTENT_LANG}>
                          {i.title}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              <p>
                <Link to="/initiatives?status=active">{t('overview.allActive')}</Link>
              </p>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function CoverageGaps() {
  const { t } = useI18n();
  const query = useQuery(coverageQuery());
  return (
    <section aria-labelledby="overview-coverage" className="overview-panel">
      <h2 id="overview-coverage">{t('overview.coverage')}</h2>
      <QueryView query={query}>
        {(c) => (
          <>
            <ul>
              <li>{t('overview.gaps.subObjectives', { count: c.sub_objectives_without_active_initiative.length })}</li>
              <li>{t('overview.gaps.indicators', { count: c.indicators_without_initiative.length })}</li>
              <li>{t('overview.gaps.initiatives', { count: c.initiatives_without_indicator.length })}</li>
            </ul>
            <p>
              <Link to="/coverage">{t('overview.seeCoverage')}</Link>
            </p>
          </>
        )}
      </QueryView>
    </section>
  );
}

function NextMeetings() {
  const { t } = useI18n();
  const meetings = useQuery(nextMeetingsQuery());
  const bodies = useQuery(bodiesQuery());
  const bodyName = (id: number) => bodies.data?.items.find((b) => b.id === id)?.name;
  return (
    <section aria-labelledby="overview-meetings" className="overview-panel">
      <h2 id="overview-meetings">{t('overview.meetings')}</h2>
      <QueryView query={meetings}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState>{t('overview.noMeetings')}</EmptyState>
          ) : (
            <MeetingList meetings={list} bodyName={bodyName} />
          )
        }
      </QueryView>
    </section>
  );
}

function OpenActionItems() {
  const { t } = useI18n();
  const query = useQuery(openActionItemsQuery());
  return (
    <section aria-labelledby="overview-actions" className="overview-panel">
      <h2 id="overview-actions">{t('overview.actions')}</h2>
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('overview.noActions')}</EmptyState>
          ) : (
            <>
              <p>{t('overview.actionsCount', { count: page.total, overdue: page.items.filter((a) => a.overdue).length })}</p>
              <ActionItemList
                items={[...page.items]
                  .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due_on ?? '9999').localeCompare(b.due_on ?? '9999'))
                  .slice(0, 6)}
              />
            </>
          )
        }
      </QueryView>
    </section>
  );
}
