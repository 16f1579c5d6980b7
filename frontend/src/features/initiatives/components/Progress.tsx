/** An initiative's status updates: the timeline, and the form partners report progress with. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorSummary, SelectField, TextArea, TextField } from '@/components/form';
import { CONTENT_LANG } from '@/components/RichText';
import { useSchemaForm } from '@/components/schemaForm';
import { EmptyState, ErrorState, QueryView } from '@/components/states';
import { useI18n } from '@/lib/i18n';
import { progressQuery, useCreateProgress, type Initiative, type StatusColour } from '../api';
import { progressSchema } from '../progressForm';
import { ColourBadge, useOrgName } from './bits';

export function Timeline({ id }: { id: number }) {
  const { t, date, percent } = useI18n();
  const orgName = useOrgName();
  const query = useQuery(progressQuery(id));
  return (
    <QueryView query={query}>
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState>{t('initiatives.progress.none')}</EmptyState>
        ) : (
          <ol className="progress-timeline nobullet-list" aria-label={t('initiatives.progress')}>
            {page.items.map((p) => (
              <li key={p.id} className="progress-item" data-colour={p.status_colour}>
                <h3 className="h5 progress-heading">
                  <ColourBadge colour={p.status_colour} />{' '}
                  <span className="meta">
                    {t('initiatives.progress.by', { date: date(p.reported_on), organisation: orgName(p.organisation), author: p.author_name })}
                  </span>
                </h3>
                {p.percent_complete !== null && <p className="meta">{t('initiatives.progress.percent', { percent: percent(p.percent_complete / 100, 0) })}</p>}
                <p lang={CONTENT_LANG} className="progress-narrative">
                  {p.narrative}
                </p>
                {p.is_story && p.story_title && (
                  <blockquote className="story" lang={CONTENT_LANG}>
                    <strong>
                      {t('initiatives.progress.story')}: {p.story_title}
                    </strong>
                    {p.story_text && <p>{p.story_text}</p>}
                  </blockquote>
                )}
              </li>
            ))}
          </ol>
        )
      }
    </QueryView>
  );
}

const COLOURS: StatusColour[] = ['green', 'yellow', 'red'];

const FIELD_IDS = {
  narrative: 'progress-narrative',
  percent_complete: 'progress-percent',
  status_colour: 'progress-colour',
  story_title: 'progress-story-title',
  story_text: 'progress-story-text',
};

export function ProgressForm({ initiative, organisations }: { initiative: Initiative; organisations: string[] }) {
  const { t } = useI18n();
  const orgName = useOrgName();
  const create = useCreateProgress(initiative.id);
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(false);
  const form = useSchemaForm(progressSchema, {
    organisation: organisations[0]!,
    status_colour: 'green',
    narrative: '',
    percent_complete: '',
    is_story: false,
    story_title: '',
    story_text: '',
  });
  const { register, watch, reset, getValues, errors: problems } = form;
  const errors = problems.errors;

  const submit = form.submitWith(async (body) => {
    try {
      await create.mutateAsync(body);
      // the colour and organisation stay for the next update; the text starts afresh
      reset({ ...getValues(), narrative: '', percent_complete: '', is_story: false, story_title: '', story_text: '' });
      setSaved(true);
      setOpen(false);
    } catch (error) {
      problems.fail(error);
    }
  });

  return (
    <div className="progress-form">
      {saved && (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">{t('initiatives.progress.saved')}</p>
          </div>
        </div>
      )}
      {!open ? (
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          {t('initiatives.progress.add')}
        </button>
      ) : (
        <form onSubmit={(e) => (setSaved(false), void submit(e))} noValidate aria-labelledby="progress-form-heading">
          <h3 id="progress-form-heading">{t('initiatives.progress.add')}</h3>
          <div ref={problems.summaryRef}>
            <ErrorSummary errors={errors} fieldIds={FIELD_IDS} message={problems.message} />
          </div>
          {organisations.length > 1 && (
            <SelectField
              id="progress-org"
              label={t('initiatives.progress.organisation')}
              {...register('organisation')}
              options={organisations.map((o) => ({ value: o, label: orgName(o) }))}
              error={errors.organisation}
            />
          )}
          <SelectField
            id="progress-colour"
            label={t('initiatives.progress.colour')}
            {...register('status_colour')}
            options={COLOURS.map((c) => ({ value: c, label: t(`initiatives.colour.${c}`) }))}
            error={errors.status_colour}
          />
          <TextArea id="progress-narrative" label={t('initiatives.progress.narrative')} {...register('narrative')} error={errors.narrative} rows={4} />
          <TextField
            id="progress-percent"
            label={t('initiatives.progress.percentField')}
            {...register('percent_complete')}
            error={errors.percent_complete}
            inputMode="numeric"
            className="form-input input-width-xs"
          />
          <div className="form-group-checkbox story-check">
            <input type="checkbox" className="form-checkbox" id="progress-story" {...register('is_story')} />
            <label htmlFor="progress-story">{t('initiatives.progress.isStory')}</label>
          </div>
          {watch('is_story') && (
            <>
              <TextField id="progress-story-title" label={t('initiatives.progress.storyTitle')} {...register('story_title')} error={errors.story_title} className="form-input input-width-xl" />
              <TextArea
                id="progress-story-text"
                label={t('initiatives.progress.storyText')}
                hint={t('initiatives.progress.storyHint')}
                {...register('story_text')}
                error={errors.story_text}
                rows={4}
              />
            </>
          )}
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={create.isPending}>
              {create.isPending ? t('form.saving') : t('initiatives.progress.submit')}
            </button>
            <button type="button" className="button button-tertiary" onClick={() => setOpen(false)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      )}
      {create.isError && !problems.message && <ErrorState error={create.error} />}
    </div>
  );
}
