/** Decisions and action items as lists, shared by the meeting, minutes, body and overview pages. */
import { useState } from 'react';
import { Link } from 'react-router';
import { CONTENT_LANG } from '@/components/RichText';
import { ScrollTable } from '@/components/ScrollTable';
import { EmptyState } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { BodyPermission, useBodyCan } from '@/lib/can';
import { FormActions, TextArea } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { actionItemDoneSchema } from '../recordSchemas';
import { useUpdateActionItem, type ActionItem, type Decision } from '../recordsApi';
import { ActionStatusTag, DecisionKindTag, useBodyName, useOrgName } from './bits';

export function DecisionList({ decisions, showBody = false }: { decisions: Decision[]; showBody?: boolean }) {
  const { t, date } = useI18n();
  const bodyName = useBodyName();
  if (!decisions.length) return <EmptyState>{t('decisions.none')}</EmptyState>;
  return (
    <ul className="decision-list nobullet-list">
      {decisions.map((d) => (
        <li key={d.id} data-decision={d.id}>
          <p className="decision-line">
            <span className="decision-number">{d.number}</span>{' '}
            <Link to={`/decisions/${d.id}`} lang={CONTENT_LANG}>
              {d.title}
            </Link>{' '}
            <DecisionKindTag kind={d.kind} />
            {d.restricted && <span className="badge badge-error tag-restricted">{t('agenda.restricted')}</span>}
          </p>
          <p className="meta">
            {date(d.decided_on)}
            {showBody && ` · ${bodyName(d.body_id)}`}
            {d.revision > 1 && ` · ${t('decisions.correctedRevision', { revision: d.revision })}`}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Whether the caller may close an action item: its owner, or whoever runs its body's meetings. */
export function useMayClose(): (item: ActionItem) => boolean {
  const { me } = useAuth();
  const canIn = useBodyCan();
  return (item) =>
    item.status === 'open' &&
    ((me?.kind === 'user' && item.owner_user_id === me.id) || canIn(item.body_id, BodyPermission.runMeetings));
}

export function ActionItemTable({
  items,
  label,
  showBody = false,
  empty,
}: {
  items: ActionItem[];
  label: string;
  showBody?: boolean;
  empty?: string;
}) {
  const { t, date } = useI18n();
  const bodyName = useBodyName();
  const orgName = useOrgName();
  const mayClose = useMayClose();
  const [closing, setClosing] = useState<number | null>(null);
  if (!items.length) return <EmptyState>{empty ?? t('actions.none')}</EmptyState>;
  return (
    <ScrollTable label={label}>
      <table className="table table--compact table--responsive-headers action-table">
        <caption className="sr-only">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{t('actions.field.title')}</th>
            {showBody && <th scope="col">{t('actions.body')}</th>}
            <th scope="col">{t('actions.field.owner')}</th>
            <th scope="col">{t('actions.field.dueOn')}</th>
            <th scope="col">{t('actions.state')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-action={item.id} data-overdue={item.overdue ? 'yes' : 'no'}>
              <th scope="row">
                <span lang={CONTENT_LANG}>{item.title}</span>
                {item.meeting_id && (
                  <>
                    <br />
                    <Link
                      className="meta"
                      to={`/meetings/${item.meeting_id}${item.agenda_item_id ? `#agenda-item-${item.agenda_item_id}` : ''}`}
                    >
                      {t('actions.fromMeeting')}
                    </Link>
                  </>
                )}
                {item.decision_id && (
                  <>
                    {' · '}
                    <Link className="meta" to={`/decisions/${item.decision_id}`}>
                      {t('actions.fromDecision')}
                    </Link>
                  </>
                )}
                {item.completion_note && (
                  <p className="completion-note" lang={CONTENT_LANG}>
                    {item.completion_note}
                  </p>
                )}
              </th>
              {showBody && <td data-title={t('actions.body')}>{bodyName(item.body_id)}</td>}
              <td data-title={t('actions.field.owner')}>
                {item.owner_name}
                {orgName(item.organisation_id) && !item.owner_name.includes(orgName(item.organisation_id)!) && (
                  <span className="meta"> ({orgName(item.organisation_id)})</span>
                )}
              </td>
              <td data-title={t('actions.field.dueOn')}>{item.due_on ? date(item.due_on) : '–'}</td>
              <td data-title={t('actions.state')}>
                <ActionStatusTag item={item} />
                {item.completed_on && <span className="meta"> {date(item.completed_on)}</span>}
                {mayClose(item) &&
                  (closing === item.id ? (
                    <MarkDone item={item} onDone={() => setClosing(null)} />
                  ) : (
                    <button type="button" className="button button-secondary button-small mark-done" onClick={() => setClosing(item.id)}>
                      {t('actions.markDone')}
                      <span className="sr-only">: {item.title}</span>
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

function MarkDone({ item, onDone }: { item: ActionItem; onDone: () => void }) {
  const { t } = useI18n();
  const update = useUpdateActionItem();
  const form = useSchemaForm(actionItemDoneSchema, { completion_note: '' });
  const { register, errors: problems } = form;
  const id = `done-${item.id}`;
  const submit = form.submitWith(async (body) => {
    try {
      await update.mutateAsync({ item, body });
      onDone();
    } catch (error) {
      if (isProblemError(error, 412)) problems.setMessage(t('actions.changedMeanwhile'));
      else problems.fail(error);
    }
  });
  // one field: what the server says, in general or about it, is shown beside it
  const error = problems.message ?? problems.errors.completion_note;
  return (
    <form onSubmit={submit} className="mark-done-form" noValidate>
      <TextArea id={id} label={t('actions.doneNote')} {...register('completion_note')} error={error} rows={2} />
      <FormActions submit={t('actions.confirmDone')} pending={update.isPending} cancel={onDone} small />
    </form>
  );
}
