/**
 * Plan a meeting, or change one that is not held yet (the body's chair or secretary, or an admin).
 * Times are entered as Copenhagen wall-clock times and sent with their offset (../meetingForm).
 */
import '../meetings.css';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Controller, useFieldArray } from 'react-hook-form';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { useConflict } from '@/components/ConflictResolver';
import { ErrorSummary, FormActions, SelectField, TextField } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { NotFound, QueryView, Refusal, Skeleton, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { BodyPermission, useBodyCan } from '@/lib/can';
import { useI18n } from '@/lib/i18n';
import { BEFORE_HELD, bodiesQuery, fetchMeeting, useCreateMeeting, useUpdateMeeting, type Meeting } from '../api';
import { blankMeeting, changesFrom, meetingSchema, valuesOf } from '../meetingForm';
import { parseId } from './bits';

const IDS = {
  body_id: 'meeting-body',
  title: 'meeting-title',
  date: 'meeting-date',
  starts_at: 'meeting-start',
  ends_at: 'meeting-end',
  place: 'meeting-place',
  online_url: 'meeting-online',
  visibility: 'meeting-visibility',
};

export function MeetingNewPage() {
  const { status } = useAuth();
  const canIn = useBodyCan();
  if (status === 'anonymous') return <Refusal status={401} />;
  if (!canIn.ready) return <Skeleton lines={6} />;
  if (!canIn.runsAny) return <Refusal status={403} />;
  return <MeetingForm />;
}

export function MeetingEditPage() {
  const id = parseId(useParams().meetingId);
  const { status } = useAuth();
  const canIn = useBodyCan();
  const query = useQuery({ queryKey: ['meetings', 'edit', id], queryFn: () => fetchMeeting(id!), enabled: id !== null, gcTime: 0, refetchOnWindowFocus: false });
  if (id === null) return <NotFound />;
  if (status === 'anonymous') return <Refusal status={401} />;
  return (
    <QueryView query={query} skeleton={<Skeleton lines={6} />}>
      {(m) =>
        !canIn.ready ? (
          <Skeleton lines={6} />
        ) : !canIn(m.body_id, BodyPermission.runMeetings) || !BEFORE_HELD.has(m.status) ? (
          <Refusal status={403} />
        ) : (
          <MeetingForm initial={m} />
        )
      }
    </QueryView>
  );
}

function MeetingForm({ initial }: { initial?: Meeting }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const canIn = useBodyCan();
  const bodies = useQuery(bodiesQuery());
  const create = useCreateMeeting();
  const update = useUpdateMeeting(initial?.id ?? 0);
  const form = useSchemaForm(meetingSchema, initial ? valuesOf(initial) : blankMeeting(params.get('body') ?? '', params.get('date') ?? ''));
  const { register, control, watch, reset, getValues, setValue, errors: problems } = form;
  const guests = useFieldArray({ control, name: 'guests' });
  const { base, conflict, failed, resolver } = useConflict(initial, problems.fail);
  const title = initial ? t('meetings.editTitle') : t('meetings.new');
  useDocumentTitle(title);
  const runnable = (bodies.data?.items ?? []).filter((b) => b.status !== 'dissolved' && canIn(b.id, BodyPermission.runMeetings));
  // the one body the user runs meetings for is chosen for them
  const onlyBody = runnable.length === 1 ? String(runnable[0]!.id) : '';
  useEffect(() => {
    if (onlyBody && !getValues('body_id')) setValue('body_id', onlyBody);
  }, [onlyBody, getValues, setValue]);
  const values = watch();
  const pending = create.isPending || update.isPending;
  // the API names the instants; the form has a date and two times
  const errors: Record<string, string> = { ...problems.errors };
  for (const [api, field] of [['starts_at', 'start'], ['ends_at', 'end']] as const) {
    const message = problems.errors[api] ?? problems.errors[field];
    if (message) errors[api] = message;
  }

  const save = (against: Meeting | undefined) =>
    form.submitWith(async (body) => {
      try {
        const saved = against ? await update.mutateAsync({ version: against.version, body: changesFrom(against, body) }) : await create.mutateAsync(body);
        navigate(`/meetings/${saved.id}`, { state: { flash: against ? 'form.saved' : 'meetings.created' } });
      } catch (error) {
        await failed(error, initial && (() => fetchMeeting(initial.id)));
      }
    });

  return (
    <section className="meeting-form">
      <Breadcrumbs
        trail={[
          { label: t('meetings.title'), to: '/meetings' },
          ...(initial ? [{ label: initial.title, to: `/meetings/${initial.id}` }] : []),
          { label: title },
        ]}
      />
      <h1>{title}</h1>
      {resolver({
        fields: (theirs) =>
          (['title', 'date', 'start', 'end', 'place', 'online_url'] as const).map((f) => ({
            name: f,
            label: t(`meetings.field.${f}`),
            mine: values[f],
            theirs: valuesOf(theirs)[f],
          })),
        busy: pending,
        takeTheirs: (theirs) => reset(valuesOf(theirs)),
        keepMine: (theirs) => void save(theirs)(),
      })}
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={IDS} message={problems.message} />
      </div>
      <form onSubmit={save(base)} noValidate>
        {!initial && (
          // controlled: its options arrive after the value (from the address, or the only body)
          <Controller
            name="body_id"
            control={control}
            render={({ field }) => (
              <SelectField
                id={IDS.body_id}
                label={t('meetings.field.body')}
                {...field}
                error={errors.body_id}
                options={[{ value: '', label: t('form.choose') }, ...runnable.map((b) => ({ value: String(b.id), label: b.name }))]}
              />
            )}
          />
        )}
        <TextField id={IDS.title} label={t('meetings.field.title')} {...register('title')} error={errors.title} className="form-input input-width-xl" />
        <div className="form-row">
          <TextField id={IDS.date} type="date" label={t('meetings.field.date')} {...register('date')} error={errors.date} className="form-input input-width-s" />
          <TextField id={IDS.starts_at} type="time" label={t('meetings.field.start')} {...register('start')} error={errors.starts_at} className="form-input input-width-xs" />
          <TextField id={IDS.ends_at} type="time" label={t('meetings.field.end')} {...register('end')} error={errors.ends_at} className="form-input input-width-xs" />
        </div>
        <p className="form-hint">{t('meetings.timeZoneHint')}</p>
        <TextField id={IDS.place} label={`${t('meetings.field.place')} ${t('form.optional')}`} {...register('place')} error={errors.place} className="form-input input-width-xl" />
        <TextField
          id={IDS.online_url}
          type="url"
          label={`${t('meetings.field.online_url')} ${t('form.optional')}`}
          {...register('online_url')}
          error={errors.online_url}
          className="form-input input-width-xl"
        />
        <SelectField
          id={IDS.visibility}
          label={t('meetings.field.visibility')}
          hint={t('meetings.visibilityHint')}
          {...register('visibility')}
          error={errors.visibility}
          options={(['public', 'partners', 'restricted'] as const).map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
        />
        <fieldset className="guests">
          <legend className="form-label">{t('meetings.guests')}</legend>
          <p className="form-hint">{t('meetings.guestsHint')}</p>
          {guests.fields.map((g, i) => (
            <div className="form-row guest-row" key={g.id}>
              <TextField id={`guest-${i}-name`} label={t('meetings.guest.name')} {...register(`guests.${i}.name`)} />
              <TextField id={`guest-${i}-org`} label={t('meetings.guest.organisation')} {...register(`guests.${i}.organisation`)} />
              <TextField id={`guest-${i}-email`} type="email" label={t('meetings.guest.email')} {...register(`guests.${i}.email`)} />
              <button type="button" className="button button-tertiary button-small" onClick={() => guests.remove(i)}>
                {t('meetings.guest.remove')}
                <span className="sr-only"> {values.guests[i]?.name}</span>
              </button>
            </div>
          ))}
          <button type="button" className="button button-secondary button-small" onClick={() => guests.append({ name: '', organisation: '', email: '' })}>
            {t('meetings.guest.add')}
          </button>
        </fieldset>
        <FormActions
          submit={initial ? t('form.save') : t('meetings.create')}
          pending={pending}
          disabled={conflict !== null}
          cancel={initial ? `/meetings/${initial.id}` : '/meetings'}
        />
      </form>
    </section>
  );
}
