/** An initiative's milestones: the list, "reached today" for the lead's editors, and a form to add one. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorSummary, TextField } from '@/components/form';
import { CONTENT_LANG } from '@/components/RichText';
import { useSchemaForm } from '@/components/schemaForm';
import { EmptyState, QueryView } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { milestonesQuery, useCreateMilestone, useUpdateMilestone, type Milestone } from '../api';
import { milestoneSchema } from '../progressForm';

/** Today in Copenhagen as YYYY-MM-DD. */
function today(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
}

export function Milestones({ id, canEdit }: { id: number; canEdit: boolean }) {
  const { t, date } = useI18n();
  const query = useQuery(milestonesQuery(id));
  const update = useUpdateMilestone(id);
  const [failure, setFailure] = useState<string | null>(null);
  const reach = async (m: Milestone) => {
    setFailure(null);
    try {
      await update.mutateAsync({ milestone: m, body: { done_on: today() } });
    } catch (error) {
      setFailure(isProblemError(error, 412) ? t('initiatives.milestone.changed') : isProblemError(error) ? error.message : t('state.error.network'));
    }
  };
  return (
    <>
      {failure && <ErrorSummary errors={{}} message={failure} />}
      <QueryView query={query}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>{t('initiatives.milestones.none')}</EmptyState>
          ) : (
            <ul className="milestones">
              {page.items.map((m) => (
                <li key={m.id} data-milestone={m.id}>
                  <span lang={CONTENT_LANG}>{m.title}</span>{' '}
                  <span className="meta">
                    {m.done_on ? t('initiatives.milestone.done', { date: date(m.done_on) }) : m.due_on ? t('initiatives.milestone.due', { date: date(m.due_on) }) : ''}
                  </span>
                  {canEdit && !m.done_on && (
                    <>
                      {' '}
                      <button type="button" className="button button-tertiary button-small" disabled={update.isPending} onClick={() => void reach(m)}>
                        {t('initiatives.milestone.reach', { title: m.title })}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      {canEdit && <MilestoneForm id={id} />}
    </>
  );
}

function MilestoneForm({ id }: { id: number }) {
  const { t } = useI18n();
  const create = useCreateMilestone(id);
  const form = useSchemaForm(milestoneSchema, { title: '', due_on: '' });
  const { register, reset, errors: problems } = form;
  const submit = form.submitWith(async (body) => {
    try {
      await create.mutateAsync(body);
      reset();
    } catch (error) {
      problems.fail(error);
    }
  });
  return (
    <form onSubmit={submit} noValidate className="milestone-form" aria-labelledby="milestone-form-heading">
      <h3 id="milestone-form-heading" className="h5">
        {t('initiatives.milestone.add')}
      </h3>
      {problems.message && <ErrorSummary errors={{}} message={problems.message} />}
      <TextField id="milestone-title" label={t('initiatives.milestone.title')} {...register('title')} error={problems.errors.title} className="form-input input-width-xl" />
      <TextField id="milestone-due" type="date" label={t('initiatives.milestone.dueOn')} {...register('due_on')} error={problems.errors.due_on} className="form-input input-width-s" />
      <button type="submit" className="button button-secondary" disabled={create.isPending}>
        {t('initiatives.milestone.add')}
      </button>
    </form>
  );
}
