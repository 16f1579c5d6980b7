/**
 * Entering figures for one of the user's own organisation's indicators: a small grid posted as one
 * keyed batch (PUT, drafts; values and schema in ../observationForm); editors of the owner also see
 * the drafts and approve a selection.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { Navigate, useLocation, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { ErrorSummary } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { ErrorState, Loading, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { areasQuery, indicatorQuery, organisationsQuery, TARGET_AREA, useUpsertObservations, type Indicator } from '../api';
import { batchSchema, blankRow, type Row } from '../observationForm';
import { Drafts } from './ObservationDrafts';

const FIELDS = ['area', 'period', 'value', 'n', 'status', 'comment'] as const;
const fieldId = (i: number, f: string) => `obs-${i}-${f}`;

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
  const form = useSchemaForm(batchSchema, { items: [blankRow()] });
  const { register, control, reset, errors: problems } = form;
  const rows = useFieldArray({ control, name: 'items' });
  const [saved, setSaved] = useState<string | null>(null);
  const name = locale === 'da' ? indicator.name_da : indicator.name_en;
  const owner = orgs.data?.items.find((o) => o.slug === indicator.owner)?.name ?? indicator.owner;
  const errors = problems.errors;

  const submit = form.submitWith(async ({ items }) => {
    try {
      const summary = await upsert.mutateAsync({ items });
      setSaved(t('observations.enter.saved', { created: summary.created, updated: summary.updated, unchanged: summary.unchanged }));
      reset({ items: [blankRow()] });
    } catch (error) {
      problems.fail(error);
    }
  });

  const ids: Record<string, string> = {};
  rows.fields.forEach((_, i) => FIELDS.forEach((f) => (ids[`items.${i}.${f}`] = fieldId(i, f))));
  const err = (i: number, f: keyof Row) => errors[`items.${i}.${f}`];
  const cellInput = (i: number, f: 'period' | 'value' | 'n' | 'comment', label: string, extra: Record<string, unknown> = {}) => (
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
        {...register(`items.${i}.${f}`)}
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
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={ids} message={problems.message} />
      </div>
      <form onSubmit={(e) => (setSaved(null), void submit(e))} noValidate>
        {rows.fields.map((row, i) => (
          <fieldset key={row.id} className="obs-row">
            <legend className="h4">{t('observations.enter.row', { number: i + 1 })}</legend>
            <div className="obs-grid">
              <div className="form-group">
                <label className="form-label" htmlFor={fieldId(i, 'area')}>
                  {t('observations.enter.area')}
                </label>
                <select id={fieldId(i, 'area')} className="form-select" {...register(`items.${i}.area`)}>
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
                <select id={fieldId(i, 'status')} className="form-select" {...register(`items.${i}.status`)}>
                  {(['provisional', 'final', 'series_break'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(`observations.status.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              {cellInput(i, 'comment', t('observations.enter.comment'))}
            </div>
            {rows.fields.length > 1 && (
              <button type="button" className="button button-tertiary" onClick={() => rows.remove(i)}>
                {t('observations.enter.removeRow', { number: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <p className="form-hint">{t('observations.enter.periodHint')}</p>
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => rows.append(blankRow())}>
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
