import { Navigate, useNavigate } from 'react-router';
import { z } from 'zod';
import { ErrorSummary, TextField } from '@/components/form';
import { schemaFor, useSchemaForm } from '@/components/schemaForm';
import { useDocumentTitle } from '@/components/states';
import { api, unwrap, type Schemas } from '@/lib/api';
import { useAuth } from '@/lib/auth';
import { useT } from '@/lib/i18n';

const FIELD_IDS = { current_password: 'pw-current', new_password: 'pw-new', repeat: 'pw-repeat' };

/** The new password typed twice; the server has the last word on its strength. */
export const passwordSchema = schemaFor<Schemas['PasswordChange']>()(
  z
    .object({
      current_password: z.string().min(1, 'form.required'),
      new_password: z.string().min(10, 'auth.password.tooShort'),
      repeat: z.string(),
    })
    .refine((v) => v.repeat === v.new_password, { path: ['repeat'], message: 'auth.password.mismatch' })
    .transform(({ current_password, new_password }) => ({ current_password, new_password })),
);

export function ChangePasswordPage() {
  const t = useT();
  useDocumentTitle(t('auth.password.title'));
  const { me, status, signIn } = useAuth();
  const navigate = useNavigate();
  const form = useSchemaForm(passwordSchema, { current_password: '', new_password: '', repeat: '' });
  const { register, errors: problems } = form;
  const errors = problems.errors;
  const busy = form.formState.isSubmitting;

  if (status === 'anonymous') return <Navigate to="/login?next=/change-password" replace />;

  const submit = form.submitWith(async (body) => {
    try {
      await unwrap(api.POST('/api/v1/auth/password', { body }));
      // The change ends every session, this one's refresh token included: sign in anew with the new password.
      if (me?.email) await signIn(me.email, body.new_password);
      navigate('/', { replace: true, state: { flash: 'auth.password.done' } });
    } catch (error) {
      problems.fail(error);
    }
  });

  return (
    <section className="narrow">
      <h1>{t('auth.password.title')}</h1>
      {me?.must_change_password && (
        <div className="alert alert-info">
          <div className="alert-body">
            <p className="alert-text">{t('auth.password.forced')}</p>
          </div>
        </div>
      )}
      <div ref={problems.summaryRef}>
        <ErrorSummary errors={errors} fieldIds={FIELD_IDS} message={problems.message} />
      </div>
      <form onSubmit={submit} noValidate>
        <input type="hidden" name="username" autoComplete="username" value={me?.email ?? ''} />
        <TextField
          id={FIELD_IDS.current_password}
          label={t('auth.password.current')}
          type="password"
          autoComplete="current-password"
          {...register('current_password')}
          error={errors.current_password}
        />
        <TextField
          id={FIELD_IDS.new_password}
          label={t('auth.password.new')}
          hint={t('auth.password.newHint')}
          type="password"
          autoComplete="new-password"
          {...register('new_password')}
          error={errors.new_password}
        />
        <TextField
          id={FIELD_IDS.repeat}
          label={t('auth.password.repeat')}
          type="password"
          autoComplete="new-password"
          {...register('repeat')}
          error={errors.repeat}
        />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('auth.password.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
