import type { RouteObject } from 'react-router';
import { page } from '@/lib/lazy';

const myOrganisationPage = page(() => import('./components/MyOrganisationPage'), 'MyOrganisationPage');

export const organisationRoutes: RouteObject[] = [
  { path: 'my-organisation', lazy: myOrganisationPage },
  { path: 'my-organisation/:slug', lazy: myOrganisationPage },
];
