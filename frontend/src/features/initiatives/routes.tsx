import type { RouteObject } from 'react-router';
import { lazyNamed, page } from '@/lib/lazy';

/** The goal page's initiative section (loaded when a goal page shows it). */
export const GoalInitiatives = lazyNamed(() => import('./components/GoalInitiatives'), 'GoalInitiatives');

export const initiativeRoutes: RouteObject[] = [
  { path: 'initiatives', lazy: page(() => import('./components/InitiativeListPage'), 'InitiativeListPage') },
  { path: 'initiatives/new', lazy: page(() => import('./components/InitiativeFormPage'), 'InitiativeNewPage') },
  {
    path: 'initiatives/import',
    lazy: page(() => import('./components/InitiativeImportPage'), 'InitiativeImportPage'),
  },
  { path: 'action-plans', lazy: page(() => import('./components/ActionPlanPages'), 'ActionPlansPage') },
  { path: 'action-plans/:planId', lazy: page(() => import('./components/ActionPlanPages'), 'ActionPlanPage') },
  {
    path: 'action-plans/:planId/diff',
    lazy: page(() => import('./components/ActionPlanDiffPage'), 'ActionPlanDiffPage'),
  },
  { path: 'coverage', lazy: page(() => import('./components/CoveragePage'), 'CoveragePage') },
  { path: 'good-stories', lazy: page(() => import('./components/GoodStoriesPage'), 'GoodStoriesPage') },
  {
    path: 'initiatives/:initiativeId',
    lazy: page(() => import('./components/InitiativeDetailPage'), 'InitiativeDetailPage'),
  },
  {
    path: 'initiatives/:initiativeId/edit',
    lazy: page(() => import('./components/InitiativeFormPage'), 'InitiativeEditPage'),
  },
];
