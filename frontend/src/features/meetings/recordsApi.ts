/** What a meeting leaves behind: minutes (with revisions), decisions (with corrections) and action items. */
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, asItems, ifMatch, unwrap, type Schemas } from '@/lib/api';
import { meetingKeys } from './api';

export type Minutes = Schemas['MinutesPublic'];
export type MinutesCreate = Schemas['MinutesCreate'];
export type MinutesRevision = Schemas['MinutesRevision'];
export type Decision = Schemas['DecisionPublic'];
export type DecisionKind = Schemas['DecisionKind'];
export type DecisionCreate = Schemas['DecisionCreate'];
export type DecisionCorrection = Schemas['DecisionCorrection'];
export type ActionItem = Schemas['ActionItemPublic'];
export type ActionItemCreate = Schemas['ActionItemCreate'];
export type ActionItemUpdate = Schemas['ActionItemUpdate'];
export type ActionItemStatus = Schemas['ActionItemStatus'];

export const recordKeys = {
  minutes: (meetingId: number) => ['minutes', 'meeting', meetingId] as const,
  revisions: (minutesId: number) => ['minutes', 'revisions', minutesId] as const,
  decisions: (q: object) => ['decisions', 'list', q] as const,
  decision: (id: number) => ['decisions', 'detail', id] as const,
  actions: (q: object) => ['action-items', 'list', q] as const,
};

/** The current minutes per agenda item (bare list or envelope: either is fine). */
export const minutesQuery = (meetingId: number) =>
  queryOptions({
    queryKey: recordKeys.minutes(meetingId),
    queryFn: async () =>
      asItems(await unwrap(api.GET('/api/v1/meetings/{meeting_id}/minutes', { params: { path: { meeting_id: meetingId } } }))),
  });

export function fetchMinutes(id: number): Promise<Minutes> {
  return unwrap(api.GET('/api/v1/minutes/{minutes_id}', { params: { path: { minutes_id: id } } }));
}

export const revisionsQuery = (minutesId: number) =>
  queryOptions({
    queryKey: recordKeys.revisions(minutesId),
    queryFn: async () =>
      asItems(await unwrap(api.GET('/api/v1/minutes/{minutes_id}/revisions', { params: { path: { minutes_id: minutesId } } }))),
  });

export type DecisionQuery = {
  body_id?: number;
  meeting_id?: number;
  kind?: DecisionKind;
  q?: string;
  decided_from?: string;
  decided_to?: string;
  target_type?: Schemas['LinkTargetType'];
  target_id?: number;
  include_superseded?: boolean;
  limit?: number;
  offset?: number;
};

export const decisionsQuery = (q: DecisionQuery) =>
  queryOptions({
    queryKey: recordKeys.decisions(q),
    queryFn: () => unwrap(api.GET('/api/v1/decisions', { params: { query: { limit: 50, ...q } } })),
    placeholderData: keepPreviousData,
  });

export const decisionQuery = (id: number) =>
  queryOptions({
    queryKey: recordKeys.decision(id),
    queryFn: () => fetchDecision(id),
  });

export function fetchDecision(id: number): Promise<Decision> {
  return unwrap(api.GET('/api/v1/decisions/{decision_id}', { params: { path: { decision_id: id } } }));
}

export type ActionQuery = {
  mine?: boolean;
  organisation_id?: number;
  body_id?: number;
  meeting_id?: number;
  status?: ActionItemStatus;
  overdue?: boolean;
  limit?: number;
  offset?: number;
};

export const actionItemsQuery = (q: ActionQuery) =>
  queryOptions({
    queryKey: recordKeys.actions(q),
    queryFn: () => unwrap(api.GET('/api/v1/action-items', { params: { query: { limit: 100, ...q } } })),
    placeholderData: keepPreviousData,
  });

function useInvalidateRecords(meetingId: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['minutes'] });
    void queryClient.invalidateQueries({ queryKey: ['decisions'] });
    void queryClient.invalidateQueries({ queryKey: ['action-items'] });
    void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(meetingId) });
    void queryClient.invalidateQueries({ queryKey: ['bodies'] });
    void queryClient.invalidateQueries({ queryKey: ['mandates'] });
  };
}

export function useCreateMinutes(meetingId: number) {
  const invalidate = useInvalidateRecords(meetingId);
  return useMutation({
    mutationFn: (body: MinutesCreate) =>
      unwrap(api.POST('/api/v1/meetings/{meeting_id}/minutes', { params: { path: { meeting_id: meetingId } }, body })),
    onSuccess: invalidate,
  });
}

export function useUpdateMinutes(meetingId: number) {
  const invalidate = useInvalidateRecords(meetingId);
  return useMutation({
    mutationFn: ({ entry, body }: { entry: Minutes; body: Schemas['MinutesUpdate'] }) =>
      unwrap(
        api.PATCH('/api/v1/minutes/{minutes_id}', {
          params: { path: { minutes_id: entry.id }, header: { 'If-Match': ifMatch(entry.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useReviseMinutes(meetingId: number) {
  const invalidate = useInvalidateRecords(meetingId);
  return useMutation({
    mutationFn: ({ entry, body }: { entry: Minutes; body: MinutesRevision }) =>
      unwrap(
        api.POST('/api/v1/minutes/{minutes_id}/revisions', {
          params: { path: { minutes_id: entry.id }, header: { 'If-Match': ifMatch(entry.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useMinutesLifecycle(meetingId: number) {
  const invalidate = useInvalidateRecords(meetingId);
  return useMutation({
    mutationFn: ({ step, version }: { step: 'circulate' | 'approve'; version: number }) => {
      const params = { path: { meeting_id: meetingId }, header: { 'If-Match': ifMatch(version) } };
      return step === 'circulate'
        ? unwrap(api.POST('/api/v1/meetings/{meeting_id}/minutes/circulate', { params }))
        : unwrap(api.POST('/api/v1/meetings/{meeting_id}/minutes/approve', { params }));
    },
    onSettled: invalidate,
  });
}

export function useCreateDecision(meetingId: number) {
  const invalidate = useInvalidateRecords(meetingId);
  return useMutation({
    mutationFn: (body: DecisionCreate) => unwrap(api.POST('/api/v1/decisions', { body })),
    onSuccess: invalidate,
  });
}

export function useCorrectDecision(meetingId: number) {
  const invalidate = useInvalidateRecords(meetingId);
  return useMutation({
    mutationFn: ({ decision, body }: { decision: Decision; body: DecisionCorrection }) =>
      unwrap(
        api.POST('/api/v1/decisions/{decision_id}/corrections', {
          params: { path: { decision_id: decision.id }, header: { 'If-Match': ifMatch(decision.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useCreateActionItem(meetingId: number) {
  const invalidate = useInvalidateRecords(meetingId);
  return useMutation({
    mutationFn: (body: ActionItemCreate) => unwrap(api.POST('/api/v1/action-items', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateActionItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ item, body }: { item: ActionItem; body: ActionItemUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/action-items/{action_id}', {
          params: { path: { action_id: item.id }, header: { 'If-Match': ifMatch(item.version) } },
          body,
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['action-items'] }),
  });
}
