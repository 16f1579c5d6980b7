/** Meetings, their agenda, attendance and calendar feed: queries and changes. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, asItems, ifMatch, unwrap, type Schemas } from '@/lib/api';

export type Meeting = Schemas['MeetingPublic'];
export type MeetingStatus = Schemas['MeetingStatus'];
export type MeetingCreate = Schemas['MeetingCreate'];
export type MeetingUpdate = Schemas['MeetingUpdate'];
export type AgendaItem = Schemas['AgendaItemPublic'];
export type AgendaItemCreate = Schemas['AgendaItemCreate'];
export type AgendaItemUpdate = Schemas['AgendaItemUpdate'];
export type AgendaItemKind = Schemas['AgendaItemKind'];
export type Attendance = Schemas['AttendancePublic'];
export type AttendanceStatus = Schemas['AttendanceStatus'];
export type LinkIn = Schemas['LinkIn'];
export type LinkPublic = Schemas['LinkPublic'];
export type LinkTargetType = Schemas['LinkTargetType'];
export type LinkTarget = Schemas['LinkTargetPublic'];
export type Body = Schemas['BodyPublic'];
export type Member = Schemas['MemberPublic'];
export type Visibility = Schemas['Visibility'];

export const AGENDA_KINDS: AgendaItemKind[] = ['information', 'discussion', 'decision'];
export const ATTENDANCE: AttendanceStatus[] = ['present', 'absent', 'excused', 'substitute'];
/** A meeting's agenda and details can still change in these states (the API's BEFORE_HELD). */
export const BEFORE_HELD: ReadonlySet<MeetingStatus> = new Set(['planned', 'agenda_published']);

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (q: object) => [...meetingKeys.all, 'list', q] as const,
  detail: (id: number) => [...meetingKeys.all, 'detail', id] as const,
  agenda: (id: number) => [...meetingKeys.all, 'agenda', id] as const,
  attendance: (id: number) => [...meetingKeys.all, 'attendance', id] as const,
};

export type MeetingQuery = {
  body_id?: number;
  starts_from?: string;
  starts_before?: string;
  status?: MeetingStatus;
  limit?: number;
  offset?: number;
};

export const meetingsQuery = (q: MeetingQuery) =>
  queryOptions({
    queryKey: meetingKeys.list(q),
    queryFn: () => unwrap(api.GET('/api/v1/meetings', { params: { query: { limit: 100, ...q } } })),
    placeholderData: (previous) => previous,
  });

export const meetingQuery = (id: number) =>
  queryOptions({
    queryKey: meetingKeys.detail(id),
    queryFn: () => fetchMeeting(id),
  });

export function fetchMeeting(id: number): Promise<Meeting> {
  return unwrap(api.GET('/api/v1/meetings/{meeting_id}', { params: { path: { meeting_id: id } } }));
}

/** The agenda in order (bare list or envelope: either is fine). */
export const agendaQuery = (id: number) =>
  queryOptions({
    queryKey: meetingKeys.agenda(id),
    queryFn: async () =>
      asItems(await unwrap(api.GET('/api/v1/meetings/{meeting_id}/agenda-items', { params: { path: { meeting_id: id } } }))),
  });

export function fetchAgendaItem(id: number): Promise<AgendaItem> {
  return unwrap(api.GET('/api/v1/agenda-items/{item_id}', { params: { path: { item_id: id } } }));
}

export const attendanceQuery = (id: number) =>
  queryOptions({
    queryKey: meetingKeys.attendance(id),
    queryFn: async () =>
      asItems(await unwrap(api.GET('/api/v1/meetings/{meeting_id}/attendance', { params: { path: { meeting_id: id } } }))),
  });

export const bodiesQuery = () =>
  queryOptions({
    queryKey: ['bodies', 'list'],
    queryFn: () => unwrap(api.GET('/api/v1/bodies', { params: { query: { limit: 500 } } })),
  });

