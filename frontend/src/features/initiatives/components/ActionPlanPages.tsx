/**
 * Action plans: the list; one plan with its working copy, its numbered revisions and (for those who
 * manage the agreement) approval linked to the board's decision. The diff of two revisions is
 * ActionPlanDiffPage.
 */
import { ScrollTable } from '@/components/ScrollTable';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { ErrorSummary, SelectField, TextArea } from '@/components/form';
import { CONTENT_LANG } from '@/components/RichText';
import { EmptyState, NotFound, QueryView, useDocumentTitle } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { useSchemaForm } from '@/components/schemaForm';
import {
  actionPlanQuery,
  actionPlansQuery,
  planDecisionsQuery,
  revisionsQuery,
  useApprovePlan,
  type ActionPlan,
  type PlanItem,
  type RevisionSummary,
} from '../plans-api';
import { approvePlanSchema } from '../planForm';
import { usePlanId } from './ActionPlanDiffPage';
import '@/components/blocks.css';
import './plans.css';

export function ActionPlansPage() {
  const { t, date } = useI18n();
  useDocumentTitle(t('plans.title'));
  const query = useQuery(actionPlansQuery());
  return (
    <section>
      <Breadcrumbs trail={[{ to: '/initiatives', label: t('initiatives.title') }, { label: t('plans.title') }]} />
      <h1>{t('plans.title')}</h1>
      <p className="font-lead">{t('plans.intro')}</p>
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('plans.none')}</EmptyState>
          ) : (
            <ul className="plain-list plan-list">
              {page.items.map((p) => (
                <li key={p.id} data-plan={p.id}>
                  <Link to={`/action-plans/${p.id}`} className="font-lead" lang={CONTENT_LANG}>
                    {p.title}
                  </Link>
                  <br />
                  <span className="meta">
                    {t('initiatives.dates', { from: date(p.period_start), to: date(p.period_end) })} · {t(`plans.state.${p.state}`)} ·{' '}
                    {t('plans.latest', { number: p.latest_revision })}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </section>
  );
}

export function ActionPlanPage() {
  const id = usePlanId();
  const query = useQuery({ ...actionPlanQuery(id ?? 0), enabled: id !== null });
  useDocumentTitle(query.data?.title);
  if (id === null) return <NotFound />;
  return <QueryView query={query}>{(plan) => <PlanView plan={plan} />}</QueryView>;
}

function ItemsTable({ items, caption }: { items: PlanItem[]; caption: string }) {
  const { t } = useI18n();
  if (items.length === 0) return <EmptyState>{t('plans.noItems')}</EmptyState>;
  return (
    <ScrollTable label={caption}>
      <table className="table table--compact plan-items">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('plans.priority')}</th>
            <th scope="col">{t('plans.initiative')}</th>
            <th scope="col">{t('plans.note')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.initiative_id}>
              <td className="num">{i.priority || '–'}</td>
              <th scope="row">
                <Link to={`/initiatives/${i.initiative_id}`} lang={CONTENT_LANG}>
                  {i.title}
                </Link>
              </th>
              <td lang={CONTENT_LANG}>{i.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function PlanView({ plan }: { plan: ActionPlan }) {
  const { t, date } = useI18n();
  const can = useCan();
  const revisions = useQuery(revisionsQuery(plan.id));
  return (
    <article className="action-plan">
      <Breadcrumbs trail={[{ to: '/initiatives', label: t('initiatives.title') }, { to: '/action-plans', label: t('plans.title') }, { label: plan.title }]} />
      <h1 lang={CONTENT_LANG}>{plan.title}</h1>
      <p className="meta">
        {t('initiatives.dates', { from: date(plan.period_start), to: date(plan.period_end) })} ·{' '}
        <span className={plan.state === 'draft' ? 'badge badge-warning' : 'badge badge-success'} data-state={plan.state}>
          {t(`plans.state.${plan.state}`)}
        </span>
      </p>
      <section aria-labelledby="plan-working">
        <h2 id="plan-working">{plan.state === 'draft' ? t('plans.working') : t('plans.current', { number: plan.latest_revision })}</h2>
        <ItemsTable items={plan.items} caption={t('plans.working')} />
      </section>
      {plan.state === 'draft' && can(Permission.manageAgreement) && <ApproveForm plan={plan} />}
      <section aria-labelledby="plan-revisions">
        <h2 id="plan-revisions">{t('plans.revisions')}</h2>
        <QueryView query={revisions}>
          {(page) => (page.items.length === 0 ? <EmptyState>{t('plans.noRevisions')}</EmptyState> : <Revisions plan={plan} revisions={page.items} />)}
        </QueryView>
      </section>
    </article>
  );
}

function Revisions({ plan, revisions }: { plan: ActionPlan; revisions: RevisionSummary[] }) {
  const { t, dateTime } = useI18n();
  const navigate = useNavigate();
  const last = revisions[revisions.length - 1]!.number;
  const [from, setFrom] = useState(String(Math.max(1, last - 1)));
  const [to, setTo] = useState(String(last));
  const options = revisions.map((r) => ({ value: String(r.number), label: t('plans.revision', { number: r.number }) }));
  return (
    <>
      <ScrollTable label={t('plans.revisions')}>
        <table className="table table--compact plan-revisions">
          <caption className="sr-only">{t('plans.revisions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('plans.revisionCol')}</th>
              <th scope="col">{t('plans.approvedAt')}</th>
              <th scope="col">{t('plans.approvedBy')}</th>
              <th scope="col">{t('plans.decision')}</th>
              <th scope="col">{t('plans.itemCount')}</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.number} data-revision={r.number}>
                <th scope="row">{t('plans.revision', { number: r.number })}</th>
                <td>{dateTime(r.approved_at)}</td>
                <td>{r.approved_by}</td>
                <td>{r.decision_id ? t('plans.decisionRef', { id: r.decision_id }) : '–'}</td>
                <td className="num">{r.item_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      {revisions.length > 1 && (
        <form
          className="filters-row plan-compare"
          aria-label={t('plans.compare')}
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            navigate(`/action-plans/${plan.id}/diff?from=${from}&to=${to}`);
          }}
        >
          <SelectField id="diff-from" label={t('plans.from')} value={from} onChange={(e) => setFrom(e.target.value)} options={options} />
          <SelectField id="diff-to" label={t('plans.to')} value={to} onChange={(e) => setTo(e.target.value)} options={options} />
          <div className="form-group">
            <button type="submit" className="button button-secondary">
              {t('plans.compare')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}

function ApproveForm({ plan }: { plan: ActionPlan }) {
  const { t, date } = useI18n();
  const decisions = useQuery(planDecisionsQuery());
  const approve = useApprovePlan(plan.id);
  const [done, setDone] = useState<number | null>(null);
  const form = useSchemaForm(approvePlanSchema, { decision_id: '', note: '' });
  const { register, errors: problems } = form;
  const errors = problems.errors;
  const submit = form.submitWith(async (body) => {
    try {
      const revision = await approve.mutateAsync({ version: plan.version, body });
      setDone(revision.number);
    } catch (error) {
      problems.fail(error);
    }
  });

  return (
    <form className="admin-form plan-approve" onSubmit={submit} aria-labelledby="plan-approve-title">
      <h2 id="plan-approve-title">{t('plans.approve')}</h2>
      <p>{t('plans.approveIntro', { number: plan.latest_revision + 1 })}</p>
      {done !== null && (
        <p className="alert alert-success" role="status">
          {t('plans.approved', { number: done })}
        </p>
      )}
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={{ decision_id: 'plan-decision', note: 'plan-note' }} message={problems.message} />
      </div>
      <SelectField
        id="plan-decision"
        label={t('plans.decision')}
        hint={t('plans.decisionHint')}
        {...register('decision_id')}
        error={errors.decision_id}
        options={[
          { value: '', label: t('plans.noDecision') },
          ...(decisions.data ?? []).map((d) => ({ value: String(d.id), label: `${d.number} ${d.title} (${date(d.decided_on)})` })),
        ]}
      />
      <TextArea id="plan-note" label={t('plans.note')} {...register('note')} error={errors.note} rows={2} />
      <button type="submit" className="button button-primary" disabled={approve.isPending}>
        {t('plans.approveButton')}
      </button>
    </form>
  );
}
