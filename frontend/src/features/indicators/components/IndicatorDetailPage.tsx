import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { CONTENT_LANG } from '@/components/RichText';
import { ErrorState, Loading, NotFound, useDocumentTitle } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { DownloadButtons } from '@/components/DownloadButtons';
import { useI18n } from '@/lib/i18n';
import {
  areasQuery,
  downloadObservations,
  indicatorQuery,
  observationsQuery,
  organisationsQuery,
  statusListQuery,
  TARGET_AREA,
  type Indicator,
  type IndicatorStatus,
  type Observation,
} from '../api';
import type { RefLine, Series } from '../chart';
import { SeriesChart } from './SeriesChart';
import { Explanation, StatusBadge, useFigure, useSigned } from './figures';

/** Høje Gladsaxe first, then the comparison areas that have figures, in the catalogue's order. */
export function seriesOf(observations: Observation[], areaOrder: string[]): Series[] {
  const by = new Map<string, Series>();
  for (const o of observations) {
    const s = by.get(o.area) ?? { area: o.area, points: [] };
    s.points.push({ period: o.period, value: o.withheld ? null : o.value });
    by.set(o.area, s);
  }
  const rank = (a: string) => (a === TARGET_AREA ? -1 : areaOrder.indexOf(a) === -1 ? 999 : areaOrder.indexOf(a));
  return [...by.values()].sort((a, b) => rank(a.area) - rank(b.area));
}

export function IndicatorDetailPage() {
  const code = useParams().code ?? '';
  const indicator = useQuery(indicatorQuery(code));
  const { t, locale } = useI18n();
  useDocumentTitle(indicator.data ? (locale === 'da' ? indicator.data.name_da : indicator.data.name_en) : t('indicators.title'));
  if (!code) return <NotFound />;
  if (indicator.isPending) return <Loading />;
  if (indicator.error || !indicator.data) return <ErrorState error={indicator.error} onRetry={() => void indicator.refetch()} />;
  return <IndicatorView indicator={indicator.data} />;
}

