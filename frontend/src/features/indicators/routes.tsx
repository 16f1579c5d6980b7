import type { RouteObject } from 'react-router';
import { lazyNamed, page } from '@/lib/lazy';

/** The goal page's indicator section (loaded when a goal page shows it). */
export const GoalIndicators = lazyNamed(() => import('./components/GoalIndicators'), 'GoalIndicators');

export const indicatorRoutes: RouteObject[] = [
  { path: 'indicators', lazy: page(() => import('./components/IndicatorListPage'), 'IndicatorListPage') },
  { path: 'indicators/:code', lazy: page(() => import('./components/IndicatorDetailPage'), 'IndicatorDetailPage') },
  {
    path: 'indicators/:code/observations',
    lazy: page(() => import('./components/ObservationEntryPage'), 'ObservationEntryPage'),
  },
  { path: 'observations/import', lazy: page(() => import('./components/ImportPage'), 'ImportPage') },
];
