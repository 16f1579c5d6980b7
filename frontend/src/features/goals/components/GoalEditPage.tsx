import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router';
import { ConflictResolver, type ConflictField } from '@/components/ConflictResolver';
import { ErrorSummary, SelectField, TextArea, TextField } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { Loading, NotFound, QueryView, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { fetchGoal, useUpdateGoal, type Goal, type GoalUpdate, type Visibility } from '../api';
import { parseId } from './GoalDetailPage';

type EditableField = 'code' | 'title' | 'description' | 'visibility';
type Values = Record<Exclude<EditableField, 'visibility'>, string> & { visibility: Visibility };

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

/** What the form checks before sending; the PATCH body is then `changesFrom` the version edited. */
const goalSchema = z.object({
  code: z
    .string()
    .refine((s) => s.trim() !== '', 'form.required')
    .regex(CODE_PATTERN, 'goals.field.codeInvalid'),
  title: z.string().trim().min(1, 'form.required'),
  description: z.string(),
  visibility: z.enum(['public', 'partners', 'restricted']),
  note: z.string(),
}) satisfies z.ZodType<Values & { note: string }>;

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
  if (values.visibility !== was.visibility) body.visibility = values.visibility;
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
  const [conflict, setConflict] = useState<Goal | null>(null);
  const [loadingConflict, setLoadingConflict] = useState(false);
  const form = useSchemaForm(goalSchema, { ...valuesOf(initial), note: '' });
  const { register, watch, reset, getValues, errors: problems } = form;
  const errors = problems.errors;
  const values = watch();

  const labels: Record<EditableField, string> = {
    code: t('goals.field.code'),
    title: t('goals.field.title'),
    description: t('goals.field.description'),
    visibility: t('goals.field.visibility'),
  };

  // the values as typed (the schema only checks them): the code keeps its exact spelling
  const save = (against: Goal) =>
    form.submitWith(async () => {
      const { note, ...typed } = getValues();
      try {
        const saved = await update.mutateAsync({ version: against.version, body: changesFrom(against, typed, note) });
        navigate(`/goals/${saved.id}`, { state: { flash: 'form.saved' } });
      } catch (error) {
        if (!isProblemError(error, 412)) return problems.fail(error);
        setLoadingConflict(true);
        try {
          setConflict(await fetchGoal(initial.id));
        } catch (again) {
          problems.fail(again);
        } finally {
          setLoadingConflict(false);
        }
      }
    });

  function takeTheirs() {
    if (!conflict) return;
    setBase(conflict);
    reset({ ...valuesOf(conflict), note: getValues('note') });
    setConflict(null);
  }

  function keepMine() {
    if (!conflict) return;
    const theirs = conflict;
    setBase(theirs);
    setConflict(null);
    void save(theirs)();
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
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={FIELD_IDS} message={problems.message} />
      </div>
      <form onSubmit={save(base)} noValidate>
        <TextField
          id={FIELD_IDS.code}
          label={labels.code}
          hint={t('goals.field.codeHint')}
          {...register('code')}
          error={errors.code}
          className="form-input input-width-xs"
        />
        <TextArea
          id={FIELD_IDS.title}
          label={labels.title}
          {...register('title')}
          error={errors.title}
          rows={3}
        />
        <TextArea
          id={FIELD_IDS.description}
          label={labels.description}
          {...register('description')}
          error={errors.description}
          rows={6}
        />
        <SelectField
          id={FIELD_IDS.visibility}
          label={labels.visibility}
          {...register('visibility')}
          error={errors.visibility}
          options={visibilityOptions}
        />
        <TextField
          id={FIELD_IDS['amendment.note']}
          label={t('goals.field.note')}
          hint={t('goals.field.noteHint')}
          {...register('note')}
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
