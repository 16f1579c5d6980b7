/** The audit trail: who changed what, when, in which organisation, with each event's before and after. */
import { Pager } from '@/components/Pager';
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { SelectField, TextField } from '@/components/form';
import { EmptyState, QueryView } from '@/components/states';
import { Permission } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { auditQuery, organisationsQuery, PAGE, usersQuery, type AuditEvent, type AuditFilters } from '../api';
import { AdminPage } from './shared';

type Json = Record<string, unknown> | null;

function show(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 1);
}

/** The keys of before and after side by side; changed ones marked. */
export function BeforeAfter({ before, after }: { before: Json; after: Json }) {
  const { t } = useI18n();
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  const changed = (k: string) => JSON.stringify(before?.[k]) !== JSON.stringify(after?.[k]);
  return (
    <ScrollTable label={t('admin.audit.beforeAfter')}>
      <table className="table table--compact before-after">
        <caption className="sr-only">{t('admin.audit.beforeAfter')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.audit.field')}</th>
            <th scope="col">{t('admin.audit.before')}</th>
            <th scope="col">{t('admin.audit.after')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k} className={changed(k) ? 'changed' : undefined} data-field={k} data-changed={changed(k)}>
              <th scope="row">
                <code>{k}</code>
                {changed(k) && <span className="sr-only"> ({t('admin.audit.changed')})</span>}
              </th>
              <td>
                <pre className="audit-value">{before ? show(before[k]) : ''}</pre>
              </td>
              <td>
                <pre className="audit-value">{after ? show(after[k]) : ''}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function AuditLogPage() {
  const { t, dateTime } = useI18n();
  const [draft, setDraft] = useState<AuditFilters>({});
  const [filters, setFilters] = useState<AuditFilters>({});
  const [offset, setOffset] = useState(0);
  const query = useQuery(auditQuery(filters, offset));
  const users = useQuery(usersQuery(''));
  const orgs = useQuery(organisationsQuery());
  const orgName = (id: number | null) => (id === null ? '–' : (orgs.data?.items.find((o) => o.id === id)?.name ?? String(id)));
  const set = (k: keyof AuditFilters) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [k]: e.target.value === '' ? undefined : k === 'actor_id' || k === 'organisation_id' ? Number(e.target.value) : e.target.value }));

  function apply(e: FormEvent) {
    e.preventDefault();
    setOffset(0);
    setFilters(draft);
  }

  return (
    <AdminPage permission={Permission.readAudit} title={t('admin.audit.title')}>
      <form className="filters-row admin-filters" onSubmit={apply} aria-label={t('admin.audit.filters')}>
        <SelectField
          id="audit-actor"
          label={t('admin.audit.who')}
          value={String(draft.actor_id ?? '')}
          onChange={set('actor_id')}
          options={[{ value: '', label: t('admin.all') }, ...(users.data?.items ?? []).map((u) => ({ value: String(u.id), label: u.name }))]}
        />
        <TextField id="audit-action" label={t('admin.audit.what')} hint={t('admin.audit.whatHint')} value={draft.action ?? ''} onChange={set('action')} />
        <TextField id="audit-object-type" label={t('admin.audit.objectType')} hint={t('admin.audit.objectTypeHint')} value={draft.object_type ?? ''} onChange={set('object_type')} />
        <TextField id="audit-object-id" label={t('admin.audit.objectId')} value={draft.object_id ?? ''} onChange={set('object_id')} className="form-input input-width-xs" />
        <SelectField
          id="audit-org"
          label={t('admin.field.organisation')}
          value={String(draft.organisation_id ?? '')}
          onChange={set('organisation_id')}
          options={[{ value: '', label: t('admin.all') }, ...(orgs.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.name }))]}
        />
        <TextField id="audit-since" type="date" label={t('admin.audit.since')} value={draft.since ?? ''} onChange={set('since')} />
        <TextField id="audit-until" type="date" label={t('admin.audit.until')} value={draft.until ?? ''} onChange={set('until')} />
        <div className="form-group">
          <button type="submit" className="button button-secondary">
            {t('admin.filter')}
          </button>
        </div>
      </form>
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('admin.audit.none')}</EmptyState>
          ) : (
            <>
              <p>{t('admin.showing', { from: offset + 1, to: offset + page.items.length, total: page.total })}</p>
              <ol className="audit-events nobullet-list">
                {page.items.map((e: AuditEvent) => (
                  <li key={e.id} className="audit-event" data-action={e.action} data-object={`${e.object_type}:${e.object_id ?? ''}`}>
                    <details>
                      <summary>
                        <strong>{e.action}</strong> · {e.object_type}
                        {e.object_id && ` ${e.object_id}`} · {e.actor_name} · {orgName(e.organisation_id)} · <time dateTime={e.occurred_at}>{dateTime(e.occurred_at)}</time>
                      </summary>
                      {e.before || e.after ? <BeforeAfter before={e.before} after={e.after} /> : null}
                      {e.summary && <pre className="audit-value">{JSON.stringify(e.summary, null, 1)}</pre>}
                    </details>
                  </li>
                ))}
              </ol>
              <Pager offset={offset} total={page.total} size={PAGE} shown={page.items.length} label={t('initiatives.pages')} onGo={setOffset} />
            </>
          )
        }
      </QueryView>
    </AdminPage>
  );
}
