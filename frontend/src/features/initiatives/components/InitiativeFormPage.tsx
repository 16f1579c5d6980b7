/**
 * Create and edit an initiative (editors of the lead organisation). Field errors from the server land
 * next to their fields; a 412 on save opens the shared ConflictResolver.
 */
import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { ConflictResolver, type ConflictField } from '@/components/ConflictResolver';
import { ErrorSummary, SelectField, TextArea, TextField } from '@/components/form';
import { Loading, NotFound, QueryView, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { fieldErrors, isProblemError } from '@/lib/problem';
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
  type InitiativeCreate,
  type InitiativeStatus,
  type InitiativeUpdate,
  type Level,
  type Visibility,
} from '../api';
import { parseId } from './InitiativeDetailPage';
import './plans.css';

export interface Values {
  title: string;
  summary: string;
  description: string;
  lead: string;
  partners: string[];
  goals: string[];
  status: InitiativeStatus;
  status_reason: string;
  visibility: Visibility;
  starts_on: string;
  ends_on: string;
  levels: Level[];
  tags: string;
  budget_dkk: string;
  indicators: IndicatorLink[];
}

export interface IndicatorLink {
  indicator: string;
  expected_direction: 'up' | 'down';
}

const TEXT_FIELDS = ['title', 'summary', 'description', 'status', 'status_reason', 'visibility', 'starts_on', 'ends_on', 'tags', 'budget_dkk'] as const;

export function valuesOf(i: Initiative): Values {
  return {
    title: i.title,
    summary: i.summary ?? '',
    description: i.description ?? '',
    lead: i.lead,
    partners: [...i.partners].sort(),
    goals: [...i.goals].sort(),
    status: i.status,
    status_reason: i.status_reason ?? '',
    visibility: i.visibility,
    starts_on: i.starts_on ?? '',
    ends_on: i.ends_on ?? '',
    levels: [...i.levels],
    tags: i.tags.join(', '),
    budget_dkk: i.budget_dkk === null ? '' : String(i.budget_dkk),
    indicators: [...i.indicators].map((l) => ({ indicator: l.indicator, expected_direction: l.expected_direction })).sort((a, b) => a.indicator.localeCompare(b.indicator)),
  };
}

const EMPTY: Values = {
  title: '',
  summary: '',
  description: '',
  lead: '',
  partners: [],
  goals: [],
  status: 'idea',
  status_reason: '',
  visibility: 'partners',
  starts_on: '',
  ends_on: '',
  levels: [],
  tags: '',
  budget_dkk: '',
  indicators: [],
};

const tagsOf = (text: string) => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The whole body for a new initiative. */
export function createBody(v: Values): InitiativeCreate {
  return {
    title: v.title.trim(),
    summary: v.summary.trim() || null,
    description: v.description.trim() || null,
    lead: v.lead,
    partners: v.partners,
    goals: v.goals,
    status: v.status,
    status_reason: v.status_reason.trim() || null,
    visibility: v.visibility,
    starts_on: v.starts_on || null,
    ends_on: v.ends_on || null,
    levels: v.levels,
    tags: tagsOf(v.tags),
    budget_dkk: v.budget_dkk.trim() ? Number(v.budget_dkk.replace(/[.\s]/g, '')) : null,
    indicators: [...v.indicators].sort((a, b) => a.indicator.localeCompare(b.indicator)),
  };
}

/** The PATCH body: only what differs from the version being edited. */
export function changesFrom(base: Initiative, v: Values): InitiativeUpdate {
  const was = createBody(valuesOf(base));
  const now = createBody(v);
  const body: Record<string, unknown> = {};
  for (const k of Object.keys(now) as (keyof InitiativeCreate)[]) {
    if (!same(now[k], was[k])) body[k] = now[k];
  }
  return body as InitiativeUpdate;
}

type FieldName = (typeof TEXT_FIELDS)[number] | 'lead' | 'partners' | 'goals' | 'levels' | 'indicators';
const FIELD_IDS = Object.fromEntries(
  [...TEXT_FIELDS, 'lead', 'partners', 'goals', 'levels', 'indicators'].map((f) => [f, `ini-${f}`]),
) as Record<FieldName, string>;

