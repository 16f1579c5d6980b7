/**
 * Create and edit an initiative (editors of the lead organisation). The form's values and schema live
 * in ../initiativeForm; field errors from the schema or the server land next to their fields; a 412 on
 * save opens the shared ConflictResolver.
 */
import { useQuery } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { useConflict } from '@/components/ConflictResolver';
import { ErrorSummary, SelectField, TextArea, TextField } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { Loading, NotFound, QueryView, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import {
  fetchInitiative,
  goalTreeQuery,
  indicatorNamesQuery,
  LEVELS,
  organisationsQuery,
  STATUSES,
  useCreateInitiative,
  useUpdateInitiative,
  type Initiative,
  type Organisation,
} from '../api';
import { changesFrom, CONFLICT_FIELDS, EMPTY, initiativeSchema, valuesOf } from '../initiativeForm';
import { Checkboxes, IndicatorLinks } from './InitiativeFormControls';
import { parseId } from './InitiativeDetailPage';
import './plans.css';

type FieldName = (typeof CONFLICT_FIELDS)[number] | 'lead' | 'partners' | 'goals' | 'levels' | 'indicators';
const FIELD_IDS = Object.fromEntries(
  [...CONFLICT_FIELDS, 'lead', 'partners', 'goals', 'levels', 'indicators'].map((f) => [f, `ini-${f}`]),
) as Record<FieldName, string>;

export function InitiativeNewPage() {
  const { status } = useAuth();
  const can = useCan();
  const location = useLocation();
  const { t } = useI18n();
  useDocumentTitle(t('initiatives.new'));
  if (status === 'anonymous') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!can(Permission.edit)) return <Refused />;
  return <InitiativeForm />;
}

function Refused() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('initiatives.edit')}</h1>
      <div className="alert alert-error" role="alert">
        <div className="alert-body">
          <p className="alert-text">{t('initiatives.forbidden')}</p>
        </div>
      </div>
    </section>
  );
}

export function InitiativeEditPage() {
  const id = parseId(useParams().initiativeId);
  const { status } = useAuth();
  const location = useLocation();
  if (id === null) return <NotFound />;
  if (status === 'anonymous') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  return <EditLoader id={id} />;
}

function EditLoader({ id }: { id: number }) {
  const query = useQuery({ queryKey: ['initiatives', 'edit', id], queryFn: () => fetchInitiative(id), gcTime: 0, refetchOnWindowFocus: false });
  const can = useCan();
  const { t } = useI18n();
  useDocumentTitle(query.data ? t('initiatives.edit.title', { title: query.data.title }) : t('initiatives.edit'));
  return <QueryView query={query}>{(i) => (can(Permission.edit, i.lead) ? <InitiativeForm initial={i} /> : <Refused />)}</QueryView>;
}

/** Waits for the organisations (the lead's choices), then shows the form. */
function InitiativeForm({ initial }: { initial?: Initiative }) {
  const { t } = useI18n();
  const can = useCan();
  const orgs = useQuery(organisationsQuery());
  if (orgs.isPending) {
    return (
      <section className="initiative-form">
        <h1>{initial ? t('initiatives.edit.title', { title: initial.title }) : t('initiatives.new')}</h1>
        <Loading />
      </section>
    );
  }
  const parties = (orgs.data?.items ?? []).filter((o) => o.is_party);
  const leadOptions = parties.filter((o) => can(Permission.edit, o.slug));
  // one who may no longer edit for the lead still sees it (the server refuses a change of lead)
  const leads = initial && !leadOptions.some((o) => o.slug === initial.lead) ? parties.filter((o) => o.slug === initial.lead) : leadOptions;
  return <InitiativeEditor initial={initial} parties={parties} leads={leads} />;
}

