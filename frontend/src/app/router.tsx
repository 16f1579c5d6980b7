import { createBrowserRouter, type RouteObject } from 'react-router';
import { NotFound } from '@/components/states';
import { agreementRoutes } from '@/features/agreement/routes';
import { authRoutes } from '@/features/auth/routes';
import { goalRoutes } from '@/features/goals/routes';
import { Shell } from './Shell';

/** Every page, composed from the features' route lists (a new feature adds its list here). */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [...agreementRoutes, ...authRoutes, ...goalRoutes({}), { path: '*', element: <NotFound /> }],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
