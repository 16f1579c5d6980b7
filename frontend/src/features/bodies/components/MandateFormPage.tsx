/**
 * Start a new version of a body's kommissorium, or edit the draft (admins: bodies:manage). Field errors
 * from the server land beside the fields; a 412 on save shows the shared conflict resolver.
 */
import '../bodies.css';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { ConflictResolver } from '@/components/ConflictResolver';
import { ErrorSummary, useFormErrors } from '@/components/form';
import { NotFound, QueryView, Refusal, Skeleton, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import {
  bodyQuery,
  fetchMandate,
  MANDATE_FIELDS,
  useCreateMandate,
  useUpdateMandate,
  type Body,
  type Mandate,
  type MandateUpdate,
} from '../api';
import { parseId } from './BodyPage';
import { EMPTY_MANDATE, MandateFields, mandateBody, mandateFieldId, mandateValues, type MandateValues } from './MandateFields';

export function MandateFormPage() {
  const params = useParams();
  const bodyId = parseId(params.bodyId);
  const mandateId = params.mandateId === undefined ? undefined : parseId(params.mandateId);
  const { status } = useAuth();
  const can = useCan();
  const body = useQuery({ ...bodyQuery(bodyId ?? 0), enabled: bodyId !== null });
  const mandate = useQuery({
    queryKey: ['mandates', 'edit', mandateId],
    queryFn: () => fetchMandate(mandateId!),
    enabled: typeof mandateId === 'number',
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  if (bodyId === null || mandateId === null) return <NotFound />;
  if (status === 'anonymous') return <Refusal status={401} />;
  if (status === 'signed-in' && !can(Permission.manageBodies)) return <Refusal status={403} />;
  return (
    <QueryView query={body} skeleton={<Skeleton lines={6} />}>
      {(b) =>
        mandateId === undefined ? (
          <MandateForm body={b} />
        ) : (
          <QueryView query={mandate} skeleton={<Skeleton lines={6} />}>
            {(m) => (m.body_id !== b.id ? <NotFound /> : <MandateForm body={b} initial={m} />)}
          </QueryView>
        )
      }
    </QueryView>
  );
}

function MandateForm({ body, initial }: { body: Body; initial?: Mandate }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const title = initial ? t('mandates.editTitle', { number: initial.number }) : t('mandates.newTitle');
  useDocumentTitle(`${title} – ${body.name}`);
  const create = useCreateMandate();
  const update = useUpdateMandate();
  const [base, setBase] = useState<Mandate | undefined>(initial);
  const [values, setValues] = useState<MandateValues>(() => (initial ? mandateValues(initial) : EMPTY_MANDATE));
  const [conflict, setConflict] = useState<Mandate | null>(null);
  const form = useFormErrors();
  const pending = create.isPending || update.isPending;
  const fieldIds = Object.fromEntries(MANDATE_FIELDS.map((f) => [f, mandateFieldId('mandate', f)]));

  async function save(against: Mandate | undefined) {
    if (!form.check(values.purpose.trim() ? {} : { purpose: t('form.required') })) return;
    try {
      if (against) {
        const now = mandateBody(values);
        const was = mandateBody(mandateValues(against));
        const changes = Object.fromEntries(
          MANDATE_FIELDS.filter((f) => now[f] !== was[f]).map((f) => [f, now[f]]),
        ) as MandateUpdate;
        await update.mutateAsync({ mandate: against, body: changes });
      } else {
        await create.mutateAsync({ bodyId: body.id, data: mandateBody(values) });
      }
      navigate(`/bodies/${body.id}#kommissorium`, { state: { flash: against ? 'form.saved' : 'mandates.created' } });
    } catch (error) {
      if (isProblemError(error, 412) && initial) {
        try {
          setConflict(await fetchMandate(initial.id));
        } catch (again) {
          form.fail(again);
        }
      } else {
        form.fail(error);
      }
    }
  }

  return (
    <section className="mandate-form">
      <Breadcrumbs
        trail={[
          { label: t('bodies.title'), to: '/bodies' },
          { label: body.name, to: `/bodies/${body.id}` },
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      <p className="font-lead">{t('mandates.formIntro', { body: body.name })}</p>
      {conflict && (
        <ConflictResolver
          fields={MANDATE_FIELDS.map((f) => ({
            name: f,
            label: t(`mandates.field.${f}`),
            mine: values[f],
            theirs: mandateValues(conflict)[f],
          }))}
          theirsVersion={conflict.version}
          busy={pending}
          onReload={() => {
            setBase(conflict);
            setValues(mandateValues(conflict));
            setConflict(null);
          }}
          onKeepMine={() => {
            setBase(conflict);
            const theirs = conflict;
            setConflict(null);
            void save(theirs);
          }}
        />
      )}
      <div ref={form.summaryRef}>
        <ErrorSummary errors={form.errors} fieldIds={fieldIds} message={form.message} />
      </div>
      <form onSubmit={(e: FormEvent) => (e.preventDefault(), void save(base))} noValidate>
        <MandateFields values={values} onChange={setValues} errors={form.errors} prefix="mandate" />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={pending || conflict !== null}>
            {pending ? t('form.saving') : initial ? t('form.save') : t('mandates.saveDraft')}
          </button>
          <Link to={`/bodies/${body.id}#kommissorium`} className="button button-tertiary">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}