function InitiativeEditor({ initial, parties, leads }: { initial?: Initiative; parties: Organisation[]; leads: Organisation[] }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const goals = useQuery(goalTreeQuery());
  const catalogue = useQuery(indicatorNamesQuery());
  const create = useCreateInitiative();
  const update = useUpdateInitiative(initial?.id ?? 0);
  const form = useSchemaForm(initiativeSchema, initial ? valuesOf(initial) : { ...EMPTY, lead: leads[0]?.slug ?? '' });
  const { register, control, watch, reset, errors: problems } = form;
  const { base, conflict, failed, resolver } = useConflict(initial, problems.fail);
  const errors = problems.errors;
  const values = watch();
  const goalOptions = (goals.data?.items ?? []).flatMap((g) => [
    { value: g.code, label: `${g.code} ${g.title}` },
    ...(g.sub_objectives ?? []).map((s) => ({ value: s.code, label: `${s.code} ${s.title}` })),
  ]);
  const pending = create.isPending || update.isPending;

  const labels: Record<(typeof CONFLICT_FIELDS)[number], string> = {
    title: t('initiatives.field.title'),
    summary: t('initiatives.field.summary'),
    description: t('initiatives.field.description'),
    status: t('initiatives.field.status'),
    status_reason: t('initiatives.field.statusReason'),
    visibility: t('initiatives.field.visibility'),
    starts_on: t('initiatives.field.startsOn'),
    ends_on: t('initiatives.field.endsOn'),
    tags: t('initiatives.field.tags'),
    budget_dkk: t('initiatives.field.budget'),
  };

  const save = (against: Initiative | undefined) =>
    form.submitWith(async (body) => {
      try {
        const saved = against
          ? await update.mutateAsync({ version: against.version, body: changesFrom(against, body) })
          : await create.mutateAsync(body);
        navigate(`/initiatives/${saved.id}`, { state: { flash: against ? 'form.saved' : 'initiatives.created' } });
      } catch (error) {
        await failed(error, initial && (() => fetchInitiative(initial.id)));
      }
    });

  return (
    <section className="initiative-form">
      <h1>{initial ? t('initiatives.edit.title', { title: base?.title ?? initial.title }) : t('initiatives.new')}</h1>
      {resolver({
        title: t('initiatives.conflict.title'),
        fields: (theirs) => CONFLICT_FIELDS.map((f) => ({ name: f, label: labels[f], mine: String(values[f]), theirs: String(valuesOf(theirs)[f]) })),
        busy: pending,
        takeTheirs: (theirs) => reset(valuesOf(theirs)),
        keepMine: (theirs) => void save(theirs)(),
      })}
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={FIELD_IDS} message={problems.message} />
      </div>
      <form onSubmit={save(base)} noValidate>
        <TextField id={FIELD_IDS.title} label={labels.title} {...register('title')} error={errors.title} className="form-input input-width-xl" />
        <TextArea id={FIELD_IDS.summary} label={labels.summary} {...register('summary')} error={errors.summary} rows={2} />
        <TextArea
          id={FIELD_IDS.description}
          label={labels.description}
          hint={t('initiatives.field.descriptionHint')}
          {...register('description')}
          error={errors.description}
          rows={6}
        />
        <SelectField
          id={FIELD_IDS.lead}
          label={t('initiatives.field.lead')}
          {...register('lead')}
          error={errors.lead}
          options={leads.map((o) => ({ value: o.slug, label: o.name }))}
        />
        <Controller
          name="partners"
          control={control}
          render={({ field }) => (
            <Checkboxes
              id={FIELD_IDS.partners}
              legend={t('initiatives.field.partners')}
              options={parties.filter((o) => o.slug !== values.lead).map((o) => ({ value: o.slug, label: o.name }))}
              selected={field.value}
              onChange={field.onChange}
              error={errors.partners}
            />
          )}
        />
        <Controller
          name="goals"
          control={control}
          render={({ field }) => (
            <Checkboxes id={FIELD_IDS.goals} legend={t('initiatives.field.goals')} options={goalOptions} selected={field.value} onChange={field.onChange} error={errors.goals} />
          )}
        />
        <Controller
          name="indicators"
          control={control}
          render={({ field }) => (
            <IndicatorLinks
              id={FIELD_IDS.indicators}
              options={(catalogue.data?.items ?? []).map((i) => ({ code: i.code, name: locale === 'da' ? i.name_da : i.name_en }))}
              selected={field.value}
              onChange={field.onChange}
              error={errors.indicators}
            />
          )}
        />
        <SelectField
          id={FIELD_IDS.status}
          label={labels.status}
          {...register('status')}
          error={errors.status}
          options={STATUSES.map((s) => ({ value: s, label: t(`initiatives.status.${s}`) }))}
        />
        {(values.status === 'paused' || values.status === 'stopped' || values.status_reason) && (
          <TextArea id={FIELD_IDS.status_reason} label={labels.status_reason} {...register('status_reason')} error={errors.status_reason} rows={2} />
        )}
        <SelectField
          id={FIELD_IDS.visibility}
          label={labels.visibility}
          {...register('visibility')}
          error={errors.visibility}
          options={(['public', 'partners', 'restricted'] as const).map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
        />
        <TextField id={FIELD_IDS.starts_on} type="date" label={labels.starts_on} {...register('starts_on')} error={errors.starts_on} className="form-input input-width-s" />
        <TextField id={FIELD_IDS.ends_on} type="date" label={labels.ends_on} {...register('ends_on')} error={errors.ends_on} className="form-input input-width-s" />
        <Controller
          name="levels"
          control={control}
          render={({ field }) => (
            <Checkboxes
              id={FIELD_IDS.levels}
              legend={t('initiatives.field.levels')}
              options={LEVELS.map((l) => ({ value: l, label: t(`initiatives.level.${l}`) }))}
              selected={field.value}
              onChange={field.onChange}
              error={errors.levels}
            />
          )}
        />
        <TextField id={FIELD_IDS.tags} label={labels.tags} hint={t('initiatives.field.tagsHint')} {...register('tags')} error={errors.tags} className="form-input input-width-xl" />
        <TextField id={FIELD_IDS.budget_dkk} label={labels.budget_dkk} {...register('budget_dkk')} error={errors.budget_dkk} inputMode="numeric" className="form-input input-width-m" />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={pending || conflict !== null}>
            {pending ? t('form.saving') : t('form.save')}
          </button>
          <Link to={initial ? `/initiatives/${initial.id}` : '/initiatives'} className="button button-tertiary">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
