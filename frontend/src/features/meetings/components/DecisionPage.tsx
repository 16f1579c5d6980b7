/**
 * One decision: its text, who made it where and when, what it authorised (its links) and what points
 * back at it (bodies set up, kommissorier approved, action items, amendments), and its corrections:
 * every revision with its reason and what it changed. Those who run the body correct it here.
 */
import '../meetings.css';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { DiffView } from '@/components/DiffView';
import { ErrorSummary, FormActions, TextArea, TextField } from '@/components/form';
import { Markdown } from '@/components/Markdown';
import { CONTENT_LANG } from '@/components/RichText';
import { useSchemaForm } from '@/components/schemaForm';
import { EmptyState, NotFound, QueryView, Skeleton, useDocumentTitle } from '@/components/states';
import { BodyPermission, useBodyCan } from '@/lib/can';
import { isMessageKey, useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import type { Schemas } from '@/lib/api';
import { decisionCorrectionSchema } from '../recordSchemas';
import { decisionQuery, fetchDecision, useCorrectDecision, type Decision } from '../recordsApi';
import { DecisionKindTag, parseId, useBodyName } from './bits';
import { LinkChips, linkHref } from './links';

export function DecisionPage() {
  const id = parseId(useParams().decisionId);
  const query = useQuery({ ...decisionQuery(id ?? 0), enabled: id !== null });
  useDocumentTitle(query.data ? `${query.data.number} ${query.data.title}` : null);
  if (id === null) return <NotFound />;
  return (
    <QueryView query={query} skeleton={<Skeleton lines={8} />}>
      {(d) => <DecisionView decision={d} />}
    </QueryView>
  );
}

/** The whole chain of revisions a decision belongs to, oldest first (a few requests; chains are short). */
function useRevisionChain(decision: Decision): Decision[] | null {
  const [older, setOlder] = useState<number[]>([]);
  const back = useQueries({
    queries: [decision.corrects_id, ...older].filter((x): x is number => x !== null).map((id) => decisionQuery(id)),
  });
  const next = useQueries({
    queries: (decision.superseded_by_id ? [decision.superseded_by_id] : []).map((id) => decisionQuery(id)),
  });
  const loaded = [...back, ...next].every((q) => !q.isPending);
  const before = back.map((q) => q.data).filter((d): d is Decision => Boolean(d));
  const earliest = before.at(-1);
  if (earliest?.corrects_id && !older.includes(earliest.corrects_id)) setOlder([...older, earliest.corrects_id]);
  if (!loaded) return null;
  const after = next.map((q) => q.data).filter((d): d is Decision => Boolean(d));
  return [...before.reverse(), decision, ...after];
}

function referenceHref(ref: Schemas['ReferencePublic'], decision: Decision): string | null {
  if (ref.object_type === 'action_item') return `/meetings/${decision.meeting_id}#agenda-item-${decision.agenda_item_id ?? ''}`;
  return linkHref({ target_type: ref.object_type, target_id: ref.object_id, title: ref.title });
}

function DecisionView({ decision }: { decision: Decision }) {
  const { t, date } = useI18n();
  const canIn = useBodyCan();
  const bodyName = useBodyName();
  const chain = useRevisionChain(decision);
  const [correcting, setCorrecting] = useState(false);
  const runs = canIn(decision.body_id, BodyPermission.runMeetings);
  return (
    <article className="decision-page" data-decision={decision.id}>
      <Breadcrumbs trail={[{ label: t('decisions.registerTitle'), to: '/decisions' }, { label: decision.number }]} />
      <header className="page-header">
        <p className="goal-kicker">
          {t('decisions.numbered', { number: decision.number })} <DecisionKindTag kind={decision.kind} />
          {decision.restricted && <span className="badge badge-error tag-restricted">{t('agenda.restricted')}</span>}
        </p>
        <h1 lang={CONTENT_LANG}>{decision.title}</h1>
        <dl className="meeting-facts">
          <div>
            <dt>{t('decisions.body')}</dt>
            <dd>
              <Link to={`/bodies/${decision.body_id}`}>{bodyName(decision.body_id)}</Link>
            </dd>
          </div>
          <div>
            <dt>{t('decisions.decidedOn')}</dt>
            <dd>
              {date(decision.decided_on)} ·{' '}
              <Link to={`/meetings/${decision.meeting_id}/minutes${decision.agenda_item_id ? `#agenda-item-${decision.agenda_item_id}` : ''}`}>
                {t('decisions.inTheMinutes')}
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('decisions.recordedBy')}</dt>
            <dd>{decision.recorded_by}</dd>
          </div>
        </dl>
      </header>
      {decision.superseded_by_id && (
        <div className="alert alert-warning" data-superseded>
          <div className="alert-body">
            <p className="alert-text">
              {t('decisions.correctedBy')} <Link to={`/decisions/${decision.superseded_by_id}`}>{t('decisions.seeCorrection')}</Link>
            </p>
          </div>
        </div>
      )}
      <section aria-labelledby="decision-text" className="body-section">
        <h2 id="decision-text">{t('decisions.text')}</h2>
        <Markdown text={decision.text} headingLevel={3} />
      </section>
      <section aria-labelledby="decision-links" className="body-section">
        <h2 id="decision-links">{t('decisions.authorised')}</h2>
        {decision.links.length ? <LinkChips links={decision.links} /> : <EmptyState>{t('decisions.noLinks')}</EmptyState>}
      </section>
      <section aria-labelledby="decision-refs" className="body-section">
        <h2 id="decision-refs">{t('decisions.referencedBy')}</h2>
        {(decision.referenced_by ?? []).length === 0 ? (
          <EmptyState>{t('decisions.noReferences')}</EmptyState>
        ) : (
          <ul className="reference-list" data-references>
            {(decision.referenced_by ?? []).map((r) => {
              const href = referenceHref(r, decision);
              const key = `decisions.ref.${r.object_type}`;
              const text = `${isMessageKey(key) ? t(key) : r.object_type}${r.title ? `: ${r.title}` : ''}`;
              return <li key={`${r.object_type}-${r.object_id}`}>{href ? <Link to={href}>{text}</Link> : text}</li>;
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="decision-corrections" className="body-section">
        <h2 id="decision-corrections">{t('decisions.corrections')}</h2>
        {chain === null ? (
          <Skeleton lines={2} />
        ) : chain.length === 1 ? (
          <EmptyState>{t('decisions.noCorrections')}</EmptyState>
        ) : (
          <ol className="revision-list">
            {chain.map((d, i) => (
              <li key={d.id} aria-current={d.id === decision.id ? 'true' : undefined} data-revision={d.revision}>
                <p>
                  {d.id === decision.id ? (
                    <strong>{t('decisions.revisionShort', { revision: d.revision })}</strong>
                  ) : (
                    <Link to={`/decisions/${d.id}`}>{t('decisions.revisionShort', { revision: d.revision })}</Link>
                  )}{' '}
                  · {d.recorded_by}
                </p>
                {d.reason && (
                  <p>
                    {t('minutes.reasonWas')} <span lang={CONTENT_LANG}>{d.reason}</span>
                  </p>
                )}
                {i > 0 && <DiffView before={chain[i - 1]!.text} after={d.text} />}
              </li>
            ))}
          </ol>
        )}
        {runs && !decision.superseded_by_id && !correcting && (
          <button type="button" className="button button-secondary" onClick={() => setCorrecting(true)}>
            {t('decisions.correct')}
          </button>
        )}
        {correcting && <CorrectionForm decision={decision} onDone={() => setCorrecting(false)} />}
      </section>
    </article>
  );
}

const CORRECTION_IDS = { title: 'correct-title', text: 'correct-text', reason: 'correct-reason' };

function CorrectionForm({ decision, onDone }: { decision: Decision; onDone: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const correct = useCorrectDecision(decision.meeting_id);
  const form = useSchemaForm(decisionCorrectionSchema, { title: decision.title, text: decision.text, reason: '' });
  const { register, errors: problems } = form;
  const errors = problems.errors;
  const submit = form.submitWith(async (body) => {
    try {
      const saved = await correct.mutateAsync({ decision, body });
      navigate(`/decisions/${saved.id}`, { state: { flash: 'decisions.corrected' } });
    } catch (error) {
      if (isProblemError(error, 412)) {
        await fetchDecision(decision.id).catch(() => null);
        problems.setMessage(t('decisions.correctedMeanwhile'));
        problems.focus();
      } else problems.fail(error);
    }
  });
  return (
    <form className="record-form" onSubmit={submit} noValidate>
      <h3>{t('decisions.correct')}</h3>
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={CORRECTION_IDS} message={problems.message} />
      </div>
      <TextField id={CORRECTION_IDS.title} label={t('decisions.field.title')} {...register('title')} error={errors.title} className="form-input input-width-xl" />
      <TextArea id={CORRECTION_IDS.text} label={t('decisions.field.text')} hint={t('markdown.hint')} {...register('text')} error={errors.text} rows={5} />
      <TextArea id={CORRECTION_IDS.reason} label={t('decisions.field.reason')} {...register('reason')} error={errors.reason} rows={2} />
      <FormActions submit={t('decisions.saveCorrection')} pending={correct.isPending} cancel={onDone} />
    </form>
  );
}
