import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, QueryView, useDocumentTitle } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { DownloadButtons } from '@/components/DownloadButtons';
import { useI18n } from '@/lib/i18n';
import { exportInitiatives, goalTreeQuery, initiativesQuery, LEVELS, organisationsQuery, STATUSES } from '../api';
import { EMPTY_FILTERS, filtersFromSearch, filtersToSearch, PAGE_SIZE, SORTS, type InitiativeFilters } from '../filters';
import { ColourBadge, StatusTag, useOrgName } from './bits';
import '@/components/blocks.css';
import './plans.css';

const PHASES = [1, 2, 3];

export function InitiativeListPage() {
  const { t } = useI18n();
  const can = useCan();
  useDocumentTitle(t('initiatives.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const query = useQuery(initiativesQuery(filters));
  const orgName = useOrgName();
  const apply = (f: InitiativeFilters) => setParams(filtersToSearch(f));
  return (
    <section className="initiative-list">
      <h1>{t('initiatives.title')}</h1>
      <p className="font-lead">{t('initiatives.intro')}</p>
      <nav aria-label={t('initiatives.more')}>
        <ul className="initiative-subnav">
          <li>
            <Link to="/action-plans">{t('plans.title')}</Link>
          </li>
          {can(Permission.read) && (
            <li>
              <Link to="/coverage">{t('coverage.title')}</Link>
            </li>
          )}
          <li>
            <Link to="/good-stories">{t('stories.title')}</Link>
          </li>
        </ul>
      </nav>
      {can(Permission.edit) && (
        <p className="button-row">
          <Link to="/initiatives/new" className="button button-primary">
            {t('initiatives.new')}
          </Link>
          <Link to="/initiatives/import" className="button button-secondary">
            {t('import.title')}
          </Link>
        </p>
      )}
      {/* Keyed by the URL: the back button or a link puts the form back in step with the list. */}
      <FilterForm key={params.toString()} initial={filters} onApply={apply} />
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('initiatives.empty')}</EmptyState>
          ) : (
            <>
              <p className="meta" role="status">
                {t('initiatives.showing', { from: page.offset + 1, to: page.offset + page.items.length, total: page.total })}
              </p>
              <div className="table--responsive-scroll">
                <table className="table initiative-table">
                  <caption className="sr-only">{t('initiatives.count', { total: page.total })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('initiatives.field.title')}</th>
                      <th scope="col">{t('initiatives.lead')}</th>
                      <th scope="col">{t('initiatives.field.status')}</th>
                      <th scope="col">{t('initiatives.filter.phase')}</th>
                      <th scope="col">{t('initiatives.progress')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((i) => (
                      <tr key={i.id} data-initiative={i.id}>
                        <th scope="row">
                          <Link to={`/initiatives/${i.id}`} lang={CONTENT_LANG}>
                            {i.title}
                          </Link>
                          <br />
                          <span className="meta">{i.goals.map((g) => t('goals.code', { code: g })).join(', ')}</span>
                        </th>
                        <td>{orgName(i.lead)}</td>
                        <td>
                          <StatusTag status={i.status} />
                        </td>
                        <td>{i.phase ?? '–'}</td>
                        <td>
                          <ColourBadge colour={i.last_status_colour} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pager offset={page.offset} total={page.total} onGo={(offset) => apply({ ...filters, offset })} />
              {can(Permission.read) && (
                <DownloadButtons
                  download={(format) => exportInitiatives(filters, format)}
                  labels={{ csv: 'initiatives.export.csv', xlsx: 'initiatives.export.xlsx' }}
                />
              )}
            </>
          )
        }
      </QueryView>
    </section>
  );
}

function Pager({ offset, total, onGo }: { offset: number; total: number; onGo: (offset: number) => void }) {
  const { t } = useI18n();
  if (total <= PAGE_SIZE) return null;
  return (
    <nav aria-label={t('initiatives.pages')} className="button-row">
      <button type="button" className="button button-secondary" disabled={offset === 0} onClick={() => onGo(Math.max(0, offset - PAGE_SIZE))}>
        {t('initiatives.previous')}
      </button>
      <button type="button" className="button button-secondary" disabled={offset + PAGE_SIZE >= total} onClick={() => onGo(offset + PAGE_SIZE)}>
        {t('initiatives.next')}
      </button>
    </nav>
  );
}

function Checks<T extends string | number>({
  legend,
  name,
  options,
  selected,
  label,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  selected: T[];
  label: (v: T) => string;
  onChange: (next: T[]) => void;
}) {
  return (
    <fieldset className="filter-checks">
      <legend className="form-label">{legend}</legend>
      {options.map((o) => {
        const id = `f-${name}-${o}`;
        return (
          <div className="form-group-checkbox" key={String(o)}>
            <input
              type="checkbox"
              id={id}
              className="form-checkbox"
              checked={selected.includes(o)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o] : selected.filter((s) => s !== o))}
            />
            <label htmlFor={id}>{label(o)}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

function FilterForm({ initial, onApply }: { initial: InitiativeFilters; onApply: (f: InitiativeFilters) => void }) {
  const { t } = useI18n();
  const [f, setF] = useState<InitiativeFilters>(initial);
  const goals = useQuery(goalTreeQuery());
  const orgs = useQuery(organisationsQuery());
  const goalOptions = (goals.data?.items ?? []).flatMap((g) => [
    { value: g.code, label: `${g.code} ${g.title}` },
    ...(g.sub_objectives ?? []).map((s) => ({ value: s.code, label: `— ${s.code} ${s.title}` })),
  ]);
  const set = (k: keyof InitiativeFilters) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    onApply({ ...f, offset: 0 });
  }
  return (
    <form className="filter-form" onSubmit={submit} aria-labelledby="filters-heading" role="search">
      <h2 id="filters-heading" className="h3">
        {t('initiatives.filters')}
      </h2>
      <div className="filter-grid">
        <div className="form-group">
          <label className="form-label" htmlFor="f-q">
            {t('initiatives.filter.q')}
          </label>
          <input id="f-q" type="search" className="form-input" value={f.q} onChange={set('q')} />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="f-goal">
            {t('initiatives.filter.goal')}
          </label>
          <select id="f-goal" className="form-select" value={f.goal} onChange={set('goal')}>
            <option value="">{t('initiatives.filter.any')}</option>
            {goalOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="f-org">
            {t('initiatives.filter.organisation')}
          </label>
          <select id="f-org" className="form-select" value={f.organisation} onChange={set('organisation')}>
            <option value="">{t('initiatives.filter.any')}</option>
            {(orgs.data?.items ?? [])
              .filter((o) => o.is_party)
              .map((o) => (
                <option key={o.slug} value={o.slug}>
                  {o.name}
                </option>
              ))}
          </select>
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="f-tag">
            {t('initiatives.filter.tag')}
          </label>
          <input id="f-tag" className="form-input" value={f.tag} onChange={set('tag')} />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="f-since">
            {t('initiatives.filter.updatedSince')}
          </label>
          <input id="f-since" type="date" className="form-input" value={f.updatedSince} onChange={set('updatedSince')} />
        </div>
        <div className="form-group">
          <label className="form-label" htmlFor="f-sort">
            {t('initiatives.filter.sort')}
          </label>
          <select id="f-sort" className="form-select" value={f.sort} onChange={set('sort')}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`initiatives.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="filter-grid">
        <Checks legend={t('initiatives.filter.status')} name="status" options={STATUSES} selected={f.status} label={(s) => t(`initiatives.status.${s}`)} onChange={(status) => setF((x) => ({ ...x, status }))} />
        <Checks legend={t('initiatives.filter.phase')} name="phase" options={PHASES} selected={f.phase} label={(p) => t('initiatives.phase', { phase: p })} onChange={(phase) => setF((x) => ({ ...x, phase }))} />
        <Checks legend={t('initiatives.filter.level')} name="level" options={LEVELS} selected={f.level} label={(l) => t(`initiatives.level.${l}`)} onChange={(level) => setF((x) => ({ ...x, level }))} />
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary">
          {t('initiatives.filter.apply')}
        </button>
        <button type="button" className="button button-tertiary" onClick={() => onApply(EMPTY_FILTERS)}>
          {t('initiatives.filter.clear')}
        </button>
      </div>
    </form>
  );
}
