/**
 * Set up a temporary working group under a coordination group, with its kommissorium as a draft
 * (admins). The group starts as proposed; the coordination group's decision sets it up, and the
 * partnership approves the kommissorium once it is submitted.
 */
import '../bodies.css';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { ErrorSummary, FormActions, TextArea, TextField } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { NotFound, QueryView, Refusal, Skeleton, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { Alert } from '@/components/Alert';
import { useI18n } from '@/lib/i18n';
import { bodyQuery, MANDATE_FIELDS, useCreateBody, useCreateMandate, type Body } from '../api';
import { EMPTY_MANDATE, workingGroupSchema } from '../forms';
import { useBodyTrail } from './bits';
import { parseId } from './BodyPage';
import { MandateFields, mandateFieldId } from './MandateFields';

/** "Arbejdsgruppe for tryghed i området" → "arbejdsgruppe-for-tryghed-i-omraadet". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

export function WorkingGroupNewPage() {
  const parentId = parseId(useParams().bodyId);
  const { status } = useAuth();
  const can = useCan();
  const parent = useQuery({ ...bodyQuery(parentId ?? 0), enabled: parentId !== null });
  if (parentId === null) return <NotFound />;
  if (status === 'anonymous') return <Refusal status={401} />;
  if (status === 'signed-in' && !can(Permission.manageBodies)) return <Refusal status={403} />;
  return (
    <QueryView query={parent} skeleton={<Skeleton lines={8} />}>
      {(p) => (p.kind === 'coordination_group' && p.status === 'active' ? <NewGroupForm parent={p} /> : <Refusal status={403} />)}
    </QueryView>
  );
}

const GROUP_FIELDS = { name: 'wg-name', slug: 'wg-slug', purpose: 'wg-purpose', description: 'wg-description' };

/** The error keys of the form's two parts: `group.name`, `mandate.purpose`, … */
const underErrors = (errors: Record<string, string>, part: string) =>
  Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => k.startsWith(`${part}.`))
      .map(([k, v]) => [k.slice(part.length + 1), v]),
  );

function NewGroupForm({ parent }: { parent: Body }) {
  const { t } = useI18n();
  const trail = useBodyTrail();
  const navigate = useNavigate();
  const title = t('bodies.newWorkingGroup');
  useDocumentTitle(title);
  const createBody = useCreateBody();
  const [created, setCreated] = useState<Body | null>(null);
  const createMandate = useCreateMandate();
  const form = useSchemaForm(workingGroupSchema(parent.id), { group: { name: '', slug: '', purpose: '', description: '' }, mandate: EMPTY_MANDATE });
  const { register, setValue, getFieldState, errors: problems } = form;
  const pending = createBody.isPending || createMandate.isPending;
  const fieldIds = {
    ...Object.fromEntries(Object.entries(GROUP_FIELDS).map(([f, id]) => [`group.${f}`, id])),
    ...Object.fromEntries(MANDATE_FIELDS.map((f) => [`mandate.${f}`, mandateFieldId('wg-mandate', f)])),
  };
  const groupErrors = underErrors(problems.errors, 'group');
  const mandateErrors = underErrors(problems.errors, 'mandate');
  // the slug follows the name until it is edited itself
  const name = register('group.name', {
    onChange: (e: { target: { value: string } }) => {
      if (!getFieldState('group.slug').isDirty) setValue('group.slug', slugify(e.target.value));
    },
  });

  const submit = form.submitWith(async ({ group, mandate }) => {
    let body = created;
    if (!body) {
      try {
        body = await createBody.mutateAsync(group);
        setCreated(body);
      } catch (error) {
        return problems.fail(error, (field) => `group.${field}`);
      }
    }
    try {
      await createMandate.mutateAsync({ bodyId: body.id, data: mandate });
      navigate(`/bodies/${body.id}`, { state: { flash: 'bodies.workingGroupCreated' } });
    } catch (error) {
      // the group exists now: keep it, and show the kommissorium's errors beside its fields
      problems.fail(error, (field) => `mandate.${field}`);
    }
  });

  return (
    <section className="working-group-form">
      <Breadcrumbs trail={trail(parent, title)} />
      <h1>{title}</h1>
      <p className="font-lead">{t('bodies.newWorkingGroupIntro', { parent: parent.name })}</p>
      {created && (
        <Alert kind="info">{t('bodies.groupCreatedMandateMissing', { name: created.name })}</Alert>
      )}
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={problems.errors} fieldIds={fieldIds} message={problems.message} />
      </div>
      <form onSubmit={submit} noValidate>
        <fieldset disabled={created !== null}>
          <legend className="h2">{t('bodies.theGroup')}</legend>
          <TextField
            id={GROUP_FIELDS.name}
            label={t('bodies.field.name')}
            {...name}
            error={groupErrors.name}
            className="form-input input-width-xl"
          />
          <TextField
            id={GROUP_FIELDS.slug}
            label={t('bodies.field.slug')}
            hint={t('bodies.field.slugHint')}
            {...register('group.slug')}
            error={groupErrors.slug}
            className="form-input input-width-xl"
          />
          <TextArea
            id={GROUP_FIELDS.purpose}
            label={t('bodies.field.purpose')}
            {...register('group.purpose')}
            error={groupErrors.purpose}
            rows={4}
          />
          <TextArea
            id={GROUP_FIELDS.description}
            label={`${t('bodies.field.description')} ${t('form.optional')}`}
            {...register('group.description')}
            error={groupErrors.description}
            rows={3}
          />
        </fieldset>
        <fieldset>
          <legend className="h2">{t('bodies.draftMandate')}</legend>
          <p className="form-hint">{t('bodies.draftMandateHint')}</p>
          <MandateFields field={(f) => register(`mandate.${f}`)} errors={mandateErrors} prefix="wg-mandate" />
        </fieldset>
        <FormActions submit={t('bodies.createWorkingGroup')} pending={pending} cancel={`/bodies/${parent.id}`} />
      </form>
    </section>
  );
}
