import type { RouteObject } from 'react-router';
import { lazyNamed, page } from '@/lib/lazy';

/** The agreement as the front page for visitors who are not signed in (the app composes it). */
export const AgreementPage = lazyNamed(() => import('./components/AgreementPage'), 'AgreementPage');

/** The agreement's own page. */
export const agreementRoutes: RouteObject[] = [
  { path: 'agreement', lazy: page(() => import('./components/AgreementPage'), 'AgreementPage') },
];