/** The indicators the initiative aims at, each with the way it should move them. */
function IndicatorLinks({
  id,
  options,
  selected,
  onChange,
  error,
}: {
  id: string;
  options: { code: string; name: string }[];
  selected: IndicatorLink[];
  onChange: (next: IndicatorLink[]) => void;
  error?: string;
}) {
  const { t } = useI18n();
  const linked = new Map(selected.map((l) => [l.indicator, l.expected_direction]));
  const set = (code: string, direction: 'up' | 'down' | null) =>
    onChange(direction === null ? selected.filter((l) => l.indicator !== code) : [...selected.filter((l) => l.indicator !== code), { indicator: code, expected_direction: direction }]);
  return (
    <fieldset className={error ? 'form-group form-error' : 'form-group'} id={id} aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend className="form-label">{t('initiatives.field.indicators')}</legend>
      <span className="form-hint" id={`${id}-hint`}>
        {t('initiatives.field.indicatorsHint')}
      </span>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <ul className="indicator-links nobullet-list">
        {options.map((o) => {
          const direction = linked.get(o.code);
          return (
            <li key={o.code} data-indicator={o.code}>
              <div className="form-group-checkbox">
                <input
                  type="checkbox"
                  className="form-checkbox"
                  id={`${id}-${o.code}`}
                  checked={direction !== undefined}
                  onChange={(e) => set(o.code, e.target.checked ? 'up' : null)}
                />
                <label htmlFor={`${id}-${o.code}`}>{o.name}</label>
              </div>
              {direction !== undefined && (
                <div className="indicator-direction">
                  <label className="form-label" htmlFor={`${id}-${o.code}-direction`}>
                    {t('initiatives.field.expectedDirection', { name: o.name })}
                  </label>
                  <select
                    id={`${id}-${o.code}-direction`}
                    className="form-select"
                    value={direction}
                    onChange={(e) => set(o.code, e.target.value as 'up' | 'down')}
                  >
                    <option value="up">{t('initiatives.expected.up')}</option>
                    <option value="down">{t('initiatives.expected.down')}</option>
                  </select>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

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

function Checkboxes<T extends string>({
  id,
  legend,
  options,
  selected,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  options: { value: T; label: string }[];
  selected: T[];
  onChange: (next: T[]) => void;
  error?: string;
}) {
  return (
    <fieldset className={error ? 'form-group form-error' : 'form-group'} id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="form-label">{legend}</legend>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <div className="check-columns">
        {options.map((o) => (
          <div className="form-group-checkbox" key={o.value}>
            <input
              type="checkbox"
              className="form-checkbox"
              id={`${id}-${o.value}`}
              checked={selected.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((s) => s !== o.value))}
            />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function InitiativeForm({ initial }: { initial?: Initiative }) {
  const { t, locale } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const orgs = useQuery(organisationsQuery());
  const goals = useQuery(goalTreeQuery());
  const catalogue = useQuery(indicatorNamesQuery());
  const create = useCreateInitiative();
  const update = useUpdateInitiative(initial?.id ?? 0);
  const [base, setBase] = useState<Initiative | undefined>(initial);
  const [values, setValues] = useState<Values>(() => (initial ? valuesOf(initial) : EMPTY));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Initiative | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const parties = (orgs.data?.items ?? []).filter((o) => o.is_party);
  const leadOptions = parties.filter((o) => can(Permission.edit, o.slug));
  const lead = values.lead || leadOptions[0]?.slug || '';
  const goalOptions = (goals.data?.items ?? []).flatMap((g) => [
    { value: g.code, label: `${g.code} ${g.title}` },
    ...(g.sub_objectives ?? []).map((s) => ({ value: s.code, label: `${s.code} ${s.title}` })),
  ]);
  const set = (k: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.querySelector<HTMLElement>('[role=alert]')?.focus());
  const pending = create.isPending || update.isPending;

  const labels: Record<(typeof TEXT_FIELDS)[number], string> = {
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

  async function save(against: Initiative | undefined) {
    const v = { ...values, lead };
    const found: Record<string, string> = {};
    if (!v.title.trim()) found.title = t('form.required');
    if (v.budget_dkk.trim() && !/^[\d.\s]+$/.test(v.budget_dkk.trim())) found.budget_dkk = t('observations.enter.invalidNumber');
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length) return focusSummary();
    try {
      const saved = against
        ? await update.mutateAsync({ version: against.version, body: changesFrom(against, v) })
        : await create.mutateAsync(createBody(v));
      navigate(`/initiatives/${saved.id}`, { state: { flash: against ? 'form.saved' : 'initiatives.created' } });
    } catch (error) {
      if (isProblemError(error, 412) && initial) {
        try {
          setConflict(await fetchInitiative(initial.id));
        } catch (again) {
          setMessage(isProblemError(again) ? again.message : t('state.error.network'));
          focusSummary();
        }
      } else if (isProblemError(error)) {
        setErrors(fieldErrors(error.problem));
        setMessage(error.message);
        focusSummary();
      } else {
        setMessage(t('state.error.network'));
        focusSummary();
      }
    }
  }

  const conflictFields: ConflictField[] = conflict
    ? TEXT_FIELDS.map((f) => ({ name: f, label: labels[f], mine: String(values[f]), theirs: String(valuesOf(conflict)[f]) }))
    : [];

  return (
    <section className="initiative-form">
      <h1>{initial ? t('initiatives.edit.title', { title: base?.title ?? initial.title }) : t('initiatives.new')}</h1>
      {conflict && (
        <ConflictResolver
          title={t('initiatives.conflict.title')}
          fields={conflictFields}
          theirsVersion={conflict.version}
          busy={pending}
          onReload={() => {
            setBase(conflict);
            setValues(valuesOf(conflict));
            setConflict(null);
          }}
          onKeepMine={() => {
            const theirs = conflict;
            setBase(theirs);
            setConflict(null);
            void save(theirs);
          }}
        />
      )}
      <div ref={summaryRef}>
        <ErrorSummary errors={errors} fieldIds={FIELD_IDS} message={message} />
      </div>
      {orgs.isPending ? (
        <Loading />
      ) : (
        <form onSubmit={(e: FormEvent) => (e.preventDefault(), void save(base))} noValidate>
          <TextField id={FIELD_IDS.title} label={labels.title} value={values.title} onChange={set('title')} error={errors.title} className="form-input input-width-xl" />
          <TextArea id={FIELD_IDS.summary} label={labels.summary} value={values.summary} onChange={set('summary')} error={errors.summary} rows={2} />
          <TextArea
            id={FIELD_IDS.description}
            label={labels.description}
            hint={t('initiatives.field.descriptionHint')}
            value={values.description}
            onChange={set('description')}
            error={errors.description}
            rows={6}
          />
          <SelectField
            id={FIELD_IDS.lead}
            label={t('initiatives.field.lead')}
            value={lead}
            onChange={set('lead')}
            error={errors.lead}
            options={(initial && !leadOptions.some((o) => o.slug === initial.lead) ? parties.filter((o) => o.slug === initial.lead) : leadOptions).map((o) => ({
              value: o.slug,
              label: o.name,
            }))}
          />
          <Checkboxes
            id={FIELD_IDS.partners}
            legend={t('initiatives.field.partners')}
            options={parties.filter((o) => o.slug !== lead).map((o) => ({ value: o.slug, label: o.name }))}
            selected={values.partners}
            onChange={(partners) => setValues((v) => ({ ...v, partners }))}
            error={errors.partners}
          />
          <Checkboxes
            id={FIELD_IDS.goals}
            legend={t('initiatives.field.goals')}
            options={goalOptions}
            selected={values.goals}
            onChange={(g) => setValues((v) => ({ ...v, goals: g }))}
            error={errors.goals}
          />
          <IndicatorLinks
            id={FIELD_IDS.indicators}
            options={(catalogue.data?.items ?? []).map((i) => ({ code: i.code, name: locale === 'da' ? i.name_da : i.name_en }))}
            selected={values.indicators}
            onChange={(indicators) => setValues((v) => ({ ...v, indicators }))}
            error={errors.indicators}
          />
          <SelectField
            id={FIELD_IDS.status}
            label={labels.status}
            value={values.status}
            onChange={set('status')}
            error={errors.status}
            options={STATUSES.map((s) => ({ value: s, label: t(`initiatives.status.${s}`) }))}
          />
          {(values.status === 'paused' || values.status === 'stopped' || values.status_reason) && (
            <TextArea id={FIELD_IDS.status_reason} label={labels.status_reason} value={values.status_reason} onChange={set('status_reason')} error={errors.status_reason} rows={2} />
          )}
          <SelectField
            id={FIELD_IDS.visibility}
            label={labels.visibility}
            value={values.visibility}
            onChange={set('visibility')}
            error={errors.visibility}
            options={(['public', 'partners', 'restricted'] as const).map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
          />
          <TextField id={FIELD_IDS.starts_on} type="date" label={labels.starts_on} value={values.starts_on} onChange={set('starts_on')} error={errors.starts_on} className="form-input input-width-s" />
          <TextField id={FIELD_IDS.ends_on} type="date" label={labels.ends_on} value={values.ends_on} onChange={set('ends_on')} error={errors.ends_on} className="form-input input-width-s" />
          <Checkboxes
            id={FIELD_IDS.levels}
            legend={t('initiatives.field.levels')}
            options={LEVELS.map((l) => ({ value: l, label: t(`initiatives.level.${l}`) }))}
            selected={values.levels}
            onChange={(levels) => setValues((v) => ({ ...v, levels }))}
            error={errors.levels}
          />
          <TextField id={FIELD_IDS.tags} label={labels.tags} hint={t('initiatives.field.tagsHint')} value={values.tags} onChange={set('tags')} error={errors.tags} className="form-input input-width-xl" />
          <TextField id={FIELD_IDS.budget_dkk} label={labels.budget_dkk} value={values.budget_dkk} onChange={set('budget_dkk')} error={errors.budget_dkk} inputMode="numeric" className="form-input input-width-m" />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={pending || conflict !== null}>
              {pending ? t('form.saving') : t('form.save')}
            </button>
            <Link to={initial ? `/initiatives/${initial.id}` : '/initiatives'} className="button button-tertiary">
              {t('form.cancel')}
            </Link>
          </div>
        </form>
      )}
    </section>
  );
}
