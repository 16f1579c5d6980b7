/**
 * A working group's lifecycle beyond being proposed (admins): set it up (with the coordination
 * group's decision, when there is one), and dissolve it with a reason and a final summary (the
 * members' terms end that day).
 */
import '../bodies.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Navigate, useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { ErrorSummary, FormActions, SelectField, TextArea, TextField, useFormErrors } from '@/components/form';
import { NotFound, QueryView, Refusal, Skeleton, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { copenhagenParts } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { bodyKeys, bodyQuery, decisionsOfQuery, mandateQuery, useActivateBody, useDissolveBody, type Body } from '../api';
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
  value,
  onChange,
  error,
}: {
  parentId: number | null;
  kind: 'set_up_working_group' | 'dissolve_working_group';
  value: string;
  onChange: (v: string) => void;
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
      value={value}
      error={error}
      onChange={(e) => onChange(e.target.value)}
      options={[
        { value: '', label: items.length ? t('bodies.field.noDecision') : t('bodies.field.noDecisionsYet') },
        ...items.map((d) => ({ value: String(d.id), label: `${d.number} ${d.title} (${date(d.decided_on)})` })),
      ]}
    />
  );
}

function useLifecycleSubmit(body: Body) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const form = useFormErrors();
  const onError = (error: unknown) => {
    if (isProblemError(error, 412)) {
      void queryClient.invalidateQueries({ queryKey: bodyKeys.detail(body.id) });
      form.setMessage(t('bodies.changedMeanwhile'));
      form.focus();
    } else {
      form.fail(error);
    }
  };
  return { form, onError };
}

export function SetUpPage() {
  return <Guard allowed={(b) => b.status === 'proposed'}>{(b) => <SetUpForm body={b} />}</Guard>;
}

function SetUpForm({ body }: { body: Body }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const activate = useActivateBody(body);
  const { form, onError } = useLifecycleSubmit(body);
  const [on, setOn] = useState(today);
  const [decision, setDecision] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form.check(on ? {} : { set_up_on: t('form.required') })) return;
    activate.mutate(
      { set_up_on: on, decision_id: decision ? Number(decision) : null },
      { onSuccess: () => navigate(`/bodies/${body.id}`, { state: { flash: 'bodies.setUpDone' } }), onError },
    );
  }
  return (
    <Page body={body} title={t('bodies.setUp')} intro={t('bodies.setUpIntro')}>
      <div ref={form.summaryRef}>
        <ErrorSummary errors={form.errors} fieldIds={{ set_up_on: 'setup-on', decision_id: 'lifecycle-decision' }} message={form.message} />
      </div>
      <form onSubmit={submit} noValidate>
        <TextField id="setup-on" type="date" label={t('bodies.field.setUpOn')} value={on} error={form.errors.set_up_on} onChange={(e) => setOn(e.target.value)} className="form-input input-width-s" />
        <DecisionSelect parentId={body.parent_id} kind="set_up_working_group" value={decision} onChange={setDecision} error={form.errors.decision_id} />
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
  const navigate = useNavigate();
  const dissolve = useDissolveBody(body);
  const { form, onError } = useLifecycleSubmit(body);
  const [values, setValues] = useState({ dissolved_on: today(), reason: '', final_summary: '', decision: '' });
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    for (const k of ['dissolved_on', 'reason', 'final_summary'] as const) if (!values[k].trim()) found[k] = t('form.required');
    if (!form.check(found)) return;
    dissolve.mutate(
      {
        dissolved_on: values.dissolved_on,
        reason: values.reason.trim(),
        final_summary: values.final_summary.trim(),
        decision_id: values.decision ? Number(values.decision) : null,
      },
      { onSuccess: () => navigate(`/bodies/${body.id}`, { state: { flash: 'bodies.dissolveDone' } }), onError },
    );
  }
  return (
    <Page body={body} title={t('bodies.dissolve')} intro={t('bodies.dissolveIntro')}>
      <div ref={form.summaryRef}>
        <ErrorSummary errors={form.errors} fieldIds={DISSOLVE_IDS} message={form.message} />
      </div>
      <form onSubmit={submit} noValidate>
        <TextField id={DISSOLVE_IDS.dissolved_on} type="date" label={t('bodies.field.dissolvedOn')} value={values.dissolved_on} error={form.errors.dissolved_on} onChange={set('dissolved_on')} className="form-input input-width-s" />
        <TextArea id={DISSOLVE_IDS.reason} label={t('bodies.field.reason')} value={values.reason} error={form.errors.reason} onChange={set('reason')} rows={3} />
        <TextArea id={DISSOLVE_IDS.final_summary} label={t('bodies.finalSummary')} hint={t('bodies.field.finalSummaryHint')} value={values.final_summary} error={form.errors.final_summary} onChange={set('final_summary')} rows={6} />
        <DecisionSelect parentId={body.parent_id} kind="dissolve_working_group" value={values.decision} onChange={(v) => setValues((x) => ({ ...x, decision: v }))} error={form.errors.decision_id} />
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
