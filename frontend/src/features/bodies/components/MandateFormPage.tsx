/**
 * Start a new version of a body's kommissorium, or edit the draft (admins: bodies:manage). Field errors
 * from the server land beside the fields; a 412 on save shows the shared conflict resolver.
 */
import '../bodies.css';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { useConflict } from '@/components/ConflictResolver';
import { ErrorSummary, FormActions } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { NotFound, QueryView, Refusal, Skeleton, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { bodyQuery, fetchMandate, MANDATE_FIELDS, useCreateMandate, useUpdateMandate, type Body, type Mandate } from '../api';
import { EMPTY_MANDATE, mandateChanges, mandateSchema, mandateValues } from '../forms';
import { useBodyTrail } from './bits';
import { parseId } from './BodyPage';
import { MandateFields, mandateFieldId } from './MandateFields';

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
  const trail = useBodyTrail();
  const navigate = useNavigate();
  const title = initial ? t('mandates.editTitle', { number: initial.number }) : t('mandates.newTitle');
  useDocumentTitle(`${title} – ${body.name}`);
  const create = useCreateMandate();
  const update = useUpdateMandate();
  const form = useSchemaForm(mandateSchema, initial ? mandateValues(initial) : EMPTY_MANDATE);
  const { register, watch, reset, errors: problems } = form;
  const { base, conflict, failed, resolver } = useConflict(initial, problems.fail);
  const pending = create.isPending || update.isPending;
  const fieldIds = Object.fromEntries(MANDATE_FIELDS.map((f) => [f, mandateFieldId('mandate', f)]));
  const values = watch();

  const save = (against: Mandate | undefined) =>
    form.submitWith(async (draft) => {
      try {
        if (against) await update.mutateAsync({ mandate: against, body: mandateChanges(against, draft) });
        else await create.mutateAsync({ bodyId: body.id, data: draft });
        navigate(`/bodies/${body.id}#kommissorium`, { state: { flash: against ? 'form.saved' : 'mandates.created' } });
      } catch (error) {
        await failed(error, initial && (() => fetchMandate(initial.id)));
      }
    });

  return (
    <section className="mandate-form">
      <Breadcrumbs trail={trail(body, title)} />
      <h1>{title}</h1>
      <p className="font-lead">{t('mandates.formIntro', { body: body.name })}</p>
      {resolver({
        fields: (theirs) =>
          MANDATE_FIELDS.map((f) => ({ name: f, label: t(`mandates.field.${f}`), mine: values[f], theirs: mandateValues(theirs)[f] })),
        busy: pending,
        takeTheirs: (theirs) => reset(mandateValues(theirs)),
        keepMine: (theirs) => void save(theirs)(),
      })}
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={problems.errors} fieldIds={fieldIds} message={problems.message} />
      </div>
      <form onSubmit={save(base)} noValidate>
        <MandateFields field={(f) => register(f)} errors={problems.errors} prefix="mandate" />
        <FormActions
          submit={initial ? t('form.save') : t('mandates.saveDraft')}
          pending={pending}
          disabled={conflict !== null}
          cancel={`/bodies/${body.id}#kommissorium`}
        />
      </form>
    </section>
  );
}
