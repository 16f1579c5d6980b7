/**
 * A working group's lifecycle beyond being proposed (admins): set it up (with the coordination
 * group's decision, when there is one), and dissolve it with a reason and a final summary (the
 * members' terms end that day).
 */
import '../bodies.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Navigate, useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { ErrorSummary, FormActions, SelectField, TextArea, TextField, type useFormErrors } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { NotFound, QueryView, Refusal, Skeleton, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { copenhagenParts } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { bodyKeys, bodyQuery, decisionsOfQuery, mandateQuery, useActivateBody, useDissolveBody, type Body } from '../api';
import { dissolveSchema, setUpSchema } from '../forms';
import { useBodyTrail } from './bits';
import { parseId } from './BodyPage';

function today(): string {
  return copenhagenParts(new Date()).date;
}

function Guard({ allowed, children }: { allowed: (b: Body) => boolean; children: (b: Body) => ReactNode }) {
  const id = parseId(useParams().bodyId);
  const { status } = useAuth();
  const can = useCan();
  const body = useQuery({ ...bodyQuery(id ?? 0), enabled: id !== null });
  if (id === null) return <NotFound />;
  if (status === 'anonymous') return <Refusal status={401} />;
  if (status === 'signed-in' && !can(Permission.manageBodies)) return <Refusal status={403} />;
  return (
    <QueryView query={body} skeleton={<Skeleton lines={6} />}>
      {(b) => (allowed(b) ? children(b) : <Refusal status={403} />)}
    </QueryView>
  );
}

function Page({ body, title, intro, children }: { body: Body; title: string; intro: string; children: ReactNode }) {
  const trail = useBodyTrail();
  useDocumentTitle(`${title} – ${body.name}`);
  return (
    <section className="body-lifecycle">
      <Breadcrumbs trail={trail(body, title)} />
      <h1>{title}</h1>
      <p className="font-lead">{intro}</p>
      {children}
    </section>
  );
}

function DecisionSelect({
  parentId,
  kind,
  field,
  error,
}: {
  parentId: number | null;
  kind: 'set_up_working_group' | 'dissolve_working_group';
  field: UseFormRegisterReturn<'decision_id'>;
  error?: string;
}) {
  const { t, date } = useI18n();
  const decisions = useQuery({ ...decisionsOfQuery(parentId ?? 0, kind), enabled: parentId !== null });
  const items = decisions.data?.items ?? [];
  return (
    <SelectField
      id="lifecycle-decision"
      label={`${t('bodies.field.decision')} ${t('form.optional')}`}
      hint={t(`bodies.field.decisionHint.${kind}`)}
      {...field}
      error={error}
      options={[
        { value: '', label: items.length ? t('bodies.field.noDecision') : t('bodies.field.noDecisionsYet') },
        ...items.map((d) => ({ value: String(d.id), label: `${d.number} ${d.title} (${date(d.decided_on)})` })),
      ]}
    />
  );
}

/**
 * `finish(problems, step, flash)`: runs the step and returns to the body with the flash; a body changed
 * meanwhile (412) is reloaded and said so, anything else is shown as the server says.
 */
function useLifecycleStep(body: Body) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return async (problems: ReturnType<typeof useFormErrors>, step: () => Promise<unknown>, flash: string) => {
    try {
      await step();
      navigate(`/bodies/${body.id}`, { state: { flash } });
    } catch (error) {
      if (isProblemError(error, 412)) {
        void queryClient.invalidateQueries({ queryKey: bodyKeys.detail(body.id) });
        problems.setMessage(t('bodies.changedMeanwhile'));
        problems.focus();
      } else {
        problems.fail(error);
      }
    }
  };
}

export function SetUpPage() {
  return <Guard allowed={(b) => b.status === 'proposed'}>{(b) => <SetUpForm body={b} />}</Guard>;
}

const SET_UP_IDS = { set_up_on: 'setup-on', decision_id: 'lifecycle-decision' };

function SetUpForm({ body }: { body: Body }) {
  const { t } = useI18n();
  const activate = useActivateBody(body);
  const finish = useLifecycleStep(body);
  const form = useSchemaForm(setUpSchema, { set_up_on: today(), decision_id: '' });
  const { register, errors: problems } = form;
  const submit = form.submitWith((setUp) => finish(problems, () => activate.mutateAsync(setUp), 'bodies.setUpDone'));
  return (
    <Page body={body} title={t('bodies.setUp')} intro={t('bodies.setUpIntro')}>
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={problems.errors} fieldIds={SET_UP_IDS} message={problems.message} />
      </div>
      <form onSubmit={submit} noValidate>
        <TextField id={SET_UP_IDS.set_up_on} type="date" label={t('bodies.field.setUpOn')} {...register('set_up_on')} error={problems.errors.set_up_on} className="form-input input-width-s" />
        <DecisionSelect parentId={body.parent_id} kind="set_up_working_group" field={register('decision_id')} error={problems.errors.decision_id} />
        <FormActions submit={t('bodies.setUp')} pending={activate.isPending} cancel={`/bodies/${body.id}`} />
      </form>
    </Page>
  );
}

export function DissolvePage() {
  return (
    <Guard allowed={(b) => b.kind === 'working_group' && b.status === 'active'}>{(b) => <DissolveForm body={b} />}</Guard>
  );
}

const DISSOLVE_IDS = { dissolved_on: 'dissolve-on', reason: 'dissolve-reason', final_summary: 'dissolve-summary', decision_id: 'lifecycle-decision' };

function DissolveForm({ body }: { body: Body }) {
  const { t } = useI18n();
  const dissolve = useDissolveBody(body);
  const finish = useLifecycleStep(body);
  const form = useSchemaForm(dissolveSchema, { dissolved_on: today(), reason: '', final_summary: '', decision_id: '' });
  const { register, errors: problems } = form;
  const errors = problems.errors;
  const submit = form.submitWith((dissolution) => finish(problems, () => dissolve.mutateAsync(dissolution), 'bodies.dissolveDone'));
  return (
    <Page body={body} title={t('bodies.dissolve')} intro={t('bodies.dissolveIntro')}>
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={DISSOLVE_IDS} message={problems.message} />
      </div>
      <form onSubmit={submit} noValidate>
        <TextField id={DISSOLVE_IDS.dissolved_on} type="date" label={t('bodies.field.dissolvedOn')} {...register('dissolved_on')} error={errors.dissolved_on} className="form-input input-width-s" />
        <TextArea id={DISSOLVE_IDS.reason} label={t('bodies.field.reason')} {...register('reason')} error={errors.reason} rows={3} />
        <TextArea id={DISSOLVE_IDS.final_summary} label={t('bodies.finalSummary')} hint={t('bodies.field.finalSummaryHint')} {...register('final_summary')} error={errors.final_summary} rows={6} />
        <DecisionSelect parentId={body.parent_id} kind="dissolve_working_group" field={register('decision_id')} error={errors.decision_id} />
        <FormActions submit={t('bodies.dissolve')} pending={dissolve.isPending} cancel={`/bodies/${body.id}`} />
      </form>
    </Page>
  );
}

/** /mandates/:id (where links to a kommissorium lead): the version's row on its body's page. */
export function MandateRedirect() {
  const id = parseId(useParams().mandateId);
  const query = useQuery({ ...mandateQuery(id ?? 0), enabled: id !== null });
  if (id === null) return <NotFound />;
  return (
    <QueryView query={query} skeleton={<Skeleton lines={3} />}>
      {(m) => <Navigate to={`/bodies/${m.body_id}#mandate-${m.id}`} replace />}
    </QueryView>
  );
}
