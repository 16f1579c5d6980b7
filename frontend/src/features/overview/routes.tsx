import type { RouteObject } from 'react-router';
import { lazyNamed, page } from '@/lib/lazy';

/** The overview is the signed-in front page; the app composes it at the index route. */
export const OverviewPage = lazyNamed(() => import('./components/OverviewPage'), 'OverviewPage');

export const overviewRoutes: RouteObject[] = [
  { path: 'overview', lazy: page(() => import('./components/OverviewPage'), 'OverviewPage') },
];
