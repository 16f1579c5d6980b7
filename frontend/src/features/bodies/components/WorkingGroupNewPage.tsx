/**
 * Set up a temporary working group under a coordination group, with its kommissorium as a draft
 * (admins). The group starts as proposed; the coordination group's decision sets it up, and the
 * partnership approves the kommissorium once it is submitted.
 */
import '../bodies.css';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { ErrorSummary, FormActions, TextArea, TextField, useFormErrors } from '@/components/form';
import { NotFound, QueryView, Refusal, Skeleton, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { Alert } from '@/components/Alert';
import { useI18n } from '@/lib/i18n';
import { bodyQuery, MANDATE_FIELDS, useCreateBody, useCreateMandate, type Body } from '../api';
import { useBodyTrail } from './bits';
import { parseId } from './BodyPage';
import { EMPTY_MANDATE, MandateFields, mandateBody, mandateFieldId, type MandateValues } from './MandateFields';

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

function NewGroupForm({ parent }: { parent: Body }) {
  const { t } = useI18n();
  const trail = useBodyTrail();
  const navigate = useNavigate();
  const title = t('bodies.newWorkingGroup');
  useDocumentTitle(title);
  const createBody = useCreateBody();
  const [created, setCreated] = useState<Body | null>(null);
  const createMandate = useCreateMandate();
  const [group, setGroup] = useState({ name: '', slug: '', purpose: '', description: '' });
  const [slugTouched, setSlugTouched] = useState(false);
  const [mandate, setMandate] = useState<MandateValues>(EMPTY_MANDATE);
  const form = useFormErrors();
  const slug = slugTouched ? group.slug : slugify(group.name);
  const pending = createBody.isPending || createMandate.isPending;
  const fieldIds = {
    ...GROUP_FIELDS,
    ...Object.fromEntries(MANDATE_FIELDS.map((f) => [`mandate.${f}`, mandateFieldId('wg-mandate', f)])),
  };
  const mandateErrors = Object.fromEntries(
    Object.entries(form.errors)
      .filter(([k]) => k.startsWith('mandate.'))
      .map(([k, v]) => [k.slice('mandate.'.length), v]),
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!group.name.trim()) found.name = t('form.required');
    if (!slug) found.slug = t('form.required');
    if (!group.purpose.trim()) found.purpose = t('form.required');
    if (!form.check(found)) return;
    let body = created;
    if (!body) {
      try {
        body = await createBody.mutateAsync({
          slug,
          kind: 'working_group',
          name: group.name.trim(),
          parent_id: parent.id,
          purpose: group.purpose.trim(),
          description: group.description.trim() || null,
        });
        setCreated(body);
      } catch (error) {
        return form.fail(error);
      }
    }
    try {
      const draft = mandateBody({ ...mandate, purpose: mandate.purpose.trim() || group.purpose });
      await createMandate.mutateAsync({ bodyId: body.id, data: draft });
      navigate(`/bodies/${body.id}`, { state: { flash: 'bodies.workingGroupCreated' } });
    } catch (error) {
      // the group exists now: keep it, and show the kommissorium's errors beside its fields
      form.fail(error, (field) => `mandate.${field}`);
    }
  }

  return (
    <section className="working-group-form">
      <Breadcrumbs trail={trail(parent, title)} />
      <h1>{title}</h1>
      <p className="font-lead">{t('bodies.newWorkingGroupIntro', { parent: parent.name })}</p>
      {created && (
        <Alert kind="info">{t('bodies.groupCreatedMandateMissing', { name: created.name })}</Alert>
      )}
      <div ref={form.summaryRef}>
        <ErrorSummary errors={form.errors} fieldIds={fieldIds} message={form.message} />
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset disabled={created !== null}>
          <legend className="h2">{t('bodies.theGroup')}</legend>
          <TextField
            id={GROUP_FIELDS.name}
            label={t('bodies.field.name')}
            value={group.name}
            error={form.errors.name}
            onChange={(e) => setGroup({ ...group, name: e.target.value })}
            className="form-input input-width-xl"
          />
          <TextField
            id={GROUP_FIELDS.slug}
            label={t('bodies.field.slug')}
            hint={t('bodies.field.slugHint')}
            value={slug}
            error={form.errors.slug}
            onChange={(e) => {
              setSlugTouched(true);
              setGroup({ ...group, slug: e.target.value });
            }}
            className="form-input input-width-xl"
          />
          <TextArea
            id={GROUP_FIELDS.purpose}
            label={t('bodies.field.purpose')}
            value={group.purpose}
            error={form.errors.purpose}
            rows={4}
            onChange={(e) => setGroup({ ...group, purpose: e.target.value })}
          />
          <TextArea
            id={GROUP_FIELDS.description}
            label={`${t('bodies.field.description')} ${t('form.optional')}`}
            value={group.description}
            error={form.errors.description}
            rows={3}
            onChange={(e) => setGroup({ ...group, description: e.target.value })}
          />
        </fieldset>
        <fieldset>
          <legend className="h2">{t('bodies.draftMandate')}</legend>
          <p className="form-hint">{t('bodies.draftMandateHint')}</p>
          <MandateFields values={mandate} onChange={setMandate} errors={mandateErrors} prefix="wg-mandate" />
        </fieldset>
        <FormActions submit={t('bodies.createWorkingGroup')} pending={pending} cancel={`/bodies/${parent.id}`} />
      </form>
    </section>
  );
}
