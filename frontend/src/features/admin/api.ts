/** Administration: organisations, users, memberships, API clients, the audit trail and the security log. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type Schemas } from '@/lib/api';

export type Organisation = Schemas['OrganisationPublic'];
export type OrganisationKind = Schemas['OrganisationKind'];
export type User = Schemas['UserPublic'];
export type Membership = Schemas['MembershipPublic'];
export type Role = Schemas['Role'];
export type ApiClient = Schemas['ApiClientPublic'];
export type AuditEvent = Schemas['AuditEventPublic'];
export type SecurityEvent = Schemas['SecurityEventPublic'];
export type SecurityEventKind = Schemas['SecurityEventKind'];

export const ROLES: Role[] = ['viewer', 'reporter', 'editor', 'admin'];
export const CLIENT_ROLES = ['viewer', 'reporter', 'editor'] as const;
export const ORGANISATION_KINDS: OrganisationKind[] = ['kommune', 'boligorganisation', 'politi', 'secretariat', 'residents_board', 'other'];
export const PAGE = 50;

export const adminKeys = {
  all: ['admin'] as const,
  users: (q: string) => [...adminKeys.all, 'users', q] as const,
  user: (id: number) => [...adminKeys.all, 'user', id] as const,
  memberships: (userId: number) => [...adminKeys.all, 'memberships', userId] as const,
  clients: () => [...adminKeys.all, 'clients'] as const,
  audit: (filters: AuditFilters, offset: number) => [...adminKeys.all, 'audit', filters, offset] as const,
  security: (filters: SecurityFilters, offset: number) => [...adminKeys.all, 'security', filters, offset] as const,
};

const invalidate = (queryClient: ReturnType<typeof useQueryClient>) => () => {
  void queryClient.invalidateQueries({ queryKey: adminKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['organisations'] });
};

// ---------------------------------------------------------------- organisations
export const organisationsQuery = () =>
  queryOptions({
    queryKey: ['organisations', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/organisations', { params: { query: { limit: 200 } } })),
    staleTime: 10 * 60_000,
  });

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['OrganisationCreate']) => unwrap(api.POST('/api/v1/organisations', { body })),
    onSuccess: invalidate(queryClient),
  });
}

export function useUpdateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ org, body }: { org: Organisation; body: Schemas['OrganisationUpdate'] }) =>
      unwrap(
        api.PATCH('/api/v1/organisations/{organisation_id}', {
          params: { path: { organisation_id: org.id }, header: { 'If-Match': ifMatch(org.version) } },
          body,
        }),
      ),
    onSuccess: invalidate(queryClient),
  });
}

// ---------------------------------------------------------------- users
export const usersQuery = (q: string) =>
  queryOptions({
    queryKey: adminKeys.users(q),
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: q || undefined, limit: 500 } } })),
    placeholderData: (previous) => previous,
  });

export const userQuery = (id: number) =>
  queryOptions({
    queryKey: adminKeys.user(id),
    queryFn: () => unwrap(api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: id } } })),
  });

export const membershipsQuery = (userId: number) =>
  queryOptions({
    queryKey: adminKeys.memberships(userId),
    queryFn: () => unwrap(api.GET('/api/v1/memberships', { params: { query: { user_id: userId, limit: 200 } } })),
  });

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UserCreate']) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: invalidate(queryClient),
  });
}

/** Deactivate, activate or reset a user's password (the last answers a new one-time password). */
export function useUserAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ user, action }: { user: User; action: 'deactivate' | 'activate' | 'reset-password' }) => {
      const params = { path: { user_id: user.id }, header: { 'If-Match': ifMatch(user.version) } };
      if (action === 'reset-password') return unwrap(api.POST('/api/v1/users/{user_id}/reset-password', { params }));
      if (action === 'deactivate') return unwrap(api.POST('/api/v1/users/{user_id}/deactivate', { params }));
      return unwrap(api.POST('/api/v1/users/{user_id}/activate', { params }));
    },
    onSuccess: invalidate(queryClient),
  });
}

export function useCreateMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['MembershipCreate']) => unwrap(api.POST('/api/v1/memberships', { body })),
    onSuccess: invalidate(queryClient),
  });
}

export function useUpdateMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ membership, role }: { membership: Membership; role: Role }) =>
      unwrap(
        api.PATCH('/api/v1/memberships/{membership_id}', {
          params: { path: { membership_id: membership.id }, header: { 'If-Match': ifMatch(membership.version) } },
          body: { role },
        }),
      ),
    onSuccess: invalidate(queryClient),
  });
}

export function useDeleteMembership() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (membership: Membership) =>
      unwrap(
        api.DELETE('/api/v1/memberships/{membership_id}', {
          params: { path: { membership_id: membership.id }, header: { 'If-Match': ifMatch(membership.version) } },
        }),
      ),
    onSuccess: invalidate(queryClient),
  });
}

// ---------------------------------------------------------------- API clients
export const clientsQuery = () =>
  queryOptions({ queryKey: adminKeys.clients(), queryFn: () => unwrap(api.GET('/api/v1/api-clients', { params: { query: { limit: 500 } } })) });

export function useCreateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ApiClientCreate']) => unwrap(api.POST('/api/v1/api-clients', { body })),
    onSuccess: invalidate(queryClient),
  });
}

export function useRotateClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (client: ApiClient) =>
      unwrap(
        api.POST('/api/v1/api-clients/{client_pk}/rotate-secret', {
          params: { path: { client_pk: client.id }, header: { 'If-Match': ifMatch(client.version) } },
        }),
      ),
    onSuccess: invalidate(queryClient),
  });
}

export function useRevokeClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (client: ApiClient) =>
      unwrap(
        api.DELETE('/api/v1/api-clients/{client_pk}', {
          params: { path: { client_pk: client.id }, header: { 'If-Match': ifMatch(client.version) } },
        }),
      ),
    onSuccess: invalidate(queryClient),
  });
}

// ---------------------------------------------------------------- audit and security log
export interface AuditFilters {
  actor_id?: number;
  action?: string;
  object_type?: string;
  object_id?: string;
  organisation_id?: number;
  since?: string;
  until?: string;
}

/** A day (yyyy-mm-dd) in Copenhagen as the instant it starts. */
function dayStart(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

export const auditQuery = (filters: AuditFilters, offset: number) =>
  queryOptions({
    queryKey: adminKeys.audit(filters, offset),
    placeholderData: (previous) => previous,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/audit-events', {
          params: {
            query: {
              ...filters,
              since: filters.since ? dayStart(filters.since) : undefined,
              until: filters.until ? new Date(new Date(dayStart(filters.until)).getTime() + 86_400_000).toISOString() : undefined,
              limit: PAGE,
              offset,
            },
          },
        }),
      ),
  });

export interface SecurityFilters {
  kind?: SecurityEventKind;
  subject?: string;
}

export const securityQuery = (filters: SecurityFilters, offset: number) =>
  queryOptions({
    queryKey: adminKeys.security(filters, offset),
    placeholderData: (previous) => previous,
    queryFn: () => unwrap(api.GET('/api/v1/security-events', { params: { query: { ...filters, limit: PAGE, offset } } })),
  });
