/**
 * Action items to follow up: the caller's own, their organisation's, or all they may see; overdue
 * items first, then the rest by due date. Owners (and those who run the body) mark an item done
 * with a note.
 */
import '../meetings.css';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '@/components/form';
import { QueryView, Refusal, Skeleton, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { organisationsQuery } from '../api';
import { actionItemsQuery, type ActionItemStatus, type ActionQuery } from '../recordsApi';
import { ActionItemTable } from './RecordLists';

type Scope = 'mine' | 'organisation' | 'all';
const SCOPES: Scope[] = ['mine', 'organisation', 'all'];
const STATUSES: (ActionItemStatus | 'any')[] = ['open', 'done', 'cancelled', 'any'];

export function ActionItemsPage() {
  const { t } = useI18n();
  const { status, me } = useAuth();
  const can = useCan();
  useDocumentTitle(t('actions.title'));
  if (status === 'anonymous') return <Refusal status={401} />;
  if (status === 'signed-in' && !can(Permission.read)) return <Refusal status={403} />;
  if (!me) return <Skeleton lines={6} />;
  return <ActionItems memberships={me.memberships.map((m) => m.organisation_id)} />;
}

function ActionItems({ memberships }: { memberships: number[] }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const orgs = useQuery(organisationsQuery());
  const scope = (SCOPES.includes(params.get('scope') as Scope) ? params.get('scope') : 'mine') as Scope;
  const state = (STATUSES.includes(params.get('status') as ActionItemStatus) ? params.get('status') : 'open') as ActionItemStatus | 'any';
  const myOrgs = [...new Set(memberships)];
  const org = Number(params.get('organisation')) || myOrgs[0];
  const base: ActionQuery = {
    ...(scope === 'mine' ? { mine: true } : {}),
    ...(scope === 'organisation' && org ? { organisation_id: org } : {}),
    ...(state === 'any' ? {} : { status: state }),
  };
  const showOverdue = state === 'open' || state === 'any';
  const overdue = useQuery({ ...actionItemsQuery({ ...base, overdue: true, limit: 200 }), enabled: showOverdue });
  const rest = useQuery(actionItemsQuery({ ...base, overdue: showOverdue ? false : undefined, limit: 200 }));
  const link = (changes: Record<string, string>) => `?${new URLSearchParams({ ...Object.fromEntries(params), ...changes }).toString()}`;
  const orgName = (id: number) => orgs.data?.items.find((o) => o.id === id)?.name ?? '…';
  return (
    <section className="action-items">
      <h1>{t('actions.title')}</h1>
      <p className="font-lead">{t('actions.intro')}</p>
      <nav aria-label={t('actions.scopes')} className="view-switch">
        <ul className="nobullet-list">
          {SCOPES.map((s) => (
            <li key={s}>
              <Link
                to={link({ scope: s })}
                aria-current={scope === s ? 'page' : undefined}
                className={scope === s ? 'button button-secondary active' : 'button button-tertiary'}
              >
                {t(`actions.scope.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="meetings-controls">
        {scope === 'organisation' && myOrgs.length > 1 && (
          <SelectField
            id="actions-org"
            label={t('actions.organisation')}
            value={String(org)}
            onChange={(e) => setParams(new URLSearchParams({ ...Object.fromEntries(params), organisation: e.target.value }))}
            options={myOrgs.map((id) => ({ value: String(id), label: orgName(id) }))}
          />
        )}
        <SelectField
          id="actions-status"
          label={t('actions.state')}
          value={state}
          onChange={(e) => setParams(new URLSearchParams({ ...Object.fromEntries(params), status: e.target.value }))}
          options={STATUSES.map((s) => ({ value: s, label: t(`actions.filter.${s}`) }))}
        />
      </div>
      {scope === 'organisation' && myOrgs.length === 1 && <p className="meta">{t('actions.forOrganisation', { name: orgName(org!) })}</p>}
      {showOverdue && (
        <section aria-labelledby="overdue-heading">
          <h2 id="overdue-heading">{t('actions.overdueTitle')}</h2>
          <QueryView query={overdue} skeleton={<Skeleton rows={2} lines={0} />}>
            {(page) => <ActionItemTable items={page.items} label={t('actions.overdueTitle')} showBody empty={t('actions.noneOverdue')} />}
          </QueryView>
        </section>
      )}
      <section aria-labelledby="rest-heading">
        <h2 id="rest-heading">{showOverdue ? t('actions.restTitle') : t(`actions.filter.${state}`)}</h2>
        <QueryView query={rest} skeleton={<Skeleton rows={4} lines={0} />}>
          {(page) => <ActionItemTable items={page.items} label={t('actions.restTitle')} showBody />}
        </QueryView>
      </section>
    </section>
  );
}
