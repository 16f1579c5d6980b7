import { createBrowserRouter, useRouteError, type RouteObject } from 'react-router';
import { ErrorState, NotFound } from '@/components/states';
import { agreementRoutes } from '@/features/agreement/routes';
import { authRoutes } from '@/features/auth/routes';
import { goalRoutes } from '@/features/goals/routes';
import { GoalIndicators, indicatorRoutes } from '@/features/indicators/routes';
import { GoalInitiatives, initiativeRoutes } from '@/features/initiatives/routes';
import { Shell } from './Shell';

/** A page that crashed while rendering: say so inside the page, keep the rest of the app usable. */
function RouteError() {
  return <ErrorState error={useRouteError()} onRetry={() => window.location.reload()} />;
}

/** The goal page's sections filled by other features (features do not import each other; the app composes). */
const goalSlots = {
  indicators: (_id: number, code: string) => <GoalIndicators goalCode={code} />,
  initiatives: (_id: number, code: string) => <GoalInitiatives goalCode={code} />,
};

/** Every page, composed from the features' route lists (a new feature adds its list here). */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          ...agreementRoutes,
          ...authRoutes,
          ...goalRoutes(goalSlots),
          ...indicatorRoutes,
          ...initiativeRoutes,
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
