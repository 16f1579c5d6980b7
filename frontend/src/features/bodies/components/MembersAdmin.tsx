/**
 * Admins keep a body's members: seat a user of Sammen or an external participant (the church, a local
 * business) with their affiliation, in a seat or none, with a role and a term; end a term (the history
 * stays, and so does the attendance tied to it).
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '@/components/Alert';
import { ErrorSummary, FormActions, SelectField, TextField } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { ScrollTable } from '@/components/ScrollTable';
import { copenhagenParts } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';
import { organisationsQuery, useCreateMember, useEndMembership, usersQuery, type Body, type Member } from '../api';
import { BODY_ROLES, memberSchema } from '../forms';
import { Affiliation } from './bits';

const IDS = {
  user_id: 'member-user',
  person_name: 'member-name',
  person_organisation: 'member-affiliation',
  organisation_id: 'member-organisation',
  seat_code: 'member-seat',
  role: 'member-role',
  from_date: 'member-from',
  to_date: 'member-to',
};

function today(): string {
  return copenhagenParts(new Date()).date;
}

export function MemberForm({ body, onDone }: { body: Body; onDone: () => void }) {
  const { t } = useI18n();
  const create = useCreateMember(body.id);
  const orgs = useQuery(organisationsQuery());
  const form = useSchemaForm(memberSchema, {
    kind: 'user',
    user_id: '',
    person_name: '',
    person_organisation: '',
    email: '',
    organisation_id: '',
    seat_code: '',
    role: 'member',
    from_date: today(),
    to_date: '',
  });
  const { register, watch, errors: problems } = form;
  const errors = problems.errors;
  const external = watch('kind') === 'external';
  // the search narrows the user list; it is not part of what is sent
  const [q, setQ] = useState('');
  const users = useQuery({ ...usersQuery(q.trim()), enabled: !external });
  const submit = form.submitWith(async (member) => {
    try {
      await create.mutateAsync(member);
      onDone();
    } catch (error) {
      problems.fail(error);
    }
  });
  return (
    <form className="record-form member-form" onSubmit={submit} noValidate>
      <h3>{t('members.add')}</h3>
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={IDS} message={problems.message} />
      </div>
      <fieldset className="form-group">
        <legend className="form-label">{t('members.who')}</legend>
        {(['user', 'external'] as const).map((kind) => (
          <div className="form-group-radio" key={kind}>
            <input type="radio" className="form-radio" id={`member-kind-${kind}`} value={kind} {...register('kind')} />
            <label htmlFor={`member-kind-${kind}`}>{t(`members.kind.${kind}`)}</label>
          </div>
        ))}
      </fieldset>
      {external ? (
        <>
          <TextField id={IDS.person_name} label={t('members.name')} {...register('person_name')} error={errors.person_name} />
          <TextField
            id={IDS.person_organisation}
            label={`${t('members.affiliation')} ${t('form.optional')}`}
            hint={t('members.affiliationHint')}
            {...register('person_organisation')}
            error={errors.person_organisation}
          />
          <TextField id="member-email" type="email" label={`${t('meetings.guest.email')} ${t('form.optional')}`} {...register('email')} error={errors.email} />
        </>
      ) : (
        <>
          <TextField id="member-user-q" type="search" label={t('members.findUser')} value={q} onChange={(e) => setQ(e.target.value)} />
          <SelectField
            id={IDS.user_id}
            label={t('members.user')}
            {...register('user_id')}
            error={errors.user_id}
            options={[{ value: '', label: t('form.choose') }, ...(users.data?.items ?? []).map((u) => ({ value: String(u.id), label: `${u.name} (${u.email})` }))]}
          />
        </>
      )}
      <SelectField
        id={IDS.seat_code}
        label={`${t('members.seat')} ${t('form.optional')}`}
        {...register('seat_code')}
        error={errors.seat_code}
        options={[{ value: '', label: t('members.noSeat') }, ...body.seats.map((s) => ({ value: s.code, label: s.title }))]}
      />
      <SelectField
        id={IDS.organisation_id}
        label={`${t('members.organisation')} ${t('form.optional')}`}
        hint={t('members.organisationHint')}
        {...register('organisation_id')}
        error={errors.organisation_id}
        options={[{ value: '', label: t('members.fromSeat') }, ...(orgs.data?.items ?? []).map((o) => ({ value: String(o.id), label: o.name }))]}
      />
      <SelectField id={IDS.role} label={t('members.role')} {...register('role')} error={errors.role} options={BODY_ROLES.map((r) => ({ value: r, label: t(`bodies.role.${r}`) }))} />
      <div className="form-row">
        <TextField id={IDS.from_date} type="date" label={t('members.from')} {...register('from_date')} error={errors.from_date} className="form-input input-width-s" />
        <TextField id={IDS.to_date} type="date" label={`${t('members.to')} ${t('form.optional')}`} {...register('to_date')} error={errors.to_date} className="form-input input-width-s" />
      </div>
      <FormActions submit={t('members.add')} pending={create.isPending} cancel={onDone} />
    </form>
  );
}

/** Every membership, ended ones too, with the term and a way to end a current one today. */
export function MembershipTable({ body, members }: { body: Body; members: Member[] }) {
  const { t, date } = useI18n();
  const end = useEndMembership(body.id);
  const [error, setError] = useState<string | null>(null);
  const seat = (code: string | null) => body.seats.find((s) => s.code === code)?.title ?? '–';
  return (
    <>
      {error && <Alert kind="error">{error}</Alert>}
      <ScrollTable label={t('members.all')}>
        <table className="table table--compact table--responsive-headers membership-table">
          <caption className="sr-only">{t('members.all')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.seat')}</th>
              <th scope="col">{t('members.organisation')}</th>
              <th scope="col">{t('members.term')}</th>
              <th scope="col">{t('mandates.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id} data-membership={m.id} data-current={m.current ? 'yes' : 'no'}>
                <th scope="row">
                  {m.person_name}
                  {m.role !== 'member' && <span className="badge badge-neutral">{t(`bodies.role.${m.role}`)}</span>}
                </th>
                <td data-title={t('members.seat')}>{seat(m.seat_code)}</td>
                <td data-title={t('members.organisation')}>
                  <Affiliation member={m} />
                </td>
                <td data-title={t('members.term')}>
                  {date(m.from_date)} – {m.to_date ? date(m.to_date) : ''}
                </td>
                <td data-title={t('mandates.actions')}>
                  {m.current && body.status !== 'dissolved' && (
                    <button
                      type="button"
                      className="button button-tertiary button-small"
                      disabled={end.isPending}
                      onClick={() =>
                        end.mutate(
                          { member: m, on: today() },
                          {
                            onSuccess: () => setError(null),
                            onError: (e) => setError(isProblemError(e, 412) ? t('members.changedMeanwhile') : isProblemError(e) ? e.message : t('state.error.network')),
                          },
                        )
                      }
                    >
                      {t('members.endToday')}
                      <span className="sr-only">: {m.person_name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}
