/**
 * Entering figures for one of the user's own organisation's indicators: a small grid posted as one
 * keyed batch (PUT, drafts); editors of the owner also see the drafts and approve a selection.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { ErrorSummary } from '@/components/form';
import { ErrorState, Loading, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { fieldErrors, isProblemError } from '@/lib/problem';
import {
  areasQuery,
  indicatorQuery,
  observationsQuery,
  organisationsQuery,
  TARGET_AREA,
  useApproveObservations,
  useUpsertObservations,
  type Indicator,
  type ObservationIn,
} from '../api';
import { useFigure } from './figures';

interface Row {
  area: string;
  period: string;
  value: string;
  n: string;
  status: ObservationIn['status'];
  comment: string;
}

const blank = (): Row => ({ area: TARGET_AREA, period: '', value: '', n: '', status: 'provisional', comment: '' });

/** "12,5" or "12.5" → 12.5; "" → null; anything else → NaN. */
export function parseDecimal(text: string): number | null {
  const s = text.trim().replace(/\s/g, '');
  if (!s) return null;
  const normal = s.includes(',') ? s.replace(/\./g, '').replace(',', '.') : s;
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : NaN;
}

export function ObservationEntryPage() {
  const code = useParams().code ?? '';
  const { status } = useAuth();
  const location = useLocation();
  const query = useQuery(indicatorQuery(code));
  const can = useCan();
  const { t, locale } = useI18n();
  useDocumentTitle(query.data ? t('observations.enter.title', { name: locale === 'da' ? query.data.name_da : query.data.name_en }) : t('indicators.enter'));
  if (status === 'anonymous') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) return <ErrorState error={query.error} />;
  if (!can(Permission.report, query.data.owner)) {
    return (
      <section>
        <h1>{t('indicators.enter')}</h1>
        <div className="alert alert-warning" role="alert">
          <div className="alert-body">
            <p className="alert-text">{t('observations.enter.forbidden')}</p>
          </div>
        </div>
      </section>
    );
  }
  return <EntryForm indicator={query.data} />;
}

