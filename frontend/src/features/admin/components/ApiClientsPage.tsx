/** API clients: partner systems and scripts, each of one organisation (chosen by name); the secret is
 * shown once, at creation and at each rotation; revoking removes the client. */
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSchemaForm } from '@/components/schemaForm';
import { ErrorSummary, TextField } from '@/components/form';
import { EmptyState, QueryView } from '@/components/states';
import { Permission } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { CLIENT_ROLES, clientsQuery, organisationsQuery, useCreateClient, useRevokeClient, useRotateClient, type ApiClient } from '../api';
import { AdminPage, OrganisationRoleFields, problemOf, SecretOnce } from './shared';
import { clientSchema } from '../forms';

export function ApiClientsPage() {
  const { t, dateTime } = useI18n();
  const query = useQuery(clientsQuery());
  const orgs = useQuery(organisationsQuery());
  const rotate = useRotateClient();
  const revoke = useRevokeClient();
  const [secret, setSecret] = useState<{ client: ApiClient; secret: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const orgName = (id: number) => orgs.data?.items.find((o) => o.id === id)?.name ?? String(id);

  async function attempt(work: () => Promise<void>) {
    setMessage(null);
    setRevoked(null);
    setSecret(null);
    try {
      await work();
    } catch (error) {
      setMessage(problemOf(error, t('state.error.network')).message);
    }
  }

  return (
    <AdminPage permission={Permission.manageOrgs} title={t('admin.clients.title')}>
      <p>{t('admin.clients.intro')}</p>
      <CreateClient onCreated={(client, value) => setSecret({ client, secret: value })} />
      {secret && (
        <SecretOnce
          label={t('admin.clients.secretFor', { name: secret.client.name, id: secret.client.client_id })}
          value={secret.secret}
          note={t('admin.clients.secretNote', { id: secret.client.client_id })}
        />
      )}
      {revoked && (
        <p className="alert alert-success" role="status">
          {t('admin.clients.revoked', { name: revoked })}
        </p>
      )}
      <ErrorSummary errors={{}} message={message} />
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('admin.clients.none')}</EmptyState>
          ) : (
            <ScrollTable label={t('admin.clients.title')}>
              <table className="table table--compact admin-clients">
                <caption className="sr-only">{t('admin.clients.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.field.name')}</th>
                    <th scope="col">{t('admin.clients.clientId')}</th>
                    <th scope="col">{t('admin.field.organisation')}</th>
                    <th scope="col">{t('admin.field.role')}</th>
                    <th scope="col">{t('admin.clients.lastUsed')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('admin.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((c) => (
                    <tr key={c.id} data-client={c.client_id}>
                      <th scope="row">{c.name}</th>
                      <td>
                        <code>{c.client_id}</code>
                      </td>
                      <td>{orgName(c.organisation_id)}</td>
                      <td>{t(`admin.role.${c.role}`)}</td>
                      <td>{c.last_used_at ? dateTime(c.last_used_at) : '–'}</td>
                      <td>
                        <div className="inline-actions">
                          <button
                            type="button"
                            className="button button-secondary"
                            disabled={rotate.isPending}
                            onClick={() =>
                              void attempt(async () => {
                                const result = await rotate.mutateAsync(c);
                                setSecret({ client: result.client, secret: result.client_secret });
                              })
                            }
                          >
                            {t('admin.clients.rotate')}
                            <span className="sr-only"> {c.name}</span>
                          </button>
                          <button
                            type="button"
                            className="button button-tertiary"
                            disabled={revoke.isPending}
                            onClick={() => {
                              if (!window.confirm(t('admin.clients.confirmRevoke', { name: c.name }))) return;
                              void attempt(async () => {
                                await revoke.mutateAsync(c);
                                setRevoked(c.name);
                              });
                            }}
                          >
                            {t('admin.clients.revoke')}
                            <span className="sr-only"> {c.name}</span>
                          </button>
                        </div>
                      </td>
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

function CreateClient({ onCreated }: { onCreated: (client: ApiClient, secret: string) => void }) {
  const { t } = useI18n();
  const create = useCreateClient();
  const form = useSchemaForm(clientSchema, { name: '', organisation_id: '', role: 'viewer' });
  const { register, watch, setValue, reset, getValues, errors: problems } = form;
  const errors = problems.errors;
  const submit = form.submitWith(async (body) => {
    try {
      const result = await create.mutateAsync(body);
      onCreated(result.client, result.client_secret);
      reset({ ...getValues(), name: '' });
    } catch (error) {
      problems.fail(error);
    }
  });

  return (
    <form className="admin-form" onSubmit={submit} noValidate aria-labelledby="client-new-title">
      <h2 id="client-new-title">{t('admin.clients.new')}</h2>
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={{ name: 'client-name', organisation_id: 'client-org', role: 'client-role' }} message={problems.message} />
      </div>
      <TextField id="client-name" label={t('admin.field.name')} hint={t('admin.clients.nameHint')} {...register('name')} error={errors.name} />
      <OrganisationRoleFields
        ids={{ organisation: 'client-org', role: 'client-role' }}
        first={t('admin.choose')}
        roles={CLIENT_ROLES}
        organisation={watch('organisation_id')}
        onOrganisation={(slug) => setValue('organisation_id', slug)}
        role={watch('role')}
        onRole={(role) => setValue('role', role)}
        errors={{ organisation: errors.organisation_id, role: errors.role }}
      />
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {t('admin.clients.create')}
      </button>
    </form>
  );
}
