import type { RouteObject } from 'react-router';
import { page } from '@/lib/lazy';

export const adminRoutes: RouteObject[] = [
  { path: 'admin', lazy: page(() => import('./components/AdminIndexPage'), 'AdminIndexPage') },
  { path: 'admin/organisations', lazy: page(() => import('./components/OrganisationsPage'), 'OrganisationsPage') },
  { path: 'admin/users', lazy: page(() => import('./components/UsersPage'), 'UsersPage') },
  { path: 'admin/users/:userId', lazy: page(() => import('./components/UserPage'), 'UserPage') },
  { path: 'admin/api-clients', lazy: page(() => import('./components/ApiClientsPage'), 'ApiClientsPage') },
  { path: 'admin/audit', lazy: page(() => import('./components/AuditLogPage'), 'AuditLogPage') },
  { path: 'admin/security', lazy: page(() => import('./components/SecurityLogPage'), 'SecurityLogPage') },
];