function EntryForm({ indicator }: { indicator: Indicator }) {
  const { t, locale } = useI18n();
  const can = useCan();
  const areas = useQuery(areasQuery());
  const orgs = useQuery(organisationsQuery());
  const upsert = useUpsertObservations(indicator.code);
  const [rows, setRows] = useState<Row[]>([blank()]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const name = locale === 'da' ? indicator.name_da : indicator.name_en;
  const owner = orgs.data?.items.find((o) => o.slug === indicator.owner)?.name ?? indicator.owner;
  const set = (i: number, field: keyof Row) => (e: { target: { value: string } }) =>
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, [field]: e.target.value } : r)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    setMessage(null);
    const found: Record<string, string> = {};
    const items: ObservationIn[] = [];
    rows.forEach((r, i) => {
      if (!r.period.trim()) found[`items.${i}.period`] = t('form.required');
      const value = parseDecimal(r.value);
      const n = parseDecimal(r.n);
      if (Number.isNaN(value)) found[`items.${i}.value`] = t('observations.enter.invalidNumber');
      if (Number.isNaN(n) || (n !== null && !Number.isInteger(n))) found[`items.${i}.n`] = t('observations.enter.invalidNumber');
      items.push({
        area: r.area,
        period: r.period.trim(),
        value: Number.isNaN(value) ? null : value,
        n: n === null || Number.isNaN(n) ? null : n,
        status: r.status,
        comment: r.comment.trim() || null,
      });
    });
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      const summary = await upsert.mutateAsync({ items });
      setSaved(t('observations.enter.saved', { created: summary.created, updated: summary.updated, unchanged: summary.unchanged }));
      setRows([blank()]);
    } catch (error) {
      if (isProblemError(error)) {
        setErrors(fieldErrors(error.problem));
        setMessage(error.message);
      } else setMessage(t('state.error.network'));
    }
  }

  const fieldId = (i: number, f: string) => `obs-${i}-${f}`;
  const ids: Record<string, string> = {};
  rows.forEach((_, i) => ['area', 'period', 'value', 'n', 'status', 'comment'].forEach((f) => (ids[`items.${i}.${f}`] = fieldId(i, f))));
  const err = (i: number, f: string) => errors[`items.${i}.${f}`];
  const cellInput = (i: number, f: keyof Row, label: string, extra: Record<string, unknown> = {}) => (
    <div className={err(i, f) ? 'form-group form-error' : 'form-group'}>
      <label className="form-label" htmlFor={fieldId(i, f)}>
        {label}
      </label>
      {err(i, f) && (
        <span className="form-error-message" id={`${fieldId(i, f)}-error`}>
          {err(i, f)}
        </span>
      )}
      <input
        id={fieldId(i, f)}
        className="form-input"
        value={rows[i]![f] ?? ''}
        onChange={set(i, f)}
        aria-invalid={err(i, f) ? true : undefined}
        aria-describedby={err(i, f) ? `${fieldId(i, f)}-error` : undefined}
        {...extra}
      />
    </div>
  );

  return (
    <section className="observation-entry">
      <Breadcrumbs
        trail={[
          { to: '/indicators', label: t('indicators.title') },
          { to: `/indicators/${indicator.code}`, label: name },
          { label: t('indicators.enter') },
        ]}
      />
      <h1>{t('observations.enter.title', { name })}</h1>
      <p>{t('observations.enter.intro', { owner })}</p>
      {saved && (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{saved}</p>
          </div>
        </div>
      )}
      <ErrorSummary errors={errors} fieldIds={ids} message={message} />
      <form onSubmit={submit} noValidate>
        {rows.map((r, i) => (
          <fieldset key={i} className="obs-row">
            <legend className="h4">{t('observations.enter.row', { number: i + 1 })}</legend>
            <div className="obs-grid">
              <div className="form-group">
                <label className="form-label" htmlFor={fieldId(i, 'area')}>
                  {t('observations.enter.area')}
                </label>
                <select id={fieldId(i, 'area')} className="form-select" value={r.area} onChange={set(i, 'area')}>
                  {(areas.data?.items ?? [{ code: TARGET_AREA, name: TARGET_AREA }]).map((a) => (
                    <option key={a.code} value={a.code}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </div>
              {cellInput(i, 'period', t('observations.enter.period'), { placeholder: '2025-Q1', 'aria-description': t('observations.enter.periodHint') })}
              {cellInput(i, 'value', `${t('observations.enter.value')} (${indicator.unit})`, { inputMode: 'decimal' })}
              {cellInput(i, 'n', t('observations.enter.n'), { inputMode: 'numeric' })}
              <div className="form-group">
                <label className="form-label" htmlFor={fieldId(i, 'status')}>
                  {t('observations.enter.status')}
                </label>
                <select id={fieldId(i, 'status')} className="form-select" value={r.status} onChange={set(i, 'status')}>
                  {(['provisional', 'final', 'series_break'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(`observations.status.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              {cellInput(i, 'comment', t('observations.enter.comment'))}
            </div>
            {rows.length > 1 && (
              <button type="button" className="button button-tertiary" onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}>
                {t('observations.enter.removeRow', { number: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <p className="form-hint">{t('observations.enter.periodHint')}</p>
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => setRows((rs) => [...rs, blank()])}>
            {t('observations.enter.addRow')}
          </button>
          <button type="submit" className="button button-primary" disabled={upsert.isPending}>
            {upsert.isPending ? t('form.saving') : t('observations.enter.save')}
          </button>
        </div>
      </form>
      {can(Permission.edit, indicator.owner) && <Drafts indicator={indicator} areaName={(c) => areas.data?.items.find((a) => a.code === c)?.name ?? c} />}
    </section>
  );
}

/** A checkbox in the design system's markup, its label read by screen readers only. */
function RowCheck({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <div className="form-group-checkbox table-check">
      <input type="checkbox" className="form-checkbox" id={id} checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>
        <span className="sr-only">{label}</span>
      </label>
    </div>
  );
}

function Drafts({ indicator, areaName }: { indicator: Indicator; areaName: (code: string) => string }) {
  const { t } = useI18n();
  const figure = useFigure();
  const observations = useQuery(observationsQuery(indicator.code));
  const approve = useApproveObservations(indicator.code);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const drafts = (observations.data ?? []).filter((o) => o.approval === 'draft');
  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  async function approveSelected() {
    setDone(null);
    setFailure(null);
    try {
      const result = await approve.mutateAsync([...selected]);
      setDone(t('observations.drafts.approved', { count: result.approved }));
      setSelected(new Set());
    } catch (error) {
      setFailure(isProblemError(error) ? error.message : t('state.error.network'));
    }
  }

  return (
    <section aria-labelledby="drafts-heading" className="goal-section">
      <h2 id="drafts-heading">{t('observations.drafts.title')}</h2>
      {done && (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{done}</p>
          </div>
        </div>
      )}
      {failure && <ErrorSummary errors={{}} message={failure} />}
      {observations.isPending ? (
        <Loading />
      ) : drafts.length === 0 ? (
        <p className="state state-empty">{t('observations.drafts.none')}</p>
      ) : (
        <>
          <div className="table--responsive-scroll">
            <table className="table table--compact drafts-table">
              <caption className="sr-only">{t('observations.drafts.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <RowCheck
                      id="draft-all"
                      label={t('observations.drafts.selectAll')}
                      checked={selected.size === drafts.length}
                      onChange={(on) => setSelected(on ? new Set(drafts.map((d) => d.id)) : new Set())}
                    />
                  </th>
                  <th scope="col">{t('indicators.col.area')}</th>
                  <th scope="col">{t('indicators.col.period')}</th>
                  <th scope="col">{t('indicators.col.value')}</th>
                  <th scope="col">{t('indicators.col.n')}</th>
                  <th scope="col">{t('indicators.col.comment')}</th>
                </tr>
              </thead>
              <tbody>
                {drafts.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <RowCheck
                        id={`draft-${d.id}`}
                        label={t('observations.drafts.select', { area: areaName(d.area), period: d.period })}
                        checked={selected.has(d.id)}
                        onChange={() => toggle(d.id)}
                      />
                    </td>
                    <td>{areaName(d.area)}</td>
                    <td>{d.period}</td>
                    <td className="num">{figure(d.value, { decimals: indicator.decimals, unit: indicator.unit })}</td>
                    <td className="num">{d.n ?? ''}</td>
                    <td>{d.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="button button-primary" disabled={selected.size === 0 || approve.isPending} onClick={() => void approveSelected()}>
            {t('observations.drafts.approve', { count: selected.size })}
          </button>
        </>
      )}
    </section>
  );
}
