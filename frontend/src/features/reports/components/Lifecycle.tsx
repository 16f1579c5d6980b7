/** The lifecycle buttons, each with the reason it is disabled; presenting and freezing pick what they need. */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { SelectField } from '@/components/form';
import { useI18n, type MessageKey } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import {
  approvalsAt,
  partnershipAgendaItems,
  useDeleteReport,
  useLifecycle,
  type Action,
  type LifecycleAction,
  type ReportDetail,
} from '../api';

function ActionButton({
  action,
  label,
  onClick,
  busy,
  primary,
}: {
  action: Action | undefined;
  label: string;
  onClick: () => void;
  busy: boolean;
  primary?: boolean;
}) {
  const id = useId();
  if (!action) return null;
  return (
    <span className="lifecycle-action">
      <button
        type="button"
        className={`button ${primary ? 'button-primary' : 'button-secondary'}`}
        disabled={!action.allowed || busy}
        aria-describedby={action.reason ? id : undefined}
        onClick={onClick}
      >
        {label}
      </button>
      {action.reason && (
        <span className="form-hint lifecycle-reason" id={id}>
          {action.reason}
        </span>
      )}
    </span>
  );
}

export function Lifecycle({ report }: { report: ReportDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const step = useLifecycle(report.id);
  const remove = useDeleteReport(report.id);
  const [picking, setPicking] = useState<'present' | 'freeze' | null>(null);
  const by = new Map(report.actions.map((a) => [a.action, a]));
  const run = (action: LifecycleAction, body?: object) =>
    step.mutate({ action, version: report.version, body }, { onSuccess: () => setPicking(null) });
  const error = step.error ?? remove.error;
  return (
    <section aria-labelledby="lifecycle-h" className="lifecycle">
      <h2 id="lifecycle-h" className="h4">
        {t('reports.lifecycle.title')}
      </h2>
      <ol className="lifecycle-steps nobullet-list">
        {(['draft', 'in_review', 'presented', 'frozen'] as const).map((s) => (
          <li key={s} aria-current={report.state === s ? 'step' : undefined} className={report.state === s ? 'current' : ''}>
            {t(`reports.state.${s}` as MessageKey)}
          </li>
        ))}
      </ol>
      <div className="button-row">
        <ActionButton action={by.get('submit')} label={t('reports.action.submit')} busy={step.isPending} primary onClick={() => run('submit')} />
        <ActionButton action={by.get('present')} label={t('reports.action.present')} busy={step.isPending} primary onClick={() => setPicking('present')} />
        <ActionButton action={by.get('freeze')} label={t('reports.action.freeze')} busy={step.isPending} primary onClick={() => setPicking('freeze')} />
        <ActionButton action={by.get('reopen')} label={t('reports.action.reopen')} busy={step.isPending} onClick={() => run('reopen')} />
        <ActionButton
          action={by.get('delete')}
          label={t('reports.action.delete')}
          busy={remove.isPending}
          onClick={() => {
            if (window.confirm(t('reports.action.deleteConfirm', { title: report.title })))
              remove.mutate(report.version, { onSuccess: () => void navigate('/reports') });
          }}
        />
      </div>
      {picking === 'present' && <PresentPicker onPick={(id) => run('present', { agenda_item_id: id })} onCancel={() => setPicking(null)} />}
      {picking === 'freeze' && report.presentation && (
        <FreezePicker meetingId={report.presentation.meeting_id} onPick={(id) => run('freeze', { decision_id: id })} onCancel={() => setPicking(null)} />
      )}
      {error != null && (
        <p role="alert" className="form-error-message">
          {isProblemError(error) ? error.message : t('state.error.unexpected')}
        </p>
      )}
    </section>
  );
}

function Picker({
  label,
  hint,
  empty,
  choices,
  loading,
  submit,
  onPick,
  onCancel,
}: {
  label: string;
  hint: string;
  empty: string;
  choices: { id: number; label: string }[] | undefined;
  loading: boolean;
  submit: string;
  onPick: (id: number) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState('');
  if (loading) return <p role="status">{t('state.loading')}</p>;
  if (!choices?.length) return <p className="form-hint">{empty}</p>;
  return (
    <form
      className="picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) onPick(Number(chosen));
      }}
    >
      <SelectField
        label={label}
        hint={hint}
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
        options={[{ value: '', label: t('reports.pick.choose') }, ...choices.map((c) => ({ value: String(c.id), label: c.label }))]}
      />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={!chosen}>
          {submit}
        </button>
        <button type="button" className="button button-tertiary" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

function PresentPicker({ onPick, onCancel }: { onPick: (id: number) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const items = useQuery({ queryKey: ['reports', 'agenda-choices'], queryFn: partnershipAgendaItems });
  return (
    <Picker
      label={t('reports.pick.agendaItem')}
      hint={t('reports.pick.agendaHint')}
      empty={t('reports.pick.noAgenda')}
      choices={items.data}
      loading={items.isPending}
      submit={t('reports.action.present')}
      onPick={onPick}
      onCancel={onCancel}
    />
  );
}

function FreezePicker({ meetingId, onPick, onCancel }: { meetingId: number; onPick: (id: number) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const decisions = useQuery({ queryKey: ['reports', 'approvals', meetingId], queryFn: () => approvalsAt(meetingId) });
  return (
    <Picker
      label={t('reports.pick.decision')}
      hint={t('reports.pick.decisionHint')}
      empty={t('reports.pick.noDecision')}
      choices={decisions.data}
      loading={decisions.isPending}
      submit={t('reports.action.freeze')}
      onPick={onPick}
      onCancel={onCancel}
    />
  );
}
