/**
 * A body's kommissorium: the version in force in full, and every version with its state
 * (draft → submitted → approved, with the approving decision → superseded) and what the caller may
 * do with it: edit and submit a draft, approve a submitted one with the partnership's decision, start
 * a new version; and a side-by-side comparison of two versions.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { CONTENT_LANG, RichText } from '@/components/RichText';
import { ScrollTable } from '@/components/ScrollTable';
import { EmptyState, QueryView, Skeleton } from '@/components/states';
import { Permission, useCan } from '@/lib/can';
import { FormActions, SelectField } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import {
  bodiesQuery,
  decisionsOfQuery,
  MANDATE_FIELDS,
  mandatesQuery,
  useApproveMandate,
  useSubmitMandate,
  type Body,
  type Mandate,
} from '../api';
import { approveMandateSchema } from '../forms';
import { MandateStatusTag } from './bits';

export function MandateText({ mandate, headingLevel = 4 }: { mandate: Mandate; headingLevel?: 3 | 4 }) {
  const { t } = useI18n();
  return (
    <dl className="mandate-text">
      {MANDATE_FIELDS.filter((f) => mandate[f]).map((f) => (
        <div key={f}>
          <dt>{t(`mandates.field.${f}`)}</dt>
          <dd>
            <RichText text={mandate[f]} headingLevel={headingLevel === 3 ? 4 : 4} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function MandateSection({ body }: { body: Body }) {
  const { t } = useI18n();
  const can = useCan();
  const query = useQuery(mandatesQuery(body.id));
  const manages = can(Permission.manageBodies);
  return (
    <section aria-labelledby="kommissorium" className="body-section">
      <h2 id="kommissorium">{t('mandates.title')}</h2>
      <QueryView query={query} skeleton={<Skeleton lines={4} />}>
        {(page) => {
          const versions = page.items;
          const inForce = versions.find((m) => m.id === body.mandate_in_force_id);
          const open = versions.find((m) => m.status === 'draft' || m.status === 'submitted');
          return (
            <>
              {inForce ? (
                <div className="mandate-in-force" lang={CONTENT_LANG}>
                  <p className="meta">{t('mandates.inForce', { number: inForce.number })}</p>
                  <MandateText mandate={inForce} />
                </div>
              ) : (
                <EmptyState>{t('mandates.noneInForce')}</EmptyState>
              )}
              {versions.length > 0 && (
                <>
                  <h3>{t('mandates.versions')}</h3>
                  <VersionsTable body={body} versions={versions} manages={manages} />
                </>
              )}
              <div className="button-row">
                {versions.length >= 2 && (
                  <Link className="button button-secondary" to={`/bodies/${body.id}/mandates/compare`}>
                    {t('mandates.compare')}
                  </Link>
                )}
                {manages && !open && body.status !== 'dissolved' && (
                  <Link className="button button-secondary" to={`/bodies/${body.id}/mandates/new`}>
                    {versions.length ? t('mandates.newVersion') : t('mandates.first')}
                  </Link>
                )}
              </div>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function VersionsTable({ body, versions, manages }: { body: Body; versions: Mandate[]; manages: boolean }) {
  const { t, date } = useI18n();
  return (
    <ScrollTable label={t('mandates.versions')}>
      <table className="table table--compact mandate-versions">
        <thead>
          <tr>
            <th scope="col">{t('mandates.version')}</th>
            <th scope="col">{t('mandates.state')}</th>
            <th scope="col">{t('mandates.submittedAt')}</th>
            <th scope="col">{t('mandates.approvedAt')}</th>
            {manages && <th scope="col">{t('mandates.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {versions.map((m) => (
            <tr key={m.id} id={`mandate-${m.id}`} data-mandate={m.id} data-status={m.status}>
              <th scope="row">{t('mandates.versionNumber', { number: m.number })}</th>
              <td>
                <MandateStatusTag status={m.status} />
                {m.superseded_by_id && (
                  <span className="meta">
                    {' '}
                    {t('mandates.supersededBy', {
                      number: versions.find((v) => v.id === m.superseded_by_id)?.number ?? '?',
                    })}
                  </span>
                )}
              </td>
              <td>{m.submitted_at ? date(m.submitted_at) : '–'}</td>
              <td>
                {m.approved_at ? date(m.approved_at) : '–'}
                {m.approved_decision_id && (
                  <>
                    {' '}
                    <Link to={`/decisions/${m.approved_decision_id}`} data-approving-decision>
                      {t('mandates.approvingDecision')}
                    </Link>
                  </>
                )}
              </td>
              {manages && (
                <td>
                  <VersionActions body={body} mandate={m} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function VersionActions({ body, mandate }: { body: Body; mandate: Mandate }) {
  const { t } = useI18n();
  const submit = useSubmitMandate();
  const [approving, setApproving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (mandate.status === 'draft') {
    return (
      <div className="row-actions">
        <Link to={`/bodies/${body.id}/mandates/${mandate.id}/edit`}>{t('mandates.edit')}</Link>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={submit.isPending}
          onClick={() =>
            submit.mutate(mandate, {
              onError: (e) => setError(isProblemError(e, 412) ? t('mandates.changedMeanwhile') : isProblemError(e) ? e.message : t('state.error.network')),
            })
          }
        >
          {t('mandates.submit')}
        </button>
        {error && (
          <p className="form-error-message" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }
  if (mandate.status === 'submitted') {
    return approving ? (
      <ApproveForm mandate={mandate} onDone={() => setApproving(false)} />
    ) : (
      <button type="button" className="button button-secondary button-small" onClick={() => setApproving(true)}>
        {t('mandates.approve')}
      </button>
    );
  }
  return null;
}

/** Approve a submitted version by naming the partnership's approve_mandate decision. */
function ApproveForm({ mandate, onDone }: { mandate: Mandate; onDone: () => void }) {
  const { t, date } = useI18n();
  const bodies = useQuery(bodiesQuery());
  const partnership = bodies.data?.items.find((b) => b.kind === 'partnership');
  const decisions = useQuery({ ...decisionsOfQuery(partnership?.id ?? 0, 'approve_mandate'), enabled: Boolean(partnership) });
  const approve = useApproveMandate();
  const form = useSchemaForm(approveMandateSchema, { decision_id: '' });
  const { register, errors: problems } = form;
  const id = `approve-${mandate.id}`;
  const submit = form.submitWith(async (body) => {
    try {
      await approve.mutateAsync({ mandate, body });
      onDone();
    } catch (error) {
      problems.fail(error);
    }
  });
  // one field: what the server says, about it or in general, is shown beside it
  const error = problems.errors.decision_id ?? problems.message ?? undefined;
  const options = decisions.data?.items ?? [];
  return (
    <form onSubmit={submit} className="inline-form" noValidate>
      <SelectField
        id={id}
        label={t('mandates.approveDecision')}
        {...register('decision_id')}
        error={error}
        options={[
          { value: '', label: options.length ? t('form.choose') : t('mandates.noApprovingDecisions') },
          ...options.map((d) => ({ value: String(d.id), label: `${d.number} ${d.title} (${date(d.decided_on)})` })),
        ]}
      />
      <FormActions submit={t('mandates.approve')} pending={approve.isPending} cancel={onDone} small />
    </form>
  );
}
