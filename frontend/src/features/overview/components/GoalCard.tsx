/** One goal as a card: how its indicators stand (each count opens the indicators it counts), and a
 * small trend line of its headline indicator. */
import { Link } from 'react-router';
import { CONTENT_LANG } from '@/components/RichText';
import { useFigure } from '@/lib/figures';
import { useI18n } from '@/lib/i18n';
import type { Goal, Indicator, Observation } from '../api';
import { STANDINGS, type GoalRollup, type Standing } from '../rollup';
import { Sparkline } from './Sparkline';

const BADGE: Record<Standing, string> = {
  atTarget: 'badge badge-success',
  improving: 'badge badge-success',
  worsening: 'badge badge-error',
  beyondThreshold: 'badge badge-error',
  noRecentData: 'badge badge-warning',
};

export function GoalCard({
  goal,
  rollup,
  indicators,
  headline,
  series,
}: {
  goal: Goal;
  rollup: GoalRollup;
  indicators: Map<string, Indicator>;
  headline: Indicator | undefined;
  series: Observation[] | undefined;
}) {
  const { t, locale } = useI18n();
  const figure = useFigure();
  const nameOf = (code: string) => {
    const ind = indicators.get(code);
    return ind ? (locale === 'da' ? ind.name_da : ind.name_en) : code;
  };
  const headingId = `goal-card-${goal.code}`;
  return (
    <article className="goal-card" aria-labelledby={headingId} data-goal={goal.code}>
      <h3 id={headingId}>
        <Link to={`/goals/${goal.id}`} lang={CONTENT_LANG}>
          {t('goals.code', { code: goal.code })}: {goal.title}
        </Link>
      </h3>
      <p className="goal-card-count">{t('overview.indicatorCount', { count: rollup.indicators.length })}</p>
      <ul className="standing-list nobullet-list">
        {STANDINGS.map((standing) => {
          const members = rollup.indicators.filter((i) => i.standings.includes(standing));
          const label = t(`overview.standing.${standing}`);
          if (members.length === 0)
            return (
              <li key={standing} data-standing={standing}>
                <span className="badge standing-count standing-zero">0</span> {label}
              </li>
            );
          return (
            <li key={standing} data-standing={standing}>
              <details>
                <summary>
                  <span className={`${BADGE[standing]} standing-count`}>{members.length}</span> {label}
                </summary>
                <ul className="standing-indicators">
                  {members.map((m) => {
                    const ind = indicators.get(m.code);
                    return (
                      <li key={m.code}>
                        <Link to={`/indicators/${m.code}`}>{nameOf(m.code)}</Link>
                        {m.area?.period && ind && (
                          <span className="meta"> {t('indicators.valueWithPeriod', { value: figure(m.area.value, { unit: ind.unit, decimals: ind.decimals }), period: m.area.period })}</span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </details>
            </li>
          );
        })}
      </ul>
      {headline && series && series.length > 1 && (
        <figure className="goal-card-trend">
          <Sparkline
            name={nameOf(headline.code)}
            points={series.map((o) => ({ period: o.period, value: o.withheld ? null : o.value }))}
            unit={headline.unit}
            decimals={headline.decimals}
          />
          <figcaption>
            {nameOf(headline.code)}:{' '}
            {(() => {
              const last = [...series].reverse().find((o) => o.value !== null && !o.withheld);
              return last ? t('indicators.valueWithPeriod', { value: figure(last.value, { unit: headline.unit, decimals: headline.decimals }), period: last.period }) : t('indicators.noValue');
            })()}
          </figcaption>
        </figure>
      )}
    </article>
  );
}
