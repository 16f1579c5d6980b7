import type { RouteObject } from 'react-router';
import { ImportPage } from './components/ImportPage';
import { IndicatorDetailPage } from './components/IndicatorDetailPage';
import { IndicatorListPage } from './components/IndicatorListPage';
import { ObservationEntryPage } from './components/ObservationEntryPage';

export { GoalIndicators } from './components/GoalIndicators';

export const indicatorRoutes: RouteObject[] = [
  { path: 'indicators', element: <IndicatorListPage /> },
  { path: 'indicators/:code', element: <IndicatorDetailPage /> },
  { path: 'indicators/:code/observations', element: <ObservationEntryPage /> },
  { path: 'observations/import', element: <ImportPage /> },
];
