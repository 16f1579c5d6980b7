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
import { Pager } from '@/components/Pager';
import { ScrollTable } from '@/components/ScrollTable';
import { SelectField, TextField } from '@/components/form';
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
                {t('decisions.found', { total: page.total })}
              </p>
              <RegisterTable decisions={page.items} />
              <Pager
                offset={offset}
                total={page.total}
                size={PAGE}
                shown={page.items.length}
                label={t('decisions.pages')}
                onGo={(next) => apply(filters, next)}
              />
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
  const any = { value: '', label: t('initiatives.filter.any') };
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
        <TextField id="df-q" type="search" label={t('decisions.filter.q')} value={f.q} onChange={set('q')} />
        <SelectField
          id="df-body"
          label={t('decisions.body')}
          value={f.body}
          onChange={set('body')}
          options={[any, ...(bodies.data?.items ?? []).map((b) => ({ value: String(b.id), label: b.name }))]}
        />
        <SelectField
          id="df-kind"
          label={t('decisions.field.kind')}
          value={f.kind}
          onChange={set('kind')}
          options={[any, ...DECISION_KINDS.map((k) => ({ value: k, label: t(`decisions.kind.${k}`) }))]}
        />
        <SelectField id="df-year" label={t('decisions.filter.year')} value={f.year} onChange={set('year')} options={[any, ...years.map((y) => ({ value: y, label: y }))]} />
        <SelectField
          id="df-target-type"
          label={t('decisions.filter.linkedKind')}
          value={f.target_type}
          onChange={(e) => setF((x) => ({ ...x, target_type: e.target.value, target_id: '' }))}
          options={[any, ...(kinds.data?.items ?? []).map((k) => ({ value: k.target_type, label: label(k.target_type) }))]}
        />
        {searchable && (
          <>
            <TextField id="df-target-q" type="search" label={t('decisions.filter.findLinked')} value={targetQ} onChange={(e) => setTargetQ(e.target.value)} />
            <SelectField
              id="df-target"
              label={t('decisions.filter.linked')}
              value={f.target_id}
              onChange={set('target_id')}
              options={[
                { value: '', label: t('decisions.filter.anyOfKind') },
                ...(targets.data?.items ?? []).map((x) => ({ value: String(x.target_id), label: x.title })),
                ...(f.target_id && !(targets.data?.items ?? []).some((x) => String(x.target_id) === f.target_id)
                  ? [{ value: f.target_id, label: `#${f.target_id}` }]
                  : []),
              ]}
            />
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
