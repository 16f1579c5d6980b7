/** The assembled figures beside a section, read-only: the goal's indicators, or the overview and gaps. */
import { StatusBadge } from '@/components/StatusBadge';
import { useI18n, type MessageKey } from '@/lib/i18n';
import type { Content, ContentGoal, ContentIndicator } from '../api';

function useValue() {
  const { number } = useI18n();
  return (value: number | null | undefined, ind: ContentIndicator) =>
    value === null || value === undefined ? '–' : `${number(value, ind.decimals)} ${ind.unit}`.trim();
}

export function IndicatorFigures({ ind }: { ind: ContentIndicator }) {
  const { t } = useI18n();
  const value = useValue();
  const st = ind.status;
  return (
    <article className="report-indicator" data-indicator={ind.code}>
      <h4 lang="da">{ind.name}</h4>
      <p>
        <StatusBadge status={st.status} />{' '}
        <span className="meta">
          {t('indicators.statusParts', {
            position: t(`indicators.position.${st.position}` as MessageKey),
            trend: t(`indicators.trend.${st.trend}` as MessageKey),
          })}
        </span>
      </p>
      <dl className="figure-list">
        <dt>{t('reports.figures.latest')}</dt>
        <dd data-testid={`latest-${ind.code}`}>
          {value(st.value, ind)} {st.period ? `(${st.period})` : ''}
        </dd>
        <dt>{t('reports.figures.baseline')}</dt>
        <dd>
          {value(st.baseline, ind)} {st.baseline_period ? `(${st.baseline_period})` : ''}
        </dd>
        <dt>{t('reports.figures.target')}</dt>
        <dd>{st.target === null ? t('indicators.position.no_target') : `${value(st.target, ind)} ${st.target_period ? `(${st.target_period})` : ''}`}</dd>
      </dl>
      <p className="meta" lang="da">
        {st.explanation}
      </p>
    </article>
  );
}

function GoalFigures({ goal }: { goal: ContentGoal }) {
  const { t } = useI18n();
  return (
    <>
      <p>
        <StatusBadge status={goal.rollup.status} />{' '}
        <span className="meta" lang="da">
          {goal.rollup.explanation}
        </span>
      </p>
      {goal.indicators.length === 0 && <p className="state state-empty">{t('reports.figures.noIndicators')}</p>}
      {goal.indicators.map((ind) => (
        <IndicatorFigures key={ind.code} ind={ind} />
      ))}
      <p className="meta">{t('reports.figures.initiatives', { count: goal.initiatives.length, stories: goal.stories.length })}</p>
    </>
  );
}

export function FiguresPanel({ content, sectionKey }: { content: Content; sectionKey: string }) {
  const { t, date } = useI18n();
  const goal = sectionKey.startsWith('goal:') ? content.goals.find((g) => `goal:${g.code}` === sectionKey) : undefined;
  return (
    <aside className="figures-panel" aria-labelledby="figures-h">
      <h3 id="figures-h">{t('reports.figures.title', { date: date(content.as_of) })}</h3>
      {goal ? (
        <GoalFigures goal={goal} />
      ) : sectionKey === 'recommendations' ? (
        <>
          <h4>{t('reports.figures.gaps')}</h4>
          <ul lang="da">
            {content.coverage.sub_objectives_without_active_initiative.map((x) => (
              <li key={x}>{x}</li>
            ))}
            {content.coverage.indicators_without_initiative.map((x) => (
              <li key={x}>{t('reports.figures.indicatorWithout', { name: x })}</li>
            ))}
          </ul>
        </>
      ) : (
        <table className="table table--compact">
          <caption>{t('reports.figures.overview')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.figures.goal')}</th>
              <th scope="col">{t('indicators.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            {content.goals.map((g) => (
              <tr key={g.code}>
                <th scope="row" lang="da">
                  {g.code} {g.title}
                </th>
                <td>
                  <StatusBadge status={g.rollup.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
