/**
 * The decision register: every decision the caller may see, searchable and filtered by body, kind,
 * year and the object it concerns (the filters live in the address); each row shows what the decision
 * authorised and whether it was corrected.
 */
import '../meetings.css';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CONTENT_LANG } from '@/components/RichText';
import { ScrollTable } from '@/components/ScrollTable';
import { EmptyState, QueryView, Skeleton, useDocumentTitle } from '@/components/states';
import { copenhagenParts } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { bodiesQuery, linkKindsQuery, linkTargetsQuery, type LinkTargetType } from '../api';
import { DECISION_KINDS } from '../kinds';
import { decisionsQuery, type Decision, type DecisionKind, type DecisionQuery } from '../recordsApi';
import { DecisionKindTag, parseId, useBodyName } from './bits';
import { LinkChips, useKindLabel } from './links';

const PAGE = 25;
const FIRST_YEAR = 2018;

interface Filters {
  q: string;
  body: string;
  kind: string;
  year: string;
  target_type: string;
  target_id: string;
  superseded: boolean;
}

function filtersOf(params: URLSearchParams): Filters {
  return {
    q: params.get('q') ?? '',
    body: params.get('body') ?? '',
    kind: params.get('kind') ?? '',
    year: params.get('year') ?? '',
    target_type: params.get('target_type') ?? '',
    target_id: params.get('target_id') ?? '',
    superseded: params.get('superseded') === '1',
  };
}

/** The API query for the filters (a year becomes a date range). */
export function decisionQueryOf(f: Filters, offset: number): DecisionQuery {
  const year = /^\d{4}$/.test(f.year) ? f.year : null;
  return {
    q: f.q.trim() || undefined,
    body_id: parseId(f.body) ?? undefined,
    kind: (f.kind || undefined) as DecisionKind | undefined,
    decided_from: year ? `${year}-01-01` : undefined,
    decided_to: year ? `${year}-12-31` : undefined,
    target_type: (f.target_type || undefined) as LinkTargetType | undefined,
    target_id: f.target_type ? (parseId(f.target_id) ?? undefined) : undefined,
    include_superseded: f.superseded || undefined,
    limit: PAGE,
    offset,
  };
}

export function DecisionRegisterPage() {
  const { t } = useI18n();
  useDocumentTitle(t('decisions.registerTitle'));
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const offset = Number(params.get('offset') ?? 0) || 0;
  const query = useQuery(decisionsQuery(decisionQueryOf(filters, offset)));
  const apply = (f: Filters, nextOffset = 0) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) {
      if (k === 'superseded') {
        if (v) next.set('superseded', '1');
      } else if (v) next.set(k, String(v));
    }
    if (nextOffset) next.set('offset', String(nextOffset));
    setParams(next);
  };
  return (
    <section className="decision-register">
      <h1>{t('decisions.registerTitle')}</h1>
      <p className="font-lead">{t('decisions.registerIntro')}</p>
      <FilterForm key={params.toString()} initial={filters} onApply={(f) => apply(f)} />
      <QueryView query={query} skeleton={<Skeleton rows={6} lines={1} />}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('decisions.noMatches')}</EmptyState>
          ) : (
            <>
              <p className="meta" role="status">
                {t('initiatives.showing', { from: page.offset + 1, to: page.offset + page.items.length, total: page.total })}
              </p>
              <RegisterTable decisions={page.items} />
              {page.total > PAGE && (
                <nav aria-label={t('decisions.pages')} className="button-row">
                  <button type="button" className="button button-secondary" disabled={offset === 0} onClick={() => apply(filters, Math.max(0, offset - PAGE))}>
                    {t('initiatives.previous')}
                  </button>
                  <button type="button" className="button button-secondary" disabled={offset + PAGE >= page.total} onClick={() => apply(filters, offset + PAGE)}>
                    {t('initiatives.next')}
                  </button>
                </nav>
              )}
            </>
          )
        }
      </QueryView>
    </section>
  );
}

