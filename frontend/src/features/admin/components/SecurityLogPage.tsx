/** The security log: sign-ins, failed sign-ins, refused attempts, refresh-token reuse; newest first. */
import { Pager } from '@/components/Pager';
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { SelectField, TextField } from '@/components/form';
import { EmptyState, QueryView } from '@/components/states';
import { Permission } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { PAGE, securityQuery, type SecurityEventKind, type SecurityFilters } from '../api';
import { AdminPage } from './shared';

const KINDS: SecurityEventKind[] = [
  'login_succeeded',
  'login_failed',
  'login_refused',
  'client_auth_succeeded',
  'client_auth_failed',
  'refresh_reused',
  'password_changed',
  'logout',
];

export function SecurityLogPage() {
  const { t, dateTime } = useI18n();
  const [draft, setDraft] = useState<SecurityFilters>({});
  const [filters, setFilters] = useState<SecurityFilters>({});
  const [offset, setOffset] = useState(0);
  const query = useQuery(securityQuery(filters, offset));
  function apply(e: FormEvent) {
    e.preventDefault();
    setOffset(0);
    setFilters(draft);
  }
  return (
    <AdminPage permission={Permission.readAudit} title={t('admin.security.title')}>
      <form className="filters-row" onSubmit={apply} aria-label={t('admin.audit.filters')}>
        <SelectField
          id="security-kind"
          label={t('admin.security.kind')}
          value={draft.kind ?? ''}
          onChange={(e) => setDraft((d) => ({ ...d, kind: (e.target.value || undefined) as SecurityEventKind | undefined }))}
          options={[{ value: '', label: t('admin.all') }, ...KINDS.map((k) => ({ value: k, label: t(`admin.security.kind.${k}`) }))]}
        />
        <TextField id="security-subject" label={t('admin.security.subject')} hint={t('admin.security.subjectHint')} value={draft.subject ?? ''} onChange={(e) => setDraft((d) => ({ ...d, subject: e.target.value || undefined }))} />
        <div className="form-group">
          <button type="submit" className="button button-secondary">
            {t('admin.filter')}
          </button>
        </div>
      </form>
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('admin.security.none')}</EmptyState>
          ) : (
            <>
              <ScrollTable label={t('admin.showing', { from: offset + 1, to: offset + page.items.length, total: page.total })}>
                <table className="table table--compact security-events">
                  <caption>{t('admin.showing', { from: offset + 1, to: offset + page.items.length, total: page.total })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('admin.security.when')}</th>
                      <th scope="col">{t('admin.security.kind')}</th>
                      <th scope="col">{t('admin.security.subject')}</th>
                      <th scope="col">{t('admin.security.ip')}</th>
                      <th scope="col">{t('admin.security.detail')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((e) => (
                      <tr key={e.id} data-kind={e.kind}>
                        <td>
                          <time dateTime={e.occurred_at}>{dateTime(e.occurred_at)}</time>
                        </td>
                        <td>
                          <span className={e.kind.endsWith('failed') || e.kind === 'refresh_reused' || e.kind === 'login_refused' ? 'badge badge-error' : 'badge'}>
                            {t(`admin.security.kind.${e.kind}`)}
                          </span>
                        </td>
                        <td>{e.subject}</td>
                        <td>{e.ip ?? '–'}</td>
                        <td>{e.detail ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
              <Pager offset={offset} total={page.total} size={PAGE} shown={page.items.length} label={t('initiatives.pages')} onGo={setOffset} />
            </>
          )
        }
      </QueryView>
    </AdminPage>
  );
}
