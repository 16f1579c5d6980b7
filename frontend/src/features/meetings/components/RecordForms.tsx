/**
 * Recording from the minutes: a decision on an agenda item (typed, numbered by the API unless a
 * number is given, linked to what it authorises — the item's own links to start with) and an action
 * item (owner, organisation, due date).
 */
import { useQuery } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { errorsUnder, ErrorSummary, FormActions, SelectField, TextArea, TextField } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { useI18n } from '@/lib/i18n';
import { membersQuery, organisationsQuery, type AgendaItem, type Meeting } from '../api';
import { DECISION_KINDS } from '../kinds';
import { actionItemSchema, decisionSchema, OTHER_OWNER } from '../recordSchemas';
import { useCreateActionItem, useCreateDecision } from '../recordsApi';
import { LinkPicker, toPicked } from './LinkPicker';

export function DecisionForm({ meeting, item, onDone }: { meeting: Meeting; item: AgendaItem; onDone: () => void }) {
  const { t } = useI18n();
  const create = useCreateDecision(meeting.id);
  const form = useSchemaForm(decisionSchema(meeting.id, item.id), { kind: 'general', title: '', text: '', number: '', links: toPicked(item.links) });
  const { register, control, watch, errors: problems } = form;
  const errors = problems.errors;
  const base = `decision-${item.id}`;
  const ids = { kind: `${base}-kind`, title: `${base}-title`, text: `${base}-text`, number: `${base}-number` };
  const submit = form.submitWith(async (body) => {
    try {
      await create.mutateAsync(body);
      onDone();
    } catch (error) {
      problems.fail(error);
    }
  });
  return (
    <form className="record-form decision-form" onSubmit={submit} noValidate>
      <h4>{t('decisions.record')}</h4>
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={ids} message={problems.message} />
      </div>
      <SelectField
        id={ids.kind}
        label={t('decisions.field.kind')}
        hint={t(`decisions.kindHint.${watch('kind')}`)}
        {...register('kind')}
        error={errors.kind}
        options={DECISION_KINDS.map((k) => ({ value: k, label: t(`decisions.kind.${k}`) }))}
      />
      <TextField id={ids.title} label={t('decisions.field.title')} {...register('title')} error={errors.title} className="form-input input-width-xl" />
      <TextArea id={ids.text} label={t('decisions.field.text')} hint={t('markdown.hint')} {...register('text')} error={errors.text} rows={4} />
      <TextField
        id={ids.number}
        label={`${t('decisions.field.number')} ${t('form.optional')}`}
        hint={t('decisions.field.numberHint')}
        {...register('number')}
        error={errors.number}
        className="form-input input-width-s"
      />
      <Controller
        name="links"
        control={control}
        render={({ field }) => <LinkPicker value={field.value} onChange={field.onChange} error={errorsUnder(errors, 'links')} legend={t('decisions.field.links')} />}
      />
      <FormActions submit={t('decisions.record')} pending={create.isPending} cancel={onDone} />
    </form>
  );
}

export function ActionItemForm({ meeting, item, onDone }: { meeting: Meeting; item: AgendaItem; onDone: () => void }) {
  const { t } = useI18n();
  const create = useCreateActionItem(meeting.id);
  const members = useQuery(membersQuery(meeting.body_id));
  const orgs = useQuery(organisationsQuery());
  const people = (members.data?.items ?? []).filter((m) => m.current && m.user_id !== null);
  const form = useSchemaForm(actionItemSchema(meeting.id, item.id), { title: '', owner_user_id: '', owner_name: '', organisation_id: '', due_on: '', description: '' });
  const { register, control, watch, errors: problems } = form;
  const errors = problems.errors;
  const base = `action-${item.id}`;
  const ids = {
    title: `${base}-title`,
    owner_user_id: `${base}-owner`,
    owner_name: `${base}-owner-name`,
    organisation_id: `${base}-organisation`,
    due_on: `${base}-due`,
    description: `${base}-description`,
  };
  const owner = watch('owner_user_id');
  // until an organisation is chosen, the item goes to the owner's own
  const ownersOrganisation = people.find((m) => String(m.user_id) === owner)?.organisation_id ?? null;
  const submit = form.submitWith(async (body) => {
    try {
      await create.mutateAsync({ ...body, organisation_id: body.organisation_id ?? ownersOrganisation });
      onDone();
    } catch (error) {
      problems.fail(error);
    }
  });
  return (
    <form className="record-form action-form" onSubmit={submit} noValidate>
      <h4>{t('actions.create')}</h4>
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={ids} message={problems.message} />
      </div>
      <TextField id={ids.title} label={t('actions.field.title')} {...register('title')} error={errors.title} className="form-input input-width-xl" />
      <SelectField
        id={ids.owner_user_id}
        label={t('actions.field.owner')}
        hint={t('actions.field.ownerHint')}
        {...register('owner_user_id')}
        error={errors.owner_user_id}
        options={[
          { value: '', label: t('form.choose') },
          ...people.map((m) => ({ value: String(m.user_id), label: m.person_name })),
          { value: OTHER_OWNER, label: t('actions.field.otherOwner') },
        ]}
      />
      {owner === OTHER_OWNER && <TextField id={ids.owner_name} label={t('actions.field.ownerName')} {...register('owner_name')} error={errors.owner_name} />}
      <Controller
        name="organisation_id"
        control={control}
        render={({ field }) => (
          <SelectField
            id={ids.organisation_id}
            label={`${t('actions.field.organisation')} ${t('form.optional')}`}
            {...field}
            value={field.value || (ownersOrganisation !== null ? String(ownersOrganisation) : '')}
            error={errors.organisation_id}
            options={[{ value: '', label: t('actions.field.noOrganisation') }, ...(orgs.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.name }))]}
          />
        )}
      />
      <TextField
        id={ids.due_on}
        type="date"
        label={`${t('actions.field.dueOn')} ${t('form.optional')}`}
        {...register('due_on')}
        error={errors.due_on}
        className="form-input input-width-s"
      />
      <TextArea id={ids.description} label={`${t('actions.field.description')} ${t('form.optional')}`} {...register('description')} error={errors.description} rows={2} />
      <FormActions submit={t('actions.create')} pending={create.isPending} cancel={onDone} />
    </form>
  );
}