function RegisterTable({ decisions }: { decisions: Decision[] }) {
  const { t, date } = useI18n();
  const bodyName = useBodyName();
  return (
    <ScrollTable label={t('decisions.registerTitle')}>
      <table className="table table--compact table--responsive-headers register-table">
        <caption className="sr-only">{t('decisions.registerTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('decisions.field.number')}</th>
            <th scope="col">{t('decisions.field.title')}</th>
            <th scope="col">{t('decisions.decidedOn')}</th>
            <th scope="col">{t('decisions.body')}</th>
            <th scope="col">{t('decisions.field.kind')}</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((d) => (
            <tr key={d.id} data-decision={d.id}>
              <td className="nowrap" data-title={t('decisions.field.number')}>
                {d.number}
                {d.revision > 1 && <span className="meta"> ({t('decisions.revisionShort', { revision: d.revision })})</span>}
              </td>
              <th scope="row">
                <Link to={`/decisions/${d.id}`} lang={CONTENT_LANG}>
                  {d.title}
                </Link>
                {d.superseded_by_id && <span className="badge badge-neutral">{t('decisions.superseded')}</span>}
                {d.restricted && <span className="badge badge-error tag-restricted">{t('agenda.restricted')}</span>}
                <LinkChips links={d.links} />
                {(d.referenced_by ?? []).length > 0 && <p className="meta">{t('decisions.referencedCount', { count: (d.referenced_by ?? []).length })}</p>}
              </th>
              <td className="nowrap" data-title={t('decisions.decidedOn')}>
                {date(d.decided_on)}
              </td>
              <td data-title={t('decisions.body')}>{bodyName(d.body_id)}</td>
              <td data-title={t('decisions.field.kind')}>
                <DecisionKindTag kind={d.kind} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function FilterForm({ initial, onApply }: { initial: Filters; onApply: (f: Filters) => void }) {
  const { t } = useI18n();
  const label = useKindLabel();
  const [f, setF] = useState(initial);
  const [targetQ, setTargetQ] = useState('');
  const bodies = useQuery(bodiesQuery());
  const kinds = useQuery(linkKindsQuery());
  const searchable = kinds.data?.items.find((k) => k.target_type === f.target_type)?.searchable ?? false;
  const targets = useQuery({ ...linkTargetsQuery(f.target_type as LinkTargetType, targetQ.trim()), enabled: searchable });
  const thisYear = copenhagenParts(new Date()).year;
  const years = Array.from({ length: thisYear - FIRST_YEAR + 2 }, (_, i) => String(thisYear + 1 - i));
  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    onApply(f);
  }
  return (
    <form className="filter-form" onSubmit={submit} role="search" aria-labelledby="decision-filters">
      <h2 id="decision-filters" className="h3">
        {t('decisions.filters')}
      </h2>
      <div className="filter-grid">
        <div className="form-group">
          <label className="form-label" htmlFor="df-q">
            {t('decisions.filter.q')}
          </label>
          <input id="df-q" type="search" className="form-input" value={f.q} onChange={set('q')} />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="df-body">
            {t('decisions.body')}
          </label>
          <select id="df-body" className="form-select" value={f.body} onChange={set('body')}>
            <option value="">{t('initiatives.filter.any')}</option>
            {(bodies.data?.items ?? []).map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="df-kind">
            {t('decisions.field.kind')}
          </label>
          <select id="df-kind" className="form-select" value={f.kind} onChange={set('kind')}>
            <option value="">{t('initiatives.filter.any')}</option>
            {DECISION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`decisions.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="df-year">
            {t('decisions.filter.year')}
          </label>
          <select id="df-year" className="form-select" value={f.year} onChange={set('year')}>
            <option value="">{t('initiatives.filter.any')}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="df-target-type">
            {t('decisions.filter.linkedKind')}
          </label>
          <select id="df-target-type" className="form-select" value={f.target_type} onChange={(e) => setF((x) => ({ ...x, target_type: e.target.value, target_id: '' }))}>
            <option value="">{t('initiatives.filter.any')}</option>
            {(kinds.data?.items ?? []).map((k) => (
              <option key={k.target_type} value={k.target_type}>
                {label(k.target_type)}
              </option>
            ))}
          </select>
        </div>
        {searchable && (
          <>
            <div className="form-group">
              <label className="form-label" htmlFor="df-target-q">
                {t('decisions.filter.findLinked')}
              </label>
              <input id="df-target-q" type="search" className="form-input" value={targetQ} onChange={(e) => setTargetQ(e.target.value)} />
            </div>
            <div className="form-group">
              <label className="form-label" htmlFor="df-target">
                {t('decisions.filter.linked')}
              </label>
              <select id="df-target" className="form-select" value={f.target_id} onChange={set('target_id')}>
                <option value="">{t('decisions.filter.anyOfKind')}</option>
                {(targets.data?.items ?? []).map((x) => (
                  <option key={x.target_id} value={x.target_id}>
                    {x.title}
                  </option>
                ))}
                {f.target_id && !(targets.data?.items ?? []).some((x) => String(x.target_id) === f.target_id) && (
                  <option value={f.target_id}>#{f.target_id}</option>
                )}
              </select>
            </div>
          </>
        )}
      </div>
      <div className="form-group-checkbox">
        <input id="df-superseded" type="checkbox" className="form-checkbox" checked={f.superseded} onChange={(e) => setF((x) => ({ ...x, superseded: e.target.checked }))} />
        <label htmlFor="df-superseded">{t('decisions.filter.superseded')}</label>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('decisions.filter.apply')}
        </button>
        <button
          type="button"
          className="button button-tertiary"
          onClick={() => onApply({ q: '', body: '', kind: '', year: '', target_type: '', target_id: '', superseded: false })}
        >
          {t('initiatives.filter.clear')}
        </button>
      </div>
    </form>
  );
}
