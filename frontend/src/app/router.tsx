import { createBrowserRouter, useRouteError, type RouteObject } from 'react-router';
import { ErrorState, NotFound } from '@/components/states';
import { agreementRoutes } from '@/features/agreement/routes';
import { authRoutes } from '@/features/auth/routes';
import { goalRoutes } from '@/features/goals/routes';
import { Shell } from './Shell';

/** A page that crashed while rendering: say so inside the page, keep the rest of the app usable. */
function RouteError() {
  return <ErrorState error={useRouteError()} onRetry={() => window.location.reload()} />;
}

/** Every page, composed from the features' route lists (a new feature adds its list here). */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      {
        errorElement: <RouteError />,
        children: [...agreementRoutes, ...authRoutes, ...goalRoutes({}), { path: '*', element: <NotFound /> }],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
