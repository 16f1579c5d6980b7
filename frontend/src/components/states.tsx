/** Loading, error, empty and not-found states shared by every page. */
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n, useT } from '@/lib/i18n';
import { isProblemError } from '@/lib/problem';

export function useDocumentTitle(title: string | null | undefined): void {
  const { t } = useI18n();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} – ${app}` : app;
  }, [title, app]);
}

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('state.loading')}</span>
    </div>
  );
}

export function NotFound() {
  const t = useT();
  useDocumentTitle(t('state.notFound.title'));
  return (
    <section className="state state-not-found">
      <h1>{t('state.notFound.title')}</h1>
      <p>{t('state.notFound.text')}</p>
      <p>
        <Link to="/">{t('state.notFound.home')}</Link>
      </p>
    </section>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (isProblemError(error, 404)) return <NotFound />;
  const message = isProblemError(error)
    ? error.message
    : error instanceof TypeError && /fetch|network/i.test(error.message)
      ? t('state.error.network')
      : t('state.error.unexpected');
  return (
    <div className="alert alert-error" role="alert">
      <div className="alert-body">
        <h2 className="alert-heading">{t('state.error.title')}</h2>
        <p className="alert-text">{message}</p>
        {onRetry && (
          <button type="button" className="button button-secondary" onClick={onRetry}>
            {t('state.error.retry')}
          </button>
        )}
      </div>
    </div>
  );
}

export function EmptyState({ children }: { children?: ReactNode }) {
  const t = useT();
  return <p className="state state-empty">{children ?? t('state.empty')}</p>;
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** Render a query's loading and error states, and its data once there. */
export function QueryView<T>({ query, children }: { query: QueryLike<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.error || query.data === undefined)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
