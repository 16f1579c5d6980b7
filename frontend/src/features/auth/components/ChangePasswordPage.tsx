import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { ErrorSummary, TextField } from '@/components/form';
import { useDocumentTitle } from '@/components/states';
import { api, unwrap } from '@/lib/api';
import { useAuth } from '@/lib/auth';
import { useT } from '@/lib/i18n';
import { fieldErrors, isProblemError } from '@/lib/problem';

const FIELD_IDS = { current_password: 'pw-current', new_password: 'pw-new', repeat: 'pw-repeat' };

export function ChangePasswordPage() {
  const t = useT();
  useDocumentTitle(t('auth.password.title'));
  const { me, status, signIn } = useAuth();
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  if (status === 'anonymous') return <Navigate to="/login?next=/change-password" replace />;

  const focusSummary = () =>
    requestAnimationFrame(() => summary.current?.querySelector<HTMLElement>('[role=alert]')?.focus());

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!current) found.current_password = t('form.required');
    if (next.length < 10) found.new_password = t('auth.password.tooShort');
    if (repeat !== next) found.repeat = t('auth.password.mismatch');
    setErrors(found);
    setMessage(null);
    if (Object.keys(found).length) return focusSummary();
    setBusy(true);
    try {
      await unwrap(api.POST('/api/v1/auth/password', { body: { current_password: current, new_password: next } }));
      // The change ends every session, this one's refresh token included: sign in anew with the new password.
      if (me?.email) await signIn(me.email, next);
      navigate('/', { replace: true, state: { flash: 'auth.password.done' } });
    } catch (error) {
      if (isProblemError(error)) {
        setErrors(fieldErrors(error.problem));
        setMessage(error.message);
      } else setMessage(t('state.error.network'));
      focusSummary();
    } finally {
      setBusy(false);
    }
  }

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
      <div ref={summary}>
        <ErrorSummary errors={errors} fieldIds={FIELD_IDS} message={message} />
      </div>
      <form onSubmit={submit} noValidate>
        <input type="hidden" name="username" autoComplete="username" value={me?.email ?? ''} />
        <TextField
          id={FIELD_IDS.current_password}
          label={t('auth.password.current')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={errors.current_password}
        />
        <TextField
          id={FIELD_IDS.new_password}
          label={t('auth.password.new')}
          hint={t('auth.password.newHint')}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={errors.new_password}
        />
        <TextField
          id={FIELD_IDS.repeat}
          label={t('auth.password.repeat')}
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
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
