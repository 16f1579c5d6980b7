/** Bodies, their members and composition, and their kommissorier (mandates): queries and changes. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type Schemas } from '@/lib/api';

export type Body = Schemas['BodyPublic'];
export type BodyKind = Schemas['BodyKind'];
export type BodyStatus = Schemas['BodyStatus'];
export type Mandate = Schemas['MandatePublic'];
export type MandateStatus = Schemas['MandateStatus'];
export type MandateCreate = Schemas['MandateCreate'];
export type MandateUpdate = Schemas['MandateUpdate'];
export type MandateApprove = Schemas['MandateApprove'];
export type Member = Schemas['MemberPublic'];
export type Composition = Schemas['CompositionReport'];
export type SeatReport = Schemas['SeatReport'];
export type BodyCreate = Schemas['BodyCreate'];
export type BodyActivate = Schemas['BodyActivate'];
export type BodyDissolve = Schemas['BodyDissolve'];
export type Decision = Schemas['DecisionPublic'];

/** The kommissorium's text fields, in the order the agreement lists them. */
export const MANDATE_FIELDS = [
  'purpose',
  'tasks',
  'composition',
  'meeting_frequency',
  'working_form',
  'duration',
  'deliverables',
] as const satisfies readonly (keyof MandateCreate)[];
export type MandateField = (typeof MANDATE_FIELDS)[number];

export const bodyKeys = {
  all: ['bodies'] as const,
  list: () => [...bodyKeys.all, 'list'] as const,
  detail: (id: number) => [...bodyKeys.all, 'detail', id] as const,
  composition: (id: number) => [...bodyKeys.all, 'composition', id] as const,
  members: (id: number) => [...bodyKeys.all, 'members', id] as const,
  mandates: (id: number) => [...bodyKeys.all, 'mandates', id] as const,
  mandate: (id: number) => ['mandates', id] as const,
};

export const bodiesQuery = () =>
  queryOptions({
    queryKey: bodyKeys.list(),
    queryFn: () => unwrap(api.GET('/api/v1/bodies', { params: { query: { limit: 500 } } })),
  });

export const bodyQuery = (id: number) =>
  queryOptions({
    queryKey: bodyKeys.detail(id),
    queryFn: () => fetchBody(id),
  });

export function fetchBody(id: number): Promise<Body> {
  return unwrap(api.GET('/api/v1/bodies/{body_id}', { params: { path: { body_id: id } } }));
}

export const compositionQuery = (id: number) =>
  queryOptions({
    queryKey: bodyKeys.composition(id),
    queryFn: () => unwrap(api.GET('/api/v1/bodies/{body_id}/composition', { params: { path: { body_id: id } } })),
  });

export const membersQuery = (id: number) =>
  queryOptions({
    queryKey: bodyKeys.members(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/bodies/{body_id}/members', { params: { path: { body_id: id }, query: { limit: 500 } } })),
  });

export const mandatesQuery = (id: number) =>
  queryOptions({
    queryKey: bodyKeys.mandates(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/bodies/{body_id}/mandates', { params: { path: { body_id: id }, query: { limit: 100 } } })),
  });

export const mandateQuery = (id: number) =>
  queryOptions({
    queryKey: bodyKeys.mandate(id),
    queryFn: () => fetchMandate(id),
  });

export function fetchMandate(id: number): Promise<Mandate> {
  return unwrap(api.GET('/api/v1/mandates/{mandate_id}', { params: { path: { mandate_id: id } } }));
}

export const organisationsQuery = () =>
  queryOptions({
    queryKey: ['organisations', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/organisations', { params: { query: { limit: 200 } } })),
    staleTime: 10 * 60_000,
  });

/** A body's decisions of some kinds (to name the decision behind setting up, dissolving or approving). */
export const decisionsOfQuery = (bodyId: number, kind: Schemas['DecisionKind']) =>
  queryOptions({
    queryKey: ['decisions', 'of-body', bodyId, kind],
    queryFn: () =>
      unwrap(api.GET('/api/v1/decisions', { params: { query: { body_id: bodyId, kind, limit: 100 } } })),
  });

function useInvalidateBodies() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: bodyKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['mandates'] });
  };
}

