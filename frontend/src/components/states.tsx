/** Loading (spinner and skeletons), error, empty and refusal (401/403/404) states shared by every page. */
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth } from '@/lib/auth';
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

/**
 * Grey placeholders in the shape of what is coming (lines of text, a table's rows), announced once
 * as "loading"; they keep the layout still while a page's data arrives.
 */
export function Skeleton({ lines = 3, rows = 0, label }: { lines?: number; rows?: number; label?: string }) {
  const t = useT();
  return (
    <div className="skeleton" role="status" aria-live="polite" data-skeleton>
      <span className="sr-only">{label ?? t('state.loading')}</span>
      {Array.from({ length: lines }, (_, i) => (
        <span key={`l${i}`} className="skeleton-line" aria-hidden="true" style={{ width: `${92 - ((i * 17) % 40)}%` }} />
      ))}
      {rows > 0 && (
        <span className="skeleton-table" aria-hidden="true">
          {Array.from({ length: rows }, (_, i) => (
            <span key={`r${i}`} className="skeleton-row" />
          ))}
        </span>
      )}
    </div>
  );
}

export type RefusalStatus = 401 | 403 | 404;

/**
 * The page a refused request leads to, in the user's language: not found (404, also what another
 * organisation's restricted content answers), not allowed (403), or sign in first (401). Signed-out
 * visitors get a sign-in link that brings them back here, since signing in may well open the page.
 */
export function Refusal({ status }: { status: RefusalStatus }) {
  const t = useT();
  const { status: auth } = useAuth();
  const location = useLocation();
  const anonymous = auth === 'anonymous';
  const title =
    status === 401 ? t('state.refused.signInTitle') : status === 403 ? t('state.refused.title') : t('state.notFound.title');
  const text =
    status === 401
      ? t('state.refused.signInText')
      : status === 403
        ? t(anonymous ? 'state.refused.anonymousText' : 'state.refused.text')
        : t(anonymous ? 'state.notFound.anonymousText' : 'state.notFound.text');
  useDocumentTitle(title);
  const next = `${location.pathname}${location.search}`;
  return (
    <section className="state state-not-found state-refused" data-refusal={status}>
      <h1>{title}</h1>
      <p>{text}</p>
      <ul className="nobullet-list refusal-links">
        {anonymous && (
          <li>
            <Link className="button button-primary" to={`/login?next=${encodeURIComponent(next)}`}>
              {t('state.refused.signIn')}
            </Link>
          </li>
        )}
        <li>
          <Link to="/">{t('state.notFound.home')}</Link>
        </li>
      </ul>
    </section>
  );
}

export function NotFound() {
  return <Refusal status={404} />;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  for (const status of [401, 403, 404] as const) {
    if (isProblemError(error, status)) return <Refusal status={status} />;
  }
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

/** Render a query's loading state (a spinner, or the `skeleton` given) and error states, and its data once there. */
export function QueryView<T>({
  query,
  children,
  skeleton,
}: {
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
  skeleton?: ReactNode;
}) {
  if (query.isPending) return <>{skeleton ?? <Loading />}</>;
  if (query.error || query.data === undefined)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}
