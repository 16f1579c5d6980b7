/** Users: find one, or create one with a one-time password (shown once) and a first membership. */
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorSummary, SelectField, TextField } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { EmptyState, QueryView } from '@/components/states';
import { Permission } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { ROLES, useCreateUser, usersQuery, type User } from '../api';
import { userSchema } from '../forms';
import { AdminPage, OrganisationRoleFields, SecretOnce } from './shared';

export function UsersPage() {
  const { t, dateTime } = useI18n();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const query = useQuery(usersQuery(search));
  return (
    <AdminPage permission={Permission.manageOrgs} title={t('admin.users.title')}>
      <CreateUser />
      <form
        role="search"
        className="filters-row"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <TextField id="user-search" label={t('admin.users.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <div className="form-group">
          <button type="submit" className="button button-secondary">
            {t('admin.users.find')}
          </button>
        </div>
      </form>
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('admin.users.none')}</EmptyState>
          ) : (
            <ScrollTable label={t('admin.users.count', { count: page.total })}>
              <table className="table table--compact admin-users">
                <caption>{t('admin.users.count', { count: page.total })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.field.name')}</th>
                    <th scope="col">{t('admin.field.email')}</th>
                    <th scope="col">{t('admin.users.state')}</th>
                    <th scope="col">{t('admin.users.lastLogin')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((u: User) => (
                    <tr key={u.id} data-user={u.email}>
                      <th scope="row">
                        <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
                      </th>
                      <td>{u.email}</td>
                      <td>
                        {u.is_active ? t('admin.users.active') : <span className="badge badge-error">{t('admin.users.inactive')}</span>}
                        {u.must_change_password && <span className="meta"> · {t('admin.users.mustChange')}</span>}
                      </td>
                      <td>{u.last_login_at ? dateTime(u.last_login_at) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )
        }
      </QueryView>
    </AdminPage>
  );
}

function CreateUser() {
  const { t } = useI18n();
  const create = useCreateUser();
  const [created, setCreated] = useState<{ user: User; password: string } | null>(null);
  const form = useSchemaForm(userSchema, { email: '', name: '', language: 'da', organisation: '', role: 'viewer' });
  const { register, watch, setValue, reset, getValues, errors: problems } = form;
  const errors = problems.errors;
  const submit = form.submitWith(async (body) => {
    try {
      const result = await create.mutateAsync(body);
      setCreated({ user: result.user, password: result.one_time_password });
      reset({ ...getValues(), email: '', name: '' });
    } catch (error) {
      problems.fail(error, (field) => field.replace(/^memberships\.0\./, 'membership_'));
    }
  });

  return (
    <form className="admin-form" onSubmit={(e) => (setCreated(null), void submit(e))} noValidate aria-labelledby="user-new-title">
      <h2 id="user-new-title">{t('admin.users.new')}</h2>
      {created && (
        <SecretOnce
          label={t('admin.users.created', { name: created.user.name })}
          value={created.password}
          note={t('admin.users.createdNote', { email: created.user.email })}
        />
      )}
      <div ref={problems.summaryRef}>
        <ErrorSummary
          errors={errors}
          fieldIds={{ email: 'user-email', name: 'user-name', membership_organisation_id: 'user-org', membership_role: 'user-role' }}
          message={problems.message}
        />
      </div>
      <TextField id="user-email" type="email" label={t('admin.field.email')} {...register('email')} error={errors.email} autoComplete="off" />
      <TextField id="user-name" label={t('admin.field.name')} {...register('name')} error={errors.name} autoComplete="off" />
      <SelectField
        id="user-language"
        label={t('admin.field.language')}
        {...register('language')}
        options={[
          { value: 'da', label: 'Dansk' },
          { value: 'en', label: 'English' },
        ]}
      />
      <OrganisationRoleFields
        ids={{ organisation: 'user-org', role: 'user-role' }}
        first={t('admin.none')}
        hint={t('admin.users.orgHint')}
        roles={ROLES}
        organisation={watch('organisation')}
        onOrganisation={(slug) => setValue('organisation', slug)}
        role={watch('role')}
        onRole={(role) => setValue('role', role)}
        errors={{ organisation: errors.membership_organisation_id, role: errors.membership_role }}
      />
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {t('admin.users.create')}
      </button>
    </form>
  );
}
