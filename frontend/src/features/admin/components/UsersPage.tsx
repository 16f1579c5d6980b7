/** Users: find one, or create one with a one-time password (shown once) and a first membership. */
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorSummary, SelectField, TextField } from '@/components/form';
import { EmptyState, QueryView } from '@/components/states';
import { Permission } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { ROLES, useCreateUser, usersQuery, type Role, type User } from '../api';
import { AdminPage, OrganisationRoleFields, problemOf, SecretOnce } from './shared';

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
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<'da' | 'en'>('da');
  const [organisation, setOrganisation] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ user: User; password: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setMessage(null);
    setCreated(null);
    const found: Record<string, string> = {};
    if (!email.trim()) found.email = t('form.required');
    if (!name.trim()) found.name = t('form.required');
    if (Object.keys(found).length) return setErrors(found);
    try {
      const result = await create.mutateAsync({
        email: email.trim(),
        name: name.trim(),
        language,
        memberships: organisation ? [{ organisation_id: organisation, role }] : [],
      });
      setCreated({ user: result.user, password: result.one_time_password });
      setEmail('');
      setName('');
    } catch (error) {
      const p = problemOf(error, t('state.error.network'));
      setErrors(Object.fromEntries(Object.entries(p.errors).map(([k, v]) => [k.replace(/^memberships\.0\./, 'membership_'), v])));
      setMessage(p.message);
    }
  }

  return (
    <form className="admin-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="user-new-title">
      <h2 id="user-new-title">{t('admin.users.new')}</h2>
      {created && (
        <SecretOnce
          label={t('admin.users.created', { name: created.user.name })}
          value={created.password}
          note={t('admin.users.createdNote', { email: created.user.email })}
        />
      )}
      <ErrorSummary errors={errors} fieldIds={{ email: 'user-email', name: 'user-name', membership_organisation_id: 'user-org', membership_role: 'user-role' }} message={message} />
      <TextField id="user-email" type="email" label={t('admin.field.email')} value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} autoComplete="off" />
      <TextField id="user-name" label={t('admin.field.name')} value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoComplete="off" />
      <SelectField
        id="user-language"
        label={t('admin.field.language')}
        value={language}
        onChange={(e) => setLanguage(e.target.value as 'da' | 'en')}
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
        organisation={organisation}
        onOrganisation={setOrganisation}
        role={role}
        onRole={setRole}
        errors={{ organisation: errors.membership_organisation_id, role: errors.membership_role }}
      />
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {t('admin.users.create')}
      </button>
    </form>
  );
}
