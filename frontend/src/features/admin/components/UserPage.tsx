/** One user: deactivate, reactivate, reset the password (a new one-time password, shown once) and
 * the memberships with a role per organisation. */
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useSchemaForm } from '@/components/schemaForm';
import { ErrorSummary } from '@/components/form';
import { EmptyState, NotFound, QueryView } from '@/components/states';
import { Permission } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import {
  membershipsQuery,
  organisationsQuery,
  ROLES,
  useCreateMembership,
  useDeleteMembership,
  useUpdateMembership,
  userQuery,
  useUserAction,
  type Membership,
  type Role,
  type User,
} from '../api';
import { AdminBreadcrumbs, AdminPage, OrganisationRoleFields, problemOf, SecretOnce } from './shared';
import { membershipSchema } from '../forms';

export function UserPage() {
  const { t } = useI18n();
  const id = Number(useParams().userId);
  const query = useQuery({ ...userQuery(id), enabled: Number.isInteger(id) && id > 0 });
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  return (
    <AdminPage permission={Permission.manageOrgs} title={query.data?.name ?? t('admin.users.title')}>
      <QueryView query={query}>{(user) => <UserView user={user} />}</QueryView>
    </AdminPage>
  );
}

function UserView({ user }: { user: User }) {
  const { t, dateTime } = useI18n();
  const act = useUserAction();
  const [password, setPassword] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(action: 'deactivate' | 'activate' | 'reset-password') {
    setMessage(null);
    setDone(null);
    setPassword(null);
    try {
      const result = await act.mutateAsync({ user, action });
      if ('one_time_password' in result) setPassword(result.one_time_password);
      else setDone(t(action === 'deactivate' ? 'admin.users.deactivated' : 'admin.users.activated'));
    } catch (error) {
      setMessage(problemOf(error, t('state.error.network')).message);
    }
  }

  return (
    <>
      <AdminBreadcrumbs trail={[{ to: '/admin/users', label: t('admin.users.title') }, { label: user.name }]} />
      <dl className="facts">
        <dt>{t('admin.field.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('admin.users.state')}</dt>
        <dd data-testid="user-state">
          {user.is_active ? t('admin.users.active') : t('admin.users.inactive')}
          {user.must_change_password && ` · ${t('admin.users.mustChange')}`}
        </dd>
        <dt>{t('admin.users.lastLogin')}</dt>
        <dd>{user.last_login_at ? dateTime(user.last_login_at) : '–'}</dd>
      </dl>
      {done && (
        <p className="alert alert-success" role="status">
          {done}
        </p>
      )}
      {password && <SecretOnce label={t('admin.users.newPassword', { name: user.name })} value={password} note={t('admin.users.createdNote', { email: user.email })} />}
      <ErrorSummary errors={{}} message={message} />
      <div className="inline-actions">
        {user.is_active ? (
          <button type="button" className="button button-secondary" disabled={act.isPending} onClick={() => void run('deactivate')}>
            {t('admin.users.deactivate')}
          </button>
        ) : (
          <button type="button" className="button button-secondary" disabled={act.isPending} onClick={() => void run('activate')}>
            {t('admin.users.activate')}
          </button>
        )}
        <button type="button" className="button button-secondary" disabled={act.isPending} onClick={() => void run('reset-password')}>
          {t('admin.users.reset')}
        </button>
      </div>
      <Memberships user={user} />
    </>
  );
}

function Memberships({ user }: { user: User }) {
  const { t } = useI18n();
  const query = useQuery(membershipsQuery(user.id));
  const orgs = useQuery(organisationsQuery());
  const update = useUpdateMembership();
  const remove = useDeleteMembership();
  const [message, setMessage] = useState<string | null>(null);
  const orgName = (id: number) => orgs.data?.items.find((o) => o.id === id)?.name ?? String(id);

  async function attempt(work: () => Promise<unknown>) {
    setMessage(null);
    try {
      await work();
    } catch (error) {
      setMessage(problemOf(error, t('state.error.network')).message);
    }
  }

  return (
    <section aria-labelledby="memberships" className="admin-section">
      <h2 id="memberships">{t('admin.memberships.title')}</h2>
      <ErrorSummary errors={{}} message={message} />
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('admin.memberships.none')}</EmptyState>
          ) : (
            <ScrollTable label={t('admin.memberships.title')}>
              <table className="table table--compact admin-memberships">
                <caption className="sr-only">{t('admin.memberships.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.field.organisation')}</th>
                    <th scope="col">{t('admin.field.role')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('admin.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((m: Membership) => (
                    <tr key={m.id} data-membership={m.id}>
                      <th scope="row">{orgName(m.organisation_id)}</th>
                      <td>
                        <label className="sr-only" htmlFor={`role-${m.id}`}>
                          {t('admin.memberships.roleIn', { organisation: orgName(m.organisation_id) })}
                        </label>
                        <select
                          id={`role-${m.id}`}
                          className="form-select"
                          value={m.role}
                          disabled={update.isPending}
                          onChange={(e) => void attempt(() => update.mutateAsync({ membership: m, role: e.target.value as Role }))}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {t(`admin.role.${r}`)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <button type="button" className="button button-tertiary" disabled={remove.isPending} onClick={() => void attempt(() => remove.mutateAsync(m))}>
                          {t('admin.memberships.remove')}
                          <span className="sr-only"> {orgName(m.organisation_id)}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )
        }
      </QueryView>
      <AddMembership user={user} />
    </section>
  );
}

function AddMembership({ user }: { user: User }) {
  const { t } = useI18n();
  const create = useCreateMembership();
  const form = useSchemaForm(membershipSchema(user.id), { organisation_id: '', role: 'viewer' });
  const { watch, setValue, reset, getValues, errors: problems } = form;
  const errors = problems.errors;
  const submit = form.submitWith(async (body) => {
    try {
      await create.mutateAsync(body);
      reset({ ...getValues(), organisation_id: '' });
    } catch (error) {
      problems.fail(error);
    }
  });

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="membership-new-title">
      <h3 id="membership-new-title">{t('admin.memberships.add')}</h3>
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={{ organisation_id: 'membership-org', role: 'membership-role' }} message={problems.message} />
      </div>
      <OrganisationRoleFields
        ids={{ organisation: 'membership-org', role: 'membership-role' }}
        first={t('admin.choose')}
        roles={ROLES}
        organisation={watch('organisation_id')}
        onOrganisation={(slug) => setValue('organisation_id', slug)}
        role={watch('role')}
        onRole={(role) => setValue('role', role)}
        errors={{ organisation: errors.organisation_id, role: errors.role }}
      />
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {t('admin.memberships.addButton')}
      </button>
    </form>
  );
}