function IndicatorView({ indicator }: { indicator: Indicator }) {
  const { t, locale, date } = useI18n();
  const can = useCan();
  const figure = useFigure();
  const signed = useSigned();
  const observations = useQuery(observationsQuery(indicator.code));
  const areas = useQuery(areasQuery());
  const orgs = useQuery(organisationsQuery());
  // The goal's status list holds this indicator too; one call serves the list page and this one.
  const statuses = useQuery(statusListQuery());
  const status: IndicatorStatus | undefined = statuses.data?.items.find((s) => s.indicator === indicator.code);
  const target = status?.areas.find((a) => a.area === TARGET_AREA);

  const name = locale === 'da' ? indicator.name_da : indicator.name_en;
  const areaName = (c: string) => areas.data?.items.find((a) => a.code === c)?.name ?? c;
  const ownerName = orgs.data?.items.find((o) => o.slug === indicator.owner)?.name ?? indicator.owner;
  const fmt = { decimals: indicator.decimals, unit: indicator.unit, minN: indicator.min_n };
  const thisYear = new Date().getFullYear();
  const refs: RefLine[] = [];
  for (const r of indicator.reference_lines) {
    if ((r.area !== null && r.area !== TARGET_AREA) || (r.to_year !== null && r.to_year < thisYear)) continue;
    if (r.kind === 'threshold' && r.value !== null) {
      refs.push({
        kind: r.kind,
        value: r.value,
        label: r.list_kind
          ? t('indicators.ref.thresholdList', { list: t(`indicators.listKind.${r.list_kind}`), operator: r.operator ?? '', value: figure(r.value, fmt) })
          : `${t('indicators.ref.threshold')} ${figure(r.value, fmt)}`,
      });
    }
  }
  // Baseline and target as the status resolved them (a line may follow the data: the 2018 level, another area's level).
  if (target?.baseline != null) {
    refs.push({ kind: 'baseline', value: target.baseline, label: t('indicators.baselineLine', { period: target.baseline_period ?? '', value: figure(target.baseline, fmt) }) });
  }
  if (target?.target != null && target.target_basis === 'fixed') {
    refs.push({ kind: 'target', value: target.target, label: t('indicators.targetLine', { value: figure(target.target, fmt) }) });
  }
  const obs = observations.data ?? [];
  const series = seriesOf(obs, (areas.data?.items ?? []).map((a) => a.code));
  const periods = [...new Set(obs.map((o) => o.period))].sort().reverse();
  const cell = new Map(obs.map((o) => [`${o.area}|${o.period}`, o]));

  return (
    <article className="indicator-detail">
      <Breadcrumbs trail={[{ to: '/indicators', label: t('indicators.title') }, { label: name }]} />
      <header className="page-header">
        <h1 lang={locale === 'da' ? CONTENT_LANG : 'en'}>{name}</h1>
        <p className="meta">
          {indicator.goals.map((g) => t('indicators.goalHeading', { code: g })).join(', ')}
        </p>
        {can(Permission.report, indicator.owner) && (
          <p className="button-row">
            <Link to={`/indicators/${indicator.code}/observations`} className="button button-primary">
              {t('indicators.enter')}
            </Link>
            <Link to="/observations/import" className="button button-secondary">
              {t('indicators.import')}
            </Link>
          </p>
        )}
      </header>

      <section aria-labelledby="ind-status" className="goal-section">
        <h2 id="ind-status">{t('indicators.statusHeading')}</h2>
        {statuses.isPending ? (
          <Loading />
        ) : target?.period ? (
          <dl className="figure-list">
            <dt>{t('indicators.latest')}</dt>
            <dd>
              <strong className="figure" data-testid="latest-value">
                {t('indicators.valueWithPeriod', { value: figure(target.value, fmt), period: target.period })}
              </strong>{' '}
              <StatusBadge status={target.status} parts={target} />
              <br />
              <span className="meta">
                <Explanation status={target} />
              </span>
            </dd>
            {target.change_since_previous !== null && target.previous_period && (
              <>
                <dt>{t('indicators.change', { period: target.previous_period })}</dt>
                <dd>{signed(target.change_since_previous, indicator.decimals)}</dd>
              </>
            )}
            {target.comparisons.length > 0 && (
              <>
                <dt>{t('indicators.comparisons')}</dt>
                {target.comparisons.map((c) => (
                  <dd key={c.area}>
                    {t('indicators.gap', {
                      area: areaName(c.area),
                      value: figure(c.value, fmt),
                      period: c.period,
                      gap: signed(c.gap, indicator.decimals),
                    })}
                  </dd>
                ))}
              </>
            )}
          </dl>
        ) : (
          <p>
            <StatusBadge status={null} />
          </p>
        )}
        {status && <p className="meta">{date(status.as_of)}</p>}
      </section>

      <section aria-labelledby="ind-series" className="goal-section">
        <h2 id="ind-series">{t('indicators.series')}</h2>
        {observations.isPending ? (
          <Loading />
        ) : observations.error ? (
          <ErrorState error={observations.error} onRetry={() => void observations.refetch()} />
        ) : (
          <>
            <SeriesChart name={name} series={series} refs={refs} areaName={areaName} format={(v) => figure(v, fmt)} />
            {periods.length > 0 && (
              <DownloadButtons
                download={(format) => downloadObservations(indicator.code, format)}
                labels={{ csv: 'indicators.download.csv', xlsx: 'indicators.download.xlsx' }}
              />
            )}
            {periods.length > 0 && (
              <div className="table--responsive-scroll">
                <table className="table table--compact series-table">
                  <caption>{t('indicators.table.caption', { name })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('indicators.col.period')}</th>
                      {series.map((s) => (
                        <th scope="col" key={s.area}>
                          {areaName(s.area)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {periods.map((p) => (
                      <tr key={p}>
                        <th scope="row">{p}</th>
                        {series.map((s) => {
                          const o = cell.get(`${s.area}|${p}`);
                          return (
                            <td key={s.area} className="num" data-area={s.area} data-period={p}>
                              {o ? figure(o.value, { ...fmt, withheld: o.withheld }) : ''}
                              {o?.approval === 'draft' && <span className="tag">{t('indicators.draft')}</span>}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="ind-refs" className="goal-section">
        <h2 id="ind-refs">{t('indicators.ref.heading')}</h2>
        {indicator.reference_lines.length === 0 ? (
          <p className="state state-empty">{t('indicators.ref.none')}</p>
        ) : (
          <ul>
            {indicator.reference_lines.map((r, i) => (
              <li key={i}>
                {r.kind === 'threshold' && r.list_kind && r.value !== null
                  ? t('indicators.ref.thresholdList', {
                      list: t(`indicators.listKind.${r.list_kind}`),
                      operator: r.operator ?? '',
                      value: figure(r.value, fmt),
                    })
                  : r.value !== null
                    ? `${t(`indicators.ref.${r.kind}`)}: ${figure(r.value, fmt)}`
                    : r.basis === 'own_level'
                      ? `${t(`indicators.ref.${r.kind}`)}: ${t('indicators.ref.ownLevel', { year: r.from_year ?? '' })}`
                      : `${t(`indicators.ref.${r.kind}`)}: ${t('indicators.ref.areaLevel', { area: areaName(r.basis_area ?? '') })}`}
                {r.source && (
                  <span className="meta" lang={CONTENT_LANG}>
                    {' '}
                    ({t('indicators.ref.source')}: {r.source})
                  </span>
                )}
                {r.from_year !== null && ` (${t('indicators.ref.years', { from: r.from_year })})`}
                {r.note && (
                  <span className="meta" lang={CONTENT_LANG}>
                    {' '}
                    – {r.note}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="ind-about" className="goal-section">
        <h2 id="ind-about">{t('indicators.about')}</h2>
        <dl className="figure-list">
          <dt>{t('indicators.definition')}</dt>
          <dd lang={CONTENT_LANG}>{indicator.definition}</dd>
          <dt>{t('indicators.source')}</dt>
          <dd lang={CONTENT_LANG}>{indicator.source}</dd>
          <dt>{t('indicators.owner')}</dt>
          <dd>{ownerName}</dd>
          <dt>{t('indicators.periodicity')}</dt>
          <dd>{t(`indicators.periodicity.${indicator.periodicity}`)}</dd>
          <dt>{t('indicators.direction')}</dt>
          <dd>{t(`indicators.direction.${indicator.direction}`)}</dd>
        </dl>
      </section>
    </article>
  );
}