export const membersQuery = (bodyId: number) =>
  queryOptions({
    queryKey: ['bodies', 'members', bodyId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/bodies/{body_id}/members', { params: { path: { body_id: bodyId }, query: { limit: 500 } } })),
  });

export const organisationsQuery = () =>
  queryOptions({
    queryKey: ['organisations', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/organisations', { params: { query: { limit: 200 } } })),
    staleTime: 10 * 60_000,
  });

/** The kinds of object an agenda item or decision can link to now (from the API, not a fixed list). */
export const linkKindsQuery = () =>
  queryOptions({
    queryKey: ['links', 'kinds'],
    queryFn: () => unwrap(api.GET('/api/v1/links/target-types')),
    staleTime: 30 * 60_000,
  });

export const linkTargetsQuery = (targetType: LinkTargetType, q: string) =>
  queryOptions({
    queryKey: ['links', 'targets', targetType, q],
    queryFn: () => unwrap(api.GET('/api/v1/links/targets', { params: { query: { target_type: targetType, q, limit: 20 } } })),
    placeholderData: (previous) => previous,
  });

function useInvalidateMeeting(id?: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: id === undefined ? meetingKeys.all : meetingKeys.detail(id) });
    if (id !== undefined) {
      void queryClient.invalidateQueries({ queryKey: meetingKeys.agenda(id) });
      void queryClient.invalidateQueries({ queryKey: [...meetingKeys.all, 'list'] });
    }
  };
}

export function useCreateMeeting() {
  const invalidate = useInvalidateMeeting();
  return useMutation({
    mutationFn: (body: MeetingCreate) => unwrap(api.POST('/api/v1/meetings', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateMeeting(id: number) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMeeting(id);
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: MeetingUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/meetings/{meeting_id}', {
          params: { path: { meeting_id: id }, header: { 'If-Match': ifMatch(version) } },
          body,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(meetingKeys.detail(id), saved);
      invalidate();
    },
  });
}

export type MeetingAction = 'publish-agenda' | 'hold';

export function useMeetingAction(meeting: Meeting) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateMeeting(meeting.id);
  return useMutation({
    mutationFn: (action: MeetingAction | { cancel: string }) => {
      const params = { path: { meeting_id: meeting.id }, header: { 'If-Match': ifMatch(meeting.version) } };
      if (typeof action === 'object') {
        return unwrap(api.POST('/api/v1/meetings/{meeting_id}/cancel', { params, body: { reason: action.cancel } }));
      }
      return action === 'hold'
        ? unwrap(api.POST('/api/v1/meetings/{meeting_id}/hold', { params }))
        : unwrap(api.POST('/api/v1/meetings/{meeting_id}/publish-agenda', { params }));
    },
    onSuccess: (saved) => queryClient.setQueryData(meetingKeys.detail(meeting.id), saved),
    onSettled: invalidate,
  });
}

export function useCreateAgendaItem(meetingId: number) {
  const invalidate = useInvalidateMeeting(meetingId);
  return useMutation({
    mutationFn: (body: AgendaItemCreate) =>
      unwrap(api.POST('/api/v1/meetings/{meeting_id}/agenda-items', { params: { path: { meeting_id: meetingId } }, body })),
    onSuccess: invalidate,
  });
}

export function useUpdateAgendaItem(meetingId: number) {
  const invalidate = useInvalidateMeeting(meetingId);
  return useMutation({
    mutationFn: ({ item, body }: { item: AgendaItem; body: AgendaItemUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/agenda-items/{item_id}', {
          params: { path: { item_id: item.id }, header: { 'If-Match': ifMatch(item.version) } },
          body,
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useDeleteAgendaItem(meetingId: number) {
  const invalidate = useInvalidateMeeting(meetingId);
  return useMutation({
    mutationFn: (item: AgendaItem) =>
      unwrap(
        api.DELETE('/api/v1/agenda-items/{item_id}', {
          params: { path: { item_id: item.id }, header: { 'If-Match': ifMatch(item.version) } },
        }),
      ),
    onSettled: invalidate,
  });
}

/** Save a new agenda order in one request; the list shows the new order at once and rolls back on failure. */
export function useReorderAgenda(meetingId: number) {
  const queryClient = useQueryClient();
  const key = meetingKeys.agenda(meetingId);
  return useMutation({
    mutationFn: (items: AgendaItem[]) =>
      unwrap(
        api.PUT('/api/v1/meetings/{meeting_id}/agenda-order', {
          params: { path: { meeting_id: meetingId } },
          body: { item_ids: items.map((i) => i.id) },
        }),
      ),
    onMutate: async (items) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<AgendaItem[]>(key);
      queryClient.setQueryData(key, items);
      return { before };
    },
    onError: (_error, _items, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSuccess: (saved) => queryClient.setQueryData(key, asItems(saved)),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRecordAttendance(meetingId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: Schemas['AttendanceIn'][]) =>
      unwrap(api.PUT('/api/v1/meetings/{meeting_id}/attendance', { params: { path: { meeting_id: meetingId } }, body: { items } })),
    onSuccess: (saved) => queryClient.setQueryData(meetingKeys.attendance(meetingId), asItems(saved)),
  });
}

export function useRotateFeedToken() {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/calendar/feed-token')),
  });
}
