import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ErrorSummary, TextField } from '@/components/form';
import { useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { fieldErrors, isProblemError } from '@/lib/problem';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const FIELD_IDS = { email: 'signin-email', password: 'signin-password' };

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
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  if (status === 'signed-in' && !busy) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!email.trim()) found.email = t('form.required');
    else if (!EMAIL.test(email.trim())) found.email = t('auth.signIn.invalidEmail');
    if (!password) found.password = t('form.required');
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length) {
      requestAnimationFrame(() => summary.current?.querySelector<HTMLElement>('[role=alert]')?.focus());
      return;
    }
    setBusy(true);
    try {
      const me = await signIn(email.trim(), password);
      navigate(me.must_change_password ? '/change-password' : next, { replace: true });
    } catch (error) {
      if (isProblemError(error, 401)) setMessage(t('auth.signIn.wrong'));
      else if (isProblemError(error, 429)) setMessage(t('auth.signIn.tooMany'));
      else if (isProblemError(error, 422)) {
        const server = fieldErrors(error.problem);
        setErrors({
          ...(server.username ? { email: server.username } : {}),
          ...(server.password ? { password: server.password } : {}),
        });
        setMessage(error.message);
      } else setMessage(isProblemError(error) ? error.message : t('state.error.network'));
      requestAnimationFrame(() => summary.current?.querySelector<HTMLElement>('[role=alert]')?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="narrow">
      <h1>{t('auth.signIn.title')}</h1>
      <p className="font-lead">{t('auth.signIn.intro')}</p>
      <div ref={summary}>
        <ErrorSummary
          errors={errors}
          fieldIds={FIELD_IDS}
          message={message ? `${t('auth.signIn.failed')}: ${message}` : null}
        />
      </div>
      <form onSubmit={submit} noValidate>
        <TextField
          id={FIELD_IDS.email}
          label={t('auth.signIn.email')}
          type="email"
          name="username"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors.email}
          required
        />
        <TextField
          id={FIELD_IDS.password}
          label={t('auth.signIn.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
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
