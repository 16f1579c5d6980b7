import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, NotFound, QueryView, useDocumentTitle } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { goalTreeQuery, indicatorNamesQuery, initiativeQuery, type Initiative } from '../api';
import { ColourBadge, StatusTag, useOrgName } from './bits';
import { Milestones } from './Milestones';
import { ProgressForm, Timeline } from './Progress';

export function parseId(raw: string | undefined): number | null {
  return raw && /^\d+$/.test(raw) ? Number(raw) : null;
}

export function InitiativeDetailPage() {
  const id = parseId(useParams().initiativeId);
  if (id === null) return <NotFound />;
  return <InitiativeDetail id={id} />;
}

function InitiativeDetail({ id }: { id: number }) {
  const query = useQuery(initiativeQuery(id));
  const { t } = useI18n();
  useDocumentTitle(query.data?.title ?? t('initiatives.title'));
  return <QueryView query={query}>{(i) => <InitiativeView initiative={i} />}</QueryView>;
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="goal-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function InitiativeView({ initiative: i }: { initiative: Initiative }) {
  const { t, date, number, locale } = useI18n();
  const can = useCan();
  const orgName = useOrgName();
  const goals = useQuery(goalTreeQuery());
  const goalOf = new Map(
    (goals.data?.items ?? []).flatMap((g) => [[g.code, g] as const, ...(g.sub_objectives ?? []).map((s) => [s.code, s] as const)]),
  );
  const indicators = useQuery(indicatorNamesQuery());
  const indicatorName = (code: string) => {
    const found = indicators.data?.items.find((x) => x.code === code);
    return found ? (locale === 'da' ? found.name_da : found.name_en) : code;
  };
  const reporters = [i.lead, ...i.partners].filter((o) => can(Permission.report, o));
  return (
    <article className="initiative-detail">
      <Breadcrumbs trail={[{ to: '/initiatives', label: t('initiatives.title') }, { label: i.title }]} />
      <header className="page-header">
        <p className="goal-kicker">
          <StatusTag status={i.status} /> {i.phase !== null && t('initiatives.phase', { phase: i.phase })}
        </p>
        <h1 lang={CONTENT_LANG}>{i.title}</h1>
        {i.summary && (
          <p className="font-lead" lang={CONTENT_LANG}>
            {i.summary}
          </p>
        )}
        <p>
          <ColourBadge colour={i.last_status_colour} />{' '}
          {i.last_reported_on && <span className="meta">{t('initiatives.lastReport', { date: date(i.last_reported_on) })}</span>}
        </p>
        {can(Permission.edit, i.lead) && (
          <p>
            <Link to={`/initiatives/${i.id}/edit`} className="button button-secondary">
              {t('initiatives.edit')}
            </Link>
          </p>
        )}
      </header>

      <dl className="figure-list initiative-facts">
        <dt>{t('initiatives.lead')}</dt>
        <dd>{orgName(i.lead)}</dd>
        <dt>{t('initiatives.partners')}</dt>
        <dd>{i.partners.length ? i.partners.map(orgName).join(', ') : t('initiatives.noPartners')}</dd>
        <dt>{t('initiatives.period')}</dt>
        <dd>
          {t('initiatives.dates', {
            from: i.starts_on ? date(i.starts_on) : '–',
            to: i.ends_on ? date(i.ends_on) : t('initiatives.openEnded'),
          })}
        </dd>
        {i.levels.length > 0 && (
          <>
            <dt>{t('initiatives.levels')}</dt>
            <dd>{i.levels.map((l) => t(`initiatives.level.${l}`)).join(', ')}</dd>
          </>
        )}
        {i.target_group && (
          <>
            <dt>{t('initiatives.targetGroup')}</dt>
            <dd lang={CONTENT_LANG}>{i.target_group}</dd>
          </>
        )}
        {i.budget_dkk !== null && (
          <>
            <dt>{t('initiatives.budget')}</dt>
            <dd>{t('initiatives.budgetValue', { amount: number(i.budget_dkk, 0) })}</dd>
          </>
        )}
        {i.funding_source && (
          <>
            <dt>{t('initiatives.funding')}</dt>
            <dd lang={CONTENT_LANG}>{i.funding_source}</dd>
          </>
        )}
        {i.status_reason && (
          <>
            <dt>{t('initiatives.statusReason')}</dt>
            <dd lang={CONTENT_LANG}>{i.status_reason}</dd>
          </>
        )}
        {i.tags.length > 0 && (
          <>
            <dt>{t('initiatives.tags')}</dt>
            <dd>
              {i.tags.map((tag) => (
                <Link key={tag} to={`/initiatives?tag=${encodeURIComponent(tag)}`} className="tag tag-link">
                  {tag}
                </Link>
              ))}
            </dd>
          </>
        )}
      </dl>

      {i.description_html && (
        <Section id="ini-description" title={t('initiatives.description')}>
          {/* Rendered and sanitised by the server (description_html is the safe HTML of the Markdown). */}
          <div className="rich-text" lang={CONTENT_LANG} dangerouslySetInnerHTML={{ __html: i.description_html }} />
        </Section>
      )}

      <Section id="ini-goals" title={t('initiatives.goals')}>
        <ul>
          {i.goals.map((g) => (
            <li key={g}>
              {goalOf.has(g) ? (
                <Link to={`/goals/${goalOf.get(g)!.id}`}>
                  <span className="goal-code">{g}</span> <span lang={CONTENT_LANG}>{goalOf.get(g)!.title}</span>
                </Link>
              ) : (
                t('goals.code', { code: g })
              )}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="ini-indicators" title={t('initiatives.indicators')}>
        {i.indicators.length === 0 ? (
          <EmptyState>{t('initiatives.noIndicators')}</EmptyState>
        ) : (
          <ul>
            {i.indicators.map((l) => (
              <li key={l.indicator}>
                <Link to={`/indicators/${l.indicator}`}>{indicatorName(l.indicator)}</Link> – {t(`initiatives.expected.${l.expected_direction}`)}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="ini-milestones" title={t('initiatives.milestones')}>
        <Milestones id={i.id} canEdit={can(Permission.edit, i.lead)} />
      </Section>

      <Section id="ini-progress" title={t('initiatives.progress')}>
        {reporters.length > 0 && <ProgressForm initiative={i} organisations={reporters} />}
        <Timeline id={i.id} />
      </Section>
    </article>
  );
}
