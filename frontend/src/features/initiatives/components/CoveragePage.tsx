/** Coverage as a goal × sub-objective grid: which sub-objectives no active initiative serves, which
 * indicators no initiative aims at, and which initiatives name no indicator. */
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, Loading, QueryView, useDocumentTitle } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { goalTreeQuery, indicatorNamesQuery } from '../api';
import { activeInitiativesQuery, coverageQuery } from '../plans-api';
import '@/components/blocks.css';
import './plans.css';

export function CoveragePage() {
  const { t, locale } = useI18n();
  useDocumentTitle(t('coverage.title'));
  const coverage = useQuery(coverageQuery());
  const goals = useQuery(goalTreeQuery());
  const indicators = useQuery(indicatorNamesQuery());
  const active = useQuery(activeInitiativesQuery());
  return (
    <section className="coverage">
      <Breadcrumbs trail={[{ to: '/initiatives', label: t('initiatives.title') }, { label: t('coverage.title') }]} />
      <h1>{t('coverage.title')}</h1>
      <p className="font-lead">{t('coverage.intro')}</p>
      <QueryView query={coverage}>
        {(c) => {
          if (goals.isPending || indicators.isPending || active.isPending) return <Loading />;
          const tree = goals.data?.items ?? [];
          const gaps = new Set(c.sub_objectives_without_active_initiative.map((g) => g.code));
          const lonelyIndicators = new Set(c.indicators_without_initiative.map((i) => i.code));
          const serving = (code: string) => (active.data?.items ?? []).filter((i) => i.goals.includes(code)).length;
          const letters = [...new Set(tree.flatMap((g) => (g.sub_objectives ?? []).map((s) => s.code.slice(g.code.length))))].sort();
          const indicatorsOf = (codes: string[]) => (indicators.data?.items ?? []).filter((i) => lonelyIndicators.has(i.code) && i.goals.some((g) => codes.includes(g)));
          return (
            <>
              <p role="status">
                {t('overview.gaps.subObjectives', { count: gaps.size })} · {t('overview.gaps.indicators', { count: lonelyIndicators.size })} ·{' '}
                {t('overview.gaps.initiatives', { count: c.initiatives_without_indicator.length })}
              </p>
              <ScrollTable label={t('coverage.gridCaption')}>
                <table className="table coverage-grid">
                  <caption>{t('coverage.gridCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('coverage.goal')}</th>
                      {letters.map((l) => (
                        <th scope="col" key={l}>
                          {t('coverage.subObjective', { letter: l })}
                        </th>
                      ))}
                      <th scope="col">{t('coverage.lonelyIndicators')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {tree.map((g) => {
                      const subs = g.sub_objectives ?? [];
                      return (
                        <tr key={g.id} data-goal={g.code}>
                          <th scope="row">
                            <Link to={`/goals/${g.id}`}>{t('goals.code', { code: g.code })}</Link>
                            <br />
                            <span className="meta" lang={CONTENT_LANG}>
                              {g.title}
                            </span>
                          </th>
                          {letters.map((l) => {
                            const sub = subs.find((s) => s.code === `${g.code}${l}`);
                            if (!sub) return <td key={l} />;
                            const gap = gaps.has(sub.code);
                            const count = serving(sub.code);
                            return (
                              <td key={l} data-sub-objective={sub.code} data-gap={gap}>
                                <span className={`coverage-cell ${gap ? 'coverage-gap' : 'coverage-ok'}`}>
                                  <strong>
                                    <Link to={`/goals/${sub.id}`}>{sub.code}</Link>
                                  </strong>{' '}
                                  <span lang={CONTENT_LANG}>{sub.title}</span>
                                  <br />
                                  {gap ? (
                                    <strong>{t('coverage.noActive')}</strong>
                                  ) : (
                                    <Link to={`/initiatives?goal=${encodeURIComponent(sub.code)}&status=active`}>{t('coverage.activeCount', { count })}</Link>
                                  )}
                                </span>
                              </td>
                            );
                          })}
                          <td>
                            {(() => {
                              const list = indicatorsOf([g.code, ...subs.map((s) => s.code)]);
                              return list.length === 0 ? (
                                '–'
                              ) : (
                                <ul className="plain-list">
                                  {list.map((i) => (
                                    <li key={i.code}>
                                      <Link to={`/indicators/${i.code}`}>{locale === 'da' ? i.name_da : i.name_en}</Link>
                                    </li>
                                  ))}
                                </ul>
                              );
                            })()}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollTable>
              <h2>{t('coverage.lonelyInitiatives')}</h2>
              {c.initiatives_without_indicator.length === 0 ? (
                <EmptyState>{t('coverage.allHaveIndicators')}</EmptyState>
              ) : (
                <ul>
                  {c.initiatives_without_indicator.map((i) => (
                    <li key={i.id} data-initiative={i.id}>
                      <Link to={`/initiatives/${i.id}`} lang={CONTENT_LANG}>
                        {i.title}
                      </Link>{' '}
                      <span className="meta">({t(`initiatives.status.${i.status}`)})</span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
