import type { RouteObject } from 'react-router';
import { InitiativeDetailPage } from './components/InitiativeDetailPage';
import { InitiativeEditPage, InitiativeNewPage } from './components/InitiativeFormPage';
import { InitiativeListPage } from './components/InitiativeListPage';

export { GoalInitiatives } from './components/GoalInitiatives';

export const initiativeRoutes: RouteObject[] = [
  { path: 'initiatives', element: <InitiativeListPage /> },
  { path: 'initiatives/new', element: <InitiativeNewPage /> },
  { path: 'initiatives/:initiativeId', element: <InitiativeDetailPage /> },
  { path: 'initiatives/:initiativeId/edit', element: <InitiativeEditPage /> },
];
