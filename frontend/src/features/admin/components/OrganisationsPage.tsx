/** Organisations: the parties and others; admins add one or change its name, kind and party status. */
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSchemaForm } from '@/components/schemaForm';
import { ErrorSummary, SelectField, TextField } from '@/components/form';
import { QueryView } from '@/components/states';
import { Permission } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { ORGANISATION_KINDS, organisationsQuery, useCreateOrganisation, useUpdateOrganisation, type Organisation } from '../api';
import { AdminPage } from './shared';
import { organisationSchema } from '../forms';

export function OrganisationsPage() {
  const { t } = useI18n();
  const query = useQuery(organisationsQuery());
  const [editing, setEditing] = useState<Organisation | null>(null);
  return (
    <AdminPage permission={Permission.manageOrgs} title={t('admin.organisations.title')}>
      <QueryView query={query}>
        {(page) => (
          <ScrollTable label={t('admin.organisations.title')}>
            <table className="table table--compact admin-organisations">
              <caption className="sr-only">{t('admin.organisations.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.field.name')}</th>
                  <th scope="col">{t('admin.field.slug')}</th>
                  <th scope="col">{t('admin.field.kind')}</th>
                  <th scope="col">{t('admin.field.party')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('admin.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((o) => (
                  <tr key={o.id} data-organisation={o.slug}>
                    <th scope="row">{o.name}</th>
                    <td>
                      <code>{o.slug}</code>
                    </td>
                    <td>{t(`admin.kind.${o.kind}`)}</td>
                    <td>{o.is_party ? t('admin.yes') : t('admin.no')}</td>
                    <td>
                      <button type="button" className="button button-tertiary" onClick={() => setEditing(o)}>
                        {t('admin.edit')}
                        <span className="sr-only"> {o.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </QueryView>
      {editing ? <OrganisationForm key={editing.id} org={editing} onDone={() => setEditing(null)} /> : <OrganisationForm key="new" onDone={() => {}} />}
    </AdminPage>
  );
}

function OrganisationForm({ org, onDone }: { org?: Organisation; onDone: () => void }) {
  const { t } = useI18n();
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();
  const [saved, setSaved] = useState<string | null>(null);
  const form = useSchemaForm(organisationSchema, { slug: '', name: org?.name ?? '', kind: org?.kind ?? 'other', is_party: org?.is_party ?? false });
  const { register, reset, getValues, errors: problems } = form;
  const errors = problems.errors;
  const prefix = org ? `org-edit` : 'org-new';

  const submit = form.submitWith(async ({ slug, ...fields }) => {
    try {
      // an organisation keeps its slug: addresses and API clients use it
      const result = org ? await update.mutateAsync({ org, body: fields }) : await create.mutateAsync({ slug, ...fields });
      setSaved(result.name);
      if (!org) reset({ ...getValues(), slug: '', name: '' });
      onDone();
    } catch (error) {
      problems.fail(error);
    }
  });

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{org ? t('admin.organisations.edit', { name: org.name }) : t('admin.organisations.new')}</h2>
      {saved && (
        <p className="alert alert-success" role="status">
          {t('admin.saved', { name: saved })}
        </p>
      )}
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={{ slug: `${prefix}-slug`, name: `${prefix}-name`, kind: `${prefix}-kind` }} message={problems.message} />
      </div>
      {!org && <TextField id={`${prefix}-slug`} label={t('admin.field.slug')} hint={t('admin.field.slugHint')} {...register('slug')} error={errors.slug} />}
      <TextField id={`${prefix}-name`} label={t('admin.field.name')} {...register('name')} error={errors.name} />
      <SelectField
        id={`${prefix}-kind`}
        label={t('admin.field.kind')}
        {...register('kind')}
        error={errors.kind}
        options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}`) }))}
      />
      <div className="form-group-checkbox">
        <input id={`${prefix}-party`} type="checkbox" className="form-checkbox" {...register('is_party')} />
        <label htmlFor={`${prefix}-party`}>{t('admin.field.partyLabel')}</label>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={create.isPending || update.isPending}>
          {org ? t('form.save') : t('admin.organisations.create')}
        </button>
        {org && (
          <button type="button" className="button button-tertiary" onClick={onDone}>
            {t('form.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
