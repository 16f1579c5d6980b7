import type { RouteObject } from 'react-router';
import { page } from '@/lib/lazy';

export const agreementRoutes: RouteObject[] = [
  { index: true, lazy: page(() => import('./components/AgreementPage'), 'AgreementPage') },
];
