import type { RouteObject } from 'react-router';
import { page } from '@/lib/lazy';

/** The Effektstatus pages, loaded on first visit. */
export const reportRoutes: RouteObject[] = [
  { path: 'reports', lazy: page(() => import('./components/ReportListPage'), 'ReportListPage') },
  { path: 'reports/:id', lazy: page(() => import('./components/ReportPage'), 'ReportPage') },
];