export function useCreateBody() {
  const invalidate = useInvalidateBodies();
  return useMutation({
    mutationFn: (body: BodyCreate) => unwrap(api.POST('/api/v1/bodies', { body })),
    onSuccess: invalidate,
  });
}

export function useActivateBody(body: Body) {
  const invalidate = useInvalidateBodies();
  return useMutation({
    mutationFn: (data: BodyActivate) =>
      unwrap(
        api.POST('/api/v1/bodies/{body_id}/activate', {
          params: { path: { body_id: body.id }, header: { 'If-Match': ifMatch(body.version) } },
          body: data,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDissolveBody(body: Body) {
  const invalidate = useInvalidateBodies();
  return useMutation({
    mutationFn: (data: BodyDissolve) =>
      unwrap(
        api.POST('/api/v1/bodies/{body_id}/dissolve', {
          params: { path: { body_id: body.id }, header: { 'If-Match': ifMatch(body.version) } },
          body: data,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCreateMandate() {
  const invalidate = useInvalidateBodies();
  return useMutation({
    mutationFn: ({ bodyId, data }: { bodyId: number; data: MandateCreate }) =>
      unwrap(api.POST('/api/v1/bodies/{body_id}/mandates', { params: { path: { body_id: bodyId } }, body: data })),
    onSuccess: invalidate,
  });
}

export function useUpdateMandate() {
  const invalidate = useInvalidateBodies();
  return useMutation({
    mutationFn: ({ mandate, body }: { mandate: Mandate; body: MandateUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/mandates/{mandate_id}', {
          params: { path: { mandate_id: mandate.id }, header: { 'If-Match': ifMatch(mandate.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useSubmitMandate() {
  const invalidate = useInvalidateBodies();
  return useMutation({
    mutationFn: (mandate: Mandate) =>
      unwrap(
        api.POST('/api/v1/mandates/{mandate_id}/submit', {
          params: { path: { mandate_id: mandate.id }, header: { 'If-Match': ifMatch(mandate.version) } },
        }),
      ),
    onSettled: invalidate,
  });
}

export function useApproveMandate() {
  const invalidate = useInvalidateBodies();
  return useMutation({
    mutationFn: ({ mandate, body }: { mandate: Mandate; body: MandateApprove }) =>
      unwrap(
        api.POST('/api/v1/mandates/{mandate_id}/approve', {
          params: { path: { mandate_id: mandate.id }, header: { 'If-Match': ifMatch(mandate.version) } },
          body,
        }),
      ),
    onSettled: invalidate,
  });
}

export type MemberCreate = Schemas['MemberCreate'];
export type BodyRole = Schemas['BodyRole'];

/** People with a user account, by name or e-mail (admins: to seat a user in a body). */
export const usersQuery = (q: string) =>
  queryOptions({
    queryKey: ['users', 'search', q],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: q || undefined, is_active: true, limit: 20 } } })),
    placeholderData: (previous) => previous,
  });

export function useCreateMember(bodyId: number) {
  const invalidate = useInvalidateBodies();
  return useMutation({
    mutationFn: (data: MemberCreate) =>
      unwrap(api.POST('/api/v1/bodies/{body_id}/members', { params: { path: { body_id: bodyId } }, body: data })),
    onSuccess: invalidate,
  });
}

/** End a membership on a day (kept in the history; attendance stays tied to it). */
export function useEndMembership(bodyId: number) {
  const invalidate = useInvalidateBodies();
  return useMutation({
    mutationFn: ({ member, on }: { member: Member; on: string }) =>
      unwrap(
        api.PATCH('/api/v1/bodies/{body_id}/members/{member_id}', {
          params: { path: { body_id: bodyId, member_id: member.id }, header: { 'If-Match': ifMatch(member.version) } },
          body: { to_date: on },
        }),
      ),
    onSettled: invalidate,
  });
}
