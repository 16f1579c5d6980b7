/** A side-by-side diff of two numbered revisions of an action plan, items aligned by initiative. */
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { CONTENT_LANG } from '@/components/RichText';
import { ScrollTable } from '@/components/ScrollTable';
import { NotFound, QueryView, useDocumentTitle } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { actionPlanQuery, diffQuery, type PlanItem, type Revision, type RevisionDiff } from '../plans-api';
import '@/components/blocks.css';
import './plans.css';

/** The plan id of the address, or null when it is not one. */
export function usePlanId(): number | null {
  const id = Number(useParams().planId);
  return Number.isInteger(id) && id > 0 ? id : null;
}

type Row = { id: number; before?: PlanItem; after?: PlanItem; change: 'added' | 'removed' | 'changed' | 'same'; fields: string[] };

/** The two revisions' items aligned by initiative, each row marked with what happened to it. */
export function alignRevisions(before: Revision, after: Revision, diff: RevisionDiff): Row[] {
  const changed = new Map(diff.changed.map((c) => [c.initiative_id, c.fields]));
  const added = new Set(diff.added.map((i) => i.initiative_id));
  const removed = new Set(diff.removed.map((i) => i.initiative_id));
  const a = new Map(before.items.map((i) => [i.initiative_id, i]));
  const b = new Map(after.items.map((i) => [i.initiative_id, i]));
  const order = [...after.items.map((i) => i.initiative_id), ...before.items.map((i) => i.initiative_id).filter((id) => !b.has(id))];
  return order.map((id) => ({
    id,
    before: a.get(id),
    after: b.get(id),
    change: added.has(id) ? 'added' : removed.has(id) ? 'removed' : changed.has(id) ? 'changed' : 'same',
    fields: changed.get(id) ?? [],
  }));
}

export function ActionPlanDiffPage() {
  const { t } = useI18n();
  const id = usePlanId();
  const [params] = useSearchParams();
  const a = Number(params.get('from'));
  const b = Number(params.get('to'));
  const valid = id !== null && Number.isInteger(a) && Number.isInteger(b) && a > 0 && b > 0;
  const plan = useQuery({ ...actionPlanQuery(id ?? 0), enabled: valid });
  const query = useQuery({ ...diffQuery(id ?? 0, a, b), enabled: valid });
  useDocumentTitle(t('plans.diffTitle', { from: a, to: b }));
  if (!valid) return <NotFound />;
  const cell = (item: PlanItem | undefined, fields: string[], field: 'priority' | 'note') =>
    item ? <span className={fields.includes(field) ? 'diff-field-changed' : undefined}>{field === 'priority' ? item.priority || '–' : item.note}</span> : null;
  return (
    <article className="plan-diff">
      <Breadcrumbs
        trail={[
          { to: '/action-plans', label: t('plans.title') },
          { to: `/action-plans/${id}`, label: plan.data?.title ?? t('plans.title') },
          { label: t('plans.diffTitle', { from: a, to: b }) },
        ]}
      />
      <h1>{t('plans.diffTitle', { from: a, to: b })}</h1>
      <QueryView query={query}>
        {({ diff, before, after }) => {
          const rows = alignRevisions(before, after, diff);
          return (
            <>
              <p role="status">{t('plans.diffSummary', { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length })}</p>
              {diff.plan_changes.length > 0 && (
                <ul>
                  {diff.plan_changes.map((c) => (
                    <li key={c.field}>
                      {t('plans.fieldChange', { field: c.field, before: c.before ?? '–', after: c.after ?? '–' })}
                    </li>
                  ))}
                </ul>
              )}
              <ScrollTable label={t('plans.diffCaption', { from: a, to: b })}>
                <table className="table plan-diff-table">
                  <caption>{t('plans.diffCaption', { from: a, to: b })}</caption>
                  <thead>
                    <tr>
                      <th scope="col" rowSpan={2}>
                        {t('plans.initiative')}
                      </th>
                      <th scope="colgroup" colSpan={2}>
                        {t('plans.revision', { number: a })}
                      </th>
                      <th scope="colgroup" colSpan={2}>
                        {t('plans.revision', { number: b })}
                      </th>
                      <th scope="col" rowSpan={2}>
                        {t('plans.changeCol')}
                      </th>
                    </tr>
                    <tr>
                      <th scope="col">{t('plans.priority')}</th>
                      <th scope="col">{t('plans.note')}</th>
                      <th scope="col">{t('plans.priority')}</th>
                      <th scope="col">{t('plans.note')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.id} className={`diff-${r.change}`} data-change={r.change} data-initiative={r.id}>
                        <th scope="row" lang={CONTENT_LANG}>
                          <Link to={`/initiatives/${r.id}`}>{(r.after ?? r.before)?.title}</Link>
                        </th>
                        <td className="num">{cell(r.before, r.fields, 'priority')}</td>
                        <td lang={CONTENT_LANG}>{cell(r.before, r.fields, 'note')}</td>
                        <td className="num">{cell(r.after, r.fields, 'priority')}</td>
                        <td lang={CONTENT_LANG}>{cell(r.after, r.fields, 'note')}</td>
                        <td>
                          {r.change !== 'same' && <span className={`badge diff-badge-${r.change}`}>{t(`plans.change.${r.change}`)}</span>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            </>
          );
        }}
      </QueryView>
    </article>
  );
}
