import { useEffect, useRef } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useNavigation } from 'react-router';
import { Loading } from '@/components/states';
import { useAuth } from '@/lib/auth';
import { useCan } from '@/lib/can';
import { useI18n, type MessageKey } from '@/lib/i18n';
import { NAV_ITEMS } from './nav';

const OPEN_WHILE_PASSWORD_PENDING = ['/change-password', '/logout'];

function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const other = locale === 'da' ? 'en' : 'da';
  return (
    <button
      type="button"
      className="button button-tertiary header-button"
      lang={other}
      aria-label={t('lang.switchToLabel')}
      onClick={() => setLocale(other)}
    >
      {t('lang.switchTo')}
    </button>
  );
}

function UserMenu() {
  const { t } = useI18n();
  const { status, me } = useAuth();
  const location = useLocation();
  if (status === 'loading') return null;
  if (!me) {
    if (location.pathname === '/login') return null;
    const next = location.pathname === '/' || location.pathname === '/logout' ? '' : `?next=${encodeURIComponent(location.pathname)}`;
    return (
      <Link to={`/login${next}`} className="button button-secondary header-button">
        {t('user.signIn')}
      </Link>
    );
  }
  return (
    <details className="user-menu">
      <summary className="button button-tertiary header-button" aria-label={t('user.menu', { name: me.name })}>
        <span className="user-name">{me.name}</span>
      </summary>
      <ul className="user-menu-list nobullet-list">
        <li className="user-menu-who">{t('user.signedInAs', { name: me.email ?? me.name })}</li>
        <li>
          <Link to="/change-password">{t('user.changePassword')}</Link>
        </li>
        <li>
          <Link to="/logout">{t('user.signOut')}</Link>
        </li>
      </ul>
    </details>
  );
}

function Flash() {
  const { t } = useI18n();
  const location = useLocation();
  const flash = (location.state as { flash?: MessageKey } | null)?.flash;
  if (!flash) return null;
  return (
    <div className="alert alert-success" role="status">
      <div className="alert-body">
        <p className="alert-text">{t(flash)}</p>
      </div>
    </div>
  );
}

/** After an in-app navigation, start screen readers and keyboard users at the new page's content. */
function useFocusMainOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('main-content')?.focus({ preventScroll: true });
  }, [pathname]);
}

/** A thin bar while the next page's code or data loads (pages load on first visit). */
function NavigationProgress() {
  const { t } = useI18n();
  const navigation = useNavigation();
  if (navigation.state === 'idle') return null;
  return (
    <div className="nav-progress" role="progressbar" aria-label={t('state.navigating')} aria-busy="true" />
  );
}

export function Shell() {
  const { t } = useI18n();
  const { status, me } = useAuth();
  const can = useCan();
  const navContext = { signedIn: !!me, can };
  const location = useLocation();
  useFocusMainOnNavigate();
  const mustChange = me?.must_change_password && !OPEN_WHILE_PASSWORD_PENDING.includes(location.pathname);

  return (
    <>
      <NavigationProgress />
      <a className="skipnav" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="page-width site-header-inner">
          <Link to="/" className="site-title">
            <span className="site-name">{t('app.name')}</span>
            <span className="site-tagline">{t('app.tagline')}</span>
          </Link>
          <div className="site-tools">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </div>
        {!me?.must_change_password && (
        <nav className="site-nav" aria-label={t('nav.label')}>
          <ul className="page-width site-nav-list nobullet-list no-max-width">
            {NAV_ITEMS.filter((item) => !item.show || item.show(navContext)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        )}
      </header>
      <main id="main-content" className="page-width site-main" tabIndex={-1}>
        {status === 'loading' ? (
          <Loading />
        ) : mustChange ? (
          <Navigate to="/change-password" replace />
        ) : (
          <>
            <Flash />
            <Outlet />
          </>
        )}
      </main>
      <footer className="site-footer">
        <div className="page-width">
          <p>{t('app.name')}</p>
        </div>
      </footer>
    </>
  );
}
