import type { RouteObject } from 'react-router';
import { page } from '@/lib/lazy';

export const authRoutes: RouteObject[] = [
  { path: 'login', lazy: page(() => import('./components/SignInPage'), 'SignInPage') },
  { path: 'logout', lazy: page(() => import('./components/SignOutPage'), 'SignOutPage') },
  { path: 'change-password', lazy: page(() => import('./components/ChangePasswordPage'), 'ChangePasswordPage') },
];
