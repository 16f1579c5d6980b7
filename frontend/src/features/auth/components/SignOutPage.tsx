import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Loading, useDocumentTitle } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { useT } from '@/lib/i18n';

export function SignOutPage() {
  const t = useT();
  useDocumentTitle(t('auth.signOut.title'));
  const { signOut } = useAuth();
  const [done, setDone] = useState(false);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    signOut().finally(() => setDone(true));
  }, [signOut]);

  if (!done) return <Loading label={t('auth.signOut.busy')} />;
  return (
    <section className="narrow">
      <h1>{t('auth.signOut.title')}</h1>
      <div className="alert alert-success" role="status">
        <div className="alert-body">
          <p className="alert-text">{t('auth.signOut.done')}</p>
        </div>
      </div>
      <p>
        <Link to="/login" className="button button-primary">
          {t('auth.signOut.again')}
        </Link>
      </p>
    </section>
  );
}
