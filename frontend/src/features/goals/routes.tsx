import type { RouteObject } from 'react-router';
import { page } from '@/lib/lazy';
import type { GoalSlots } from './slots';

export function goalRoutes(slots: GoalSlots = {}): RouteObject[] {
  return [
    { path: 'goals', lazy: page(() => import('./components/GoalTreePage'), 'GoalTreePage') },
    {
      path: 'goals/:goalId',
      lazy: async () => {
        const { GoalDetailPage } = await import('./components/GoalDetailPage');
        return { Component: () => <GoalDetailPage slots={slots} /> };
      },
    },
    { path: 'goals/:goalId/edit', lazy: page(() => import('./components/GoalEditPage'), 'GoalEditPage') },
  ];
}
