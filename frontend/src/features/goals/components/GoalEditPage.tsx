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
import { fetchGoal, useUpdateGoal, type Goal, type GoalUpdate, type Visibility } from '../api';
import { parseId } from './GoalDetailPage';

type EditableField = 'code' | 'title' | 'description' | 'visibility';
type Values = Record<EditableField, string>;

/** The same rule as GoalUpdate.code in the OpenAPI document, checked early for a Danish message. */
const CODE_PATTERN = /^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/;
const FIELDS: EditableField[] = ['code', 'title', 'description', 'visibility'];
const FIELD_IDS: Record<string, string> = {
  code: 'goal-code',
  title: 'goal-title',
  description: 'goal-description',
  visibility: 'goal-visibility',
  'amendment.note': 'goal-note',
};

export function valuesOf(goal: Goal): Values {
  return { code: goal.code, title: goal.title, description: goal.description ?? '', visibility: goal.visibility };
}

/** The PATCH body: only what differs from the version the user is editing against. */
export function changesFrom(base: Goal, values: Values, note: string): GoalUpdate {
  const was = valuesOf(base);
  const body: GoalUpdate = {};
  if (values.code !== was.code) body.code = values.code;
  if (values.title !== was.title) body.title = values.title;
  if (values.description !== was.description) body.description = values.description || null;
  if (values.visibility !== was.visibility) body.visibility = values.visibility as Visibility;
  if (note.trim()) body.amendment = { note: note.trim() };
  return body;
}

export function GoalEditPage() {
  const id = parseId(useParams().goalId);
  const { status } = useAuth();
  const can = useCan();
  const location = useLocation();
  if (id === null) return <NotFound />;
  if (status === 'anonymous') return <Navigate to={`/login?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!can(Permission.manageAgreement)) return <NotFound />;
  return <GoalEditLoader id={id} />;
}

function GoalEditLoader({ id }: { id: number }) {
  // Always start from the server's current version, not a cached one.
  const query = useQuery({
    queryKey: ['goals', 'edit', id],
    queryFn: () => fetchGoal(id),
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const { t } = useI18n();
  useDocumentTitle(query.data ? t('goals.edit.title', { code: query.data.code }) : t('goals.edit'));
  return <QueryView query={query}>{(goal) => <GoalEditForm initial={goal} />}</QueryView>;
}

function GoalEditForm({ initial }: { initial: Goal }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const update = useUpdateGoal(initial.id);
  const [base, setBase] = useState<Goal>(initial);
  const [values, setValues] = useState<Values>(() => valuesOf(initial));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Goal | null>(null);
  const [loadingConflict, setLoadingConflict] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const labels: Record<EditableField, string> = {
    code: t('goals.field.code'),
    title: t('goals.field.title'),
    description: t('goals.field.description'),
    visibility: t('goals.field.visibility'),
  };
  const set = (field: EditableField) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));
  const focusSummary = () =>
    requestAnimationFrame(() => summary.current?.querySelector<HTMLElement>('[role=alert]')?.focus());

  async function save(against: Goal) {
    const found: Record<string, string> = {};
    if (!values.code.trim()) found.code = t('form.required');
    else if (!CODE_PATTERN.test(values.code)) found.code = t('goals.field.codeInvalid');
    if (!values.title.trim()) found.title = t('form.required');
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length) return focusSummary();
    try {
      const saved = await update.mutateAsync({ version: against.version, body: changesFrom(against, values, note) });
      navigate(`/goals/${saved.id}`, { state: { flash: 'form.saved' } });
    } catch (error) {
      if (isProblemError(error, 412)) {
        setLoadingConflict(true);
        try {
          setConflict(await fetchGoal(initial.id));
        } catch (again) {
          setMessage(isProblemError(again) ? again.message : t('state.error.network'));
          focusSummary();
        } finally {
          setLoadingConflict(false);
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

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(base);
  }

  function takeTheirs() {
    if (!conflict) return;
    setBase(conflict);
    setValues(valuesOf(conflict));
    setConflict(null);
  }

  function keepMine() {
    if (!conflict) return;
    const theirs = conflict;
    setBase(theirs);
    setConflict(null);
    void save(theirs);
  }

  const conflictFields: ConflictField[] = conflict
    ? FIELDS.map((f) => {
        const theirs = valuesOf(conflict)[f];
        const show = (v: string) => (f === 'visibility' ? t(`goals.visibility.${v as Visibility}`) : v);
        return { name: f, label: labels[f], mine: show(values[f]), theirs: show(theirs) };
      })
    : [];
  const visibilityOptions = (['public', 'partners', 'restricted'] as const).map((v) => ({
    value: v,
    label: t(`goals.visibility.${v}`),
  }));

  return (
    <section className="goal-edit">
      <h1>{t('goals.edit.title', { code: base.code })}</h1>
      {loadingConflict && <Loading label={t('conflict.loading')} />}
      {conflict && (
        <ConflictResolver
          fields={conflictFields}
          theirsVersion={conflict.version}
          onReload={takeTheirs}
          onKeepMine={keepMine}
          busy={update.isPending}
        />
      )}
      <div ref={summary}>
        <ErrorSummary errors={errors} fieldIds={FIELD_IDS} message={message} />
      </div>
      <form onSubmit={submit} noValidate>
        <TextField
          id={FIELD_IDS.code}
          label={labels.code}
          hint={t('goals.field.codeHint')}
          value={values.code}
          onChange={set('code')}
          error={errors.code}
          className="form-input input-width-xs"
        />
        <TextArea
          id={FIELD_IDS.title}
          label={labels.title}
          value={values.title}
          onChange={set('title')}
          error={errors.title}
          rows={3}
        />
        <TextArea
          id={FIELD_IDS.description}
          label={labels.description}
          value={values.description}
          onChange={set('description')}
          error={errors.description}
          rows={6}
        />
        <SelectField
          id={FIELD_IDS.visibility}
          label={labels.visibility}
          value={values.visibility}
          onChange={set('visibility')}
          error={errors.visibility}
          options={visibilityOptions}
        />
        <TextField
          id={FIELD_IDS['amendment.note']}
          label={t('goals.field.note')}
          hint={t('goals.field.noteHint')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={errors['amendment.note']}
          className="form-input input-width-xl"
        />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={update.isPending || conflict !== null}>
            {update.isPending ? t('form.saving') : t('form.save')}
          </button>
          <Link to={`/goals/${initial.id}`} className="button button-tertiary">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
