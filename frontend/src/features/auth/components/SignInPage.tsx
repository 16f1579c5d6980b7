import { Controller } from 'react-hook-form';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { ErrorSummary, TextField } from '@/components/form';
import { useSchemaForm } from '@/components/schemaForm';
import { useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FIELD_IDS = { email: 'signin-email', password: 'signin-password' };

/** Checked before asking the server, for a Danish message at once (the token endpoint takes a form, not JSON). */
const signInSchema = z.object({
  email: z.string().trim().min(1, 'form.required').regex(EMAIL, 'auth.signIn.invalidEmail'),
  password: z.string().min(1, 'form.required'),
});

/** Only same-site paths are followed after signing in. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage() {
  const t = useT();
  useDocumentTitle(t('auth.signIn.title'));
  const { signIn, status } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const form = useSchemaForm(signInSchema, { email: '', password: '' });
  const { register, control, errors: problems } = form;
  const { errors, message } = problems;
  const busy = form.formState.isSubmitting;

  if (status === 'signed-in' && !busy) return <Navigate to={next} replace />;

  const submit = form.submitWith(async ({ email, password }) => {
    try {
      const me = await signIn(email, password);
      navigate(me.must_change_password ? '/change-password' : next, { replace: true });
    } catch (error) {
      if (isProblemError(error, 401) || isProblemError(error, 429)) {
        problems.setMessage(t(error.status === 401 ? 'auth.signIn.wrong' : 'auth.signIn.tooMany'));
        problems.focus();
      } else {
        // the token endpoint names the e-mail field `username`, as OAuth2 does
        problems.fail(error, (field) => (field === 'username' ? 'email' : field));
      }
    }
  });

  return (
    <section className="narrow">
      <h1>{t('auth.signIn.title')}</h1>
      <p className="font-lead">{t('auth.signIn.intro')}</p>
      <div ref={problems.summaryRef}>
        <ErrorSummary
          errors={errors}
          fieldIds={FIELD_IDS}
          message={message ? `${t('auth.signIn.failed')}: ${message}` : null}
        />
      </div>
      <form onSubmit={submit} noValidate>
        <Controller
          name="email"
          control={control}
          render={({ field }) => (
            // a controlled field, so the input keeps the name password managers look for
            <TextField
              id={FIELD_IDS.email}
              label={t('auth.signIn.email')}
              type="email"
              autoComplete="username"
              {...field}
              name="username"
              error={errors.email}
              required
            />
          )}
        />
        <TextField
          id={FIELD_IDS.password}
          label={t('auth.signIn.password')}
          type="password"
          autoComplete="current-password"
          {...register('password')}
          error={errors.password}
          required
        />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
