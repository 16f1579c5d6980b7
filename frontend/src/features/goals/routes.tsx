import type { RouteObject } from 'react-router';
import { GoalDetailPage } from './components/GoalDetailPage';
import { GoalEditPage } from './components/GoalEditPage';
import { GoalTreePage } from './components/GoalTreePage';
import type { GoalSlots } from './slots';

export function goalRoutes(slots: GoalSlots = {}): RouteObject[] {
  return [
    { path: 'goals', element: <GoalTreePage /> },
    { path: 'goals/:goalId', element: <GoalDetailPage slots={slots} /> },
    { path: 'goals/:goalId/edit', element: <GoalEditPage /> },
  ];
}
