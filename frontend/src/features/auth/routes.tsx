import type { RouteObject } from 'react-router';
import { ChangePasswordPage } from './components/ChangePasswordPage';
import { SignInPage } from './components/SignInPage';
import { SignOutPage } from './components/SignOutPage';

export const authRoutes: RouteObject[] = [
  { path: 'login', element: <SignInPage /> },
  { path: 'logout', element: <SignOutPage /> },
  { path: 'change-password', element: <ChangePasswordPage /> },
];
