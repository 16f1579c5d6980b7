/** Organisations: the parties and others; admins add one or change its name, kind and party status. */
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorSummary, SelectField, TextField } from '@/components/form';
import { QueryView } from '@/components/states';
import { Permission } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { ORGANISATION_KINDS, organisationsQuery, useCreateOrganisation, useUpdateOrganisation, type Organisation, type OrganisationKind } from '../api';
import { AdminPage, problemOf } from './shared';

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
  const [slug, setSlug] = useState('');
  const [name, setName] = useState(org?.name ?? '');
  const [kind, setKind] = useState<OrganisationKind>(org?.kind ?? 'other');
  const [party, setParty] = useState(org?.is_party ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const prefix = org ? `org-edit` : 'org-new';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    try {
      const result = org
        ? await update.mutateAsync({ org, body: { name, kind, is_party: party } })
        : await create.mutateAsync({ slug, name, kind, is_party: party });
      setSaved(result.name);
      if (!org) {
        setSlug('');
        setName('');
      }
      onDone();
    } catch (error) {
      const p = problemOf(error, t('state.error.network'));
      setErrors(p.errors);
      setMessage(p.message);
    }
  }

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{org ? t('admin.organisations.edit', { name: org.name }) : t('admin.organisations.new')}</h2>
      {saved && (
        <p className="alert alert-success" role="status">
          {t('admin.saved', { name: saved })}
        </p>
      )}
      <ErrorSummary errors={errors} fieldIds={{ slug: `${prefix}-slug`, name: `${prefix}-name`, kind: `${prefix}-kind` }} message={message} />
      {!org && (
        <TextField id={`${prefix}-slug`} label={t('admin.field.slug')} hint={t('admin.field.slugHint')} value={slug} onChange={(e) => setSlug(e.target.value)} error={errors.slug} />
      )}
      <TextField id={`${prefix}-name`} label={t('admin.field.name')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
      <SelectField
        id={`${prefix}-kind`}
        label={t('admin.field.kind')}
        value={kind}
        onChange={(e) => setKind(e.target.value as OrganisationKind)}
        error={errors.kind}
        options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}`) }))}
      />
      <div className="form-group-checkbox">
        <input id={`${prefix}-party`} type="checkbox" className="form-checkbox" checked={party} onChange={(e) => setParty(e.target.checked)} />
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
