/** The yearly effect status: queries, the lifecycle actions, documents and the meeting pickers. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, saveFile, unwrap, type Schemas } from '@/lib/api';

export type Report = Schemas['ReportPublic'];
export type ReportDetail = Schemas['ReportDetail'];
export type Section = Schemas['SectionPublic'];
export type Content = Schemas['ReportContent'];
export type ContentGoal = Schemas['ContentGoal'];
export type ContentIndicator = Schemas['ContentIndicator'];
export type Comment = Schemas['CommentPublic'];
export type Changes = Schemas['ChangesSinceFreeze'];
export type Action = Schemas['Action'];
export type Edition = Schemas['Edition'];
export type ReportState = Schemas['ReportState'];
export type LifecycleAction = 'submit' | 'reopen' | 'present' | 'freeze';
export type DocumentFormat = 'pdf' | 'xlsx' | 'json';

export const reportKeys = {
  all: ['reports'] as const,
  list: () => [...reportKeys.all, 'list'] as const,
  detail: (id: number) => [...reportKeys.all, 'detail', id] as const,
  content: (id: number, edition: Edition) => [...reportKeys.all, 'content', id, edition] as const,
  html: (id: number, edition: Edition) => [...reportKeys.all, 'html', id, edition] as const,
  comments: (id: number) => [...reportKeys.all, 'comments', id] as const,
  changes: (id: number, edition: Edition) => [...reportKeys.all, 'changes', id, edition] as const,
};

export const reportsQuery = () =>
  queryOptions({
    queryKey: reportKeys.list(),
    queryFn: () => unwrap(api.GET('/api/v1/reports', { params: { query: { limit: 100 } } })),
  });

export const reportQuery = (id: number) =>
  queryOptions({
    queryKey: reportKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/reports/{report_id}', { params: { path: { report_id: id } } })),
  });

export const contentQuery = (id: number, edition: Edition) =>
  queryOptions({
    queryKey: reportKeys.content(id, edition),
    queryFn: () =>
      unwrap(api.GET('/api/v1/reports/{report_id}/content', { params: { path: { report_id: id }, query: { edition } } })),
  });

export const commentsQuery = (id: number) =>
  queryOptions({
    queryKey: reportKeys.comments(id),
    queryFn: () => unwrap(api.GET('/api/v1/reports/{report_id}/comments', { params: { path: { report_id: id } } })),
  });

export const changesQuery = (id: number, edition: Edition) =>
  queryOptions({
    queryKey: reportKeys.changes(id, edition),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/reports/{report_id}/changes-since-freeze', {
          params: { path: { report_id: id }, query: { edition } },
        }),
      ),
  });

/** The report as one HTML page (shown in a sandboxed frame: no scripts, no requests of its own). */
export const htmlQuery = (id: number, edition: Edition) =>
  queryOptions({
    queryKey: reportKeys.html(id, edition),
    queryFn: async () => {
      const { data, error, response } = await api.GET('/api/v1/reports/{report_id}.html', {
        params: { path: { report_id: id }, query: { edition } },
        parseAs: 'text',
      });
      if (!response.ok || error !== undefined || typeof data !== 'string') {
        await unwrap(Promise.resolve({ data, error, response }));
      }
      return data as unknown as string;
    },
  });

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['ReportCreate']) => unwrap(api.POST('/api/v1/reports', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

export function useSaveSection(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body, version }: { key: string; body: string; version: number }) =>
      unwrap(
        api.PUT('/api/v1/reports/{report_id}/sections/{key}', {
          params: { path: { report_id: id, key }, header: { 'If-Match': ifMatch(version) } },
          body: { body },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

export function useAddComment(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: string }) =>
      unwrap(
        api.POST('/api/v1/reports/{report_id}/sections/{key}/comments', {
          params: { path: { report_id: id, key } },
          body: { body },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

/** A lifecycle step (with the If-Match of the version we read). */
export function useLifecycle(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, version, body }: { action: LifecycleAction; version: number; body?: object }) => {
      const params = { path: { report_id: id }, header: { 'If-Match': ifMatch(version) } };
      if (action === 'present')
        return unwrap(api.POST('/api/v1/reports/{report_id}/present', { params, body: body as Schemas['PresentIn'] }));
      if (action === 'freeze')
        return unwrap(api.POST('/api/v1/reports/{report_id}/freeze', { params, body: body as Schemas['FreezeIn'] }));
      if (action === 'reopen') return unwrap(api.POST('/api/v1/reports/{report_id}/reopen', { params }));
      return unwrap(api.POST('/api/v1/reports/{report_id}/submit', { params }));
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

export function useDeleteReport(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.DELETE('/api/v1/reports/{report_id}', {
          params: { path: { report_id: id }, header: { 'If-Match': ifMatch(version) } },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reportKeys.all }),
  });
}

const DOCUMENT_PATHS = {
  pdf: '/api/v1/reports/{report_id}.pdf',
  xlsx: '/api/v1/reports/{report_id}.xlsx',
  json: '/api/v1/reports/{report_id}.json',
} as const;

/** A document of the report, read with the caller's rights and saved by the browser. */
export async function downloadReport(report: Report, format: DocumentFormat, edition: Edition): Promise<void> {
  const { data, error, response } = await api.GET(DOCUMENT_PATHS[format], {
    params: { path: { report_id: report.id }, query: { edition } },
    parseAs: 'blob',
  });
  if (!response.ok || error !== undefined || !(data instanceof Blob)) {
    await unwrap(Promise.resolve({ data, error, response }));
    return;
  }
  const word = edition === 'partners' ? 'partnere' : 'offentlig';
  saveFile(data, `effektstatus-${report.year}-${word}.${format}`);
}

/** Who may start a report: admins, and editors of a secretariat organisation (the org kinds are data). */
export const secretariatSlugsQuery = () =>
  queryOptions({
    queryKey: ['organisations', 'secretariat'],
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/v1/organisations', { params: { query: { limit: 200, kind: 'secretariat' } } }),
      );
      return page.items.map((o) => o.slug);
    },
    staleTime: 10 * 60_000,
  });

export interface AgendaChoice {
  id: number;
  label: string;
  meetingId: number;
}

/** Agenda items of the partnership's meetings (not cancelled), newest meeting first, to present on. */
export async function partnershipAgendaItems(): Promise<AgendaChoice[]> {
  const bodies = await unwrap(api.GET('/api/v1/bodies', { params: { query: { kind: 'partnership', limit: 50 } } }));
  const out: AgendaChoice[] = [];
  for (const body of bodies.items) {
    const meetings = await unwrap(api.GET('/api/v1/meetings', { params: { query: { body_id: body.id, limit: 20 } } }));
    for (const m of meetings.items.filter((x) => x.status !== 'cancelled')) {
      const agenda = await unwrap(
        api.GET('/api/v1/meetings/{meeting_id}/agenda-items', { params: { path: { meeting_id: m.id } } }),
      );
      const day = m.starts_at.slice(0, 10);
      out.push(...agenda.items.map((i) => ({ id: i.id, meetingId: m.id, label: `${day} ${m.title}: ${i.title}` })));
    }
  }
  return out;
}

/** The partnership's approvals of status reports made at one meeting (the freeze needs one). */
export async function approvalsAt(meetingId: number): Promise<{ id: number; label: string }[]> {
  const page = await unwrap(
    api.GET('/api/v1/decisions', { params: { query: { meeting_id: meetingId, kind: 'approve_status_report', limit: 50 } } }),
  );
  return page.items.map((d) => ({ id: d.id, label: `${d.number} ${d.title}` }));
}
