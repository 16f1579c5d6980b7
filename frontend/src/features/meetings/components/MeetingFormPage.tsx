/**
 * Plan a meeting, or change one that is not held yet (the body's chair or secretary, or an admin).
 * Times are entered as Copenhagen wall-clock times and sent with their offset.
 */
import '../meetings.css';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { useConflict } from '@/components/ConflictResolver';
import { ErrorSummary, FormActions, SelectField, TextField, useFormErrors } from '@/components/form';
import { NotFound, QueryView, Refusal, Skeleton, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { BodyPermission, useBodyCan } from '@/lib/can';
import { copenhagenParts, copenhagenToIso } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import {
  BEFORE_HELD,
  bodiesQuery,
  fetchMeeting,
  useCreateMeeting,
  useUpdateMeeting,
  type Meeting,
  type MeetingUpdate,
  type Visibility,
} from '../api';
import { parseId } from './bits';

interface Guest {
  name: string;
  organisation: string;
  email: string;
}

interface Values {
  body_id: string;
  title: string;
  date: string;
  start: string;
  end: string;
  place: string;
  online_url: string;
  visibility: Visibility;
  guests: Guest[];
}

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

function valuesOf(m: Meeting): Values {
  const start = copenhagenParts(m.starts_at);
  return {
    body_id: String(m.body_id),
    title: m.title,
    date: start.date,
    start: start.time,
    end: copenhagenParts(m.ends_at).time,
    place: m.place ?? '',
    online_url: m.online_url ?? '',
    visibility: m.visibility,
    guests: m.guests.map((g) => ({ name: g.name, organisation: g.organisation ?? '', email: g.email ?? '' })),
  };
}

function payload(v: Values) {
  return {
    title: v.title.trim(),
    starts_at: copenhagenToIso(v.date, v.start),
    ends_at: copenhagenToIso(v.date, v.end),
    place: v.place.trim() || null,
    online_url: v.online_url.trim() || null,
    visibility: v.visibility,
    guests: v.guests
      .filter((g) => g.name.trim())
      .map((g) => ({ name: g.name.trim(), organisation: g.organisation.trim() || null, email: g.email.trim() || null })),
  };
}

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
  const [values, setValues] = useState<Values>(() =>
    initial
      ? valuesOf(initial)
      : {
          body_id: params.get('body') ?? '',
          title: '',
          date: params.get('date') ?? '',
          start: '14:00',
          end: '16:00',
          place: '',
          online_url: '',
          visibility: 'partners',
          guests: [],
        },
  );
  const form = useFormErrors();
  const { base, conflict, failed, resolver } = useConflict(initial, form.fail);
  const title = initial ? t('meetings.editTitle') : t('meetings.new');
  useDocumentTitle(title);
  const runnable = (bodies.data?.items ?? []).filter((b) => b.status !== 'dissolved' && canIn(b.id, BodyPermission.runMeetings));
  const bodyId = values.body_id || (runnable.length === 1 ? String(runnable[0]!.id) : '');
  const set = (k: keyof Values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));
  const setGuest = (i: number, g: Partial<Guest>) =>
    setValues((v) => ({ ...v, guests: v.guests.map((x, j) => (j === i ? { ...x, ...g } : x)) }));
  const pending = create.isPending || update.isPending;
  // the API names the instants; the form has a date and two times
  const errors: Record<string, string> = { ...form.errors };
  for (const [api, field] of [['starts_at', 'start'], ['ends_at', 'end']] as const) {
    const message = form.errors[api] ?? form.errors[field];
    if (message) errors[api] = message;
  }

  async function save(against: Meeting | undefined) {
    const found: Record<string, string> = {};
    if (!against && !bodyId) found.body_id = t('form.required');
    if (!values.title.trim()) found.title = t('form.required');
    if (!values.date) found.date = t('form.required');
    if (!values.start) found.starts_at = t('form.required');
    if (!values.end) found.ends_at = t('form.required');
    if (values.start && values.end && values.end <= values.start) found.ends_at = t('meetings.endAfterStart');
    if (!form.check(found)) return;
    const body = payload(values);
    try {
      let saved: Meeting;
      if (against) {
        const was = payload(valuesOf(against)) as Record<string, unknown>;
        const changes = Object.fromEntries(
          Object.entries(body).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(was[k])),
        ) as MeetingUpdate;
        saved = await update.mutateAsync({ version: against.version, body: changes });
      } else {
        saved = await create.mutateAsync({ ...body, body_id: Number(bodyId) });
      }
      navigate(`/meetings/${saved.id}`, { state: { flash: against ? 'form.saved' : 'meetings.created' } });
    } catch (error) {
      await failed(error, initial && (() => fetchMeeting(initial.id)));
    }
  }

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
        takeTheirs: (theirs) => setValues(valuesOf(theirs)),
        keepMine: (theirs) => void save(theirs),
      })}
      <div ref={form.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={IDS} message={form.message} />
      </div>
      <form onSubmit={(e: FormEvent) => (e.preventDefault(), void save(base))} noValidate>
        {!initial && (
          <SelectField
            id={IDS.body_id}
            label={t('meetings.field.body')}
            value={bodyId}
            error={errors.body_id}
            onChange={set('body_id')}
            options={[{ value: '', label: t('form.choose') }, ...runnable.map((b) => ({ value: String(b.id), label: b.name }))]}
          />
        )}
        <TextField id={IDS.title} label={t('meetings.field.title')} value={values.title} error={errors.title} onChange={set('title')} className="form-input input-width-xl" />
        <div className="form-row">
          <TextField id={IDS.date} type="date" label={t('meetings.field.date')} value={values.date} error={errors.date} onChange={set('date')} className="form-input input-width-s" />
          <TextField id={IDS.starts_at} type="time" label={t('meetings.field.start')} value={values.start} error={errors.starts_at} onChange={set('start')} className="form-input input-width-xs" />
          <TextField id={IDS.ends_at} type="time" label={t('meetings.field.end')} value={values.end} error={errors.ends_at} onChange={set('end')} className="form-input input-width-xs" />
        </div>
        <p className="form-hint">{t('meetings.timeZoneHint')}</p>
        <TextField id={IDS.place} label={`${t('meetings.field.place')} ${t('form.optional')}`} value={values.place} error={errors.place} onChange={set('place')} className="form-input input-width-xl" />
        <TextField
          id={IDS.online_url}
          type="url"
          label={`${t('meetings.field.online_url')} ${t('form.optional')}`}
          value={values.online_url}
          error={errors.online_url}
          onChange={set('online_url')}
          className="form-input input-width-xl"
        />
        <SelectField
          id={IDS.visibility}
          label={t('meetings.field.visibility')}
          hint={t('meetings.visibilityHint')}
          value={values.visibility}
          error={errors.visibility}
          onChange={set('visibility')}
          options={(['public', 'partners', 'restricted'] as const).map((v) => ({ value: v, label: t(`visibility.${v}`) }))}
        />
        <fieldset className="guests">
          <legend className="form-label">{t('meetings.guests')}</legend>
          <p className="form-hint">{t('meetings.guestsHint')}</p>
          {values.guests.map((g, i) => (
            <div className="form-row guest-row" key={i}>
              <TextField id={`guest-${i}-name`} label={t('meetings.guest.name')} value={g.name} onChange={(e) => setGuest(i, { name: e.target.value })} />
              <TextField id={`guest-${i}-org`} label={t('meetings.guest.organisation')} value={g.organisation} onChange={(e) => setGuest(i, { organisation: e.target.value })} />
              <TextField id={`guest-${i}-email`} type="email" label={t('meetings.guest.email')} value={g.email} onChange={(e) => setGuest(i, { email: e.target.value })} />
              <button
                type="button"
                className="button button-tertiary button-small"
                onClick={() => setValues((v) => ({ ...v, guests: v.guests.filter((_, j) => j !== i) }))}
              >
                {t('meetings.guest.remove')}
                <span className="sr-only"> {g.name}</span>
              </button>
            </div>
          ))}
          <button type="button" className="button button-secondary button-small" onClick={() => setValues((v) => ({ ...v, guests: [...v.guests, { name: '', organisation: '', email: '' }] }))}>
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
