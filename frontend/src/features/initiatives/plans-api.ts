/** Action plans, their revisions and diffs; coverage; good stories; the initiative import. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap, type Schemas } from '@/lib/api';
import { API_BASE } from '@/lib/session';
import { uploadForm } from '@/lib/upload';

export type ActionPlan = Schemas['ActionPlanPublic'];
export type RevisionSummary = Schemas['RevisionSummary'];
export type Revision = Schemas['sammen__initiatives__schemas__RevisionPublic'];
export type RevisionDiff = Schemas['RevisionDiff'];
export type PlanItem = Schemas['PlanItemPublic'];
export type Decision = Schemas['DecisionPublic'];
export type ActionPlanApprove = Schemas['ActionPlanApprove'];
export type Coverage = Schemas['Coverage'];
export type GoodStory = Schemas['GoodStory'];
export type ImportSummary = Schemas['ImportSummary'];

export const planKeys = {
  all: ['action-plans'] as const,
  list: () => [...planKeys.all, 'list'] as const,
  detail: (id: number) => [...planKeys.all, 'detail', id] as const,
  revisions: (id: number) => [...planKeys.all, 'revisions', id] as const,
  diff: (id: number, a: number, b: number) => [...planKeys.all, 'diff', id, a, b] as const,
};

export const actionPlansQuery = () => queryOptions({ queryKey: planKeys.list(), queryFn: () => unwrap(api.GET('/api/v1/action-plans')) });

export const actionPlanQuery = (id: number) =>
  queryOptions({ queryKey: planKeys.detail(id), queryFn: () => unwrap(api.GET('/api/v1/action-plans/{plan_id}', { params: { path: { plan_id: id } } })) });

export const revisionsQuery = (id: number) =>
  queryOptions({
    queryKey: planKeys.revisions(id),
    queryFn: () => unwrap(api.GET('/api/v1/action-plans/{plan_id}/revisions', { params: { path: { plan_id: id } } })),
  });

export const diffQuery = (id: number, a: number, b: number) =>
  queryOptions({
    queryKey: planKeys.diff(id, a, b),
    queryFn: async () => {
      const path = { plan_id: id };
      const [diff, before, after] = await Promise.all([
        unwrap(api.GET('/api/v1/action-plans/{plan_id}/revisions/{a}/diff/{b}', { params: { path: { ...path, a, b } } })),
        unwrap(api.GET('/api/v1/action-plans/{plan_id}/revisions/{number}', { params: { path: { ...path, number: a } } })),
        unwrap(api.GET('/api/v1/action-plans/{plan_id}/revisions/{number}', { params: { path: { ...path, number: b } } })),
      ]);
      return { diff, before, after };
    },
  });

/** Decisions a plan's approval can point to: those that approve action-plan revisions, then general ones. */
export const planDecisionsQuery = () =>
  queryOptions({
    queryKey: ['decisions', 'for-plans'],
    queryFn: async () => {
      const [specific, general] = await Promise.all([
        unwrap(api.GET('/api/v1/decisions', { params: { query: { kind: 'approve_action_plan_revision', limit: 200 } } })),
        unwrap(api.GET('/api/v1/decisions', { params: { query: { kind: 'general', limit: 200 } } })),
      ]);
      return [...specific.items, ...general.items];
    },
  });

export function useApprovePlan(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: ActionPlanApprove }) =>
      unwrap(api.POST('/api/v1/action-plans/{plan_id}/approve', { params: { path: { plan_id: id }, header: { 'If-Match': ifMatch(version) } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: planKeys.all }),
  });
}

/** Every active initiative (to count those serving each sub-objective). */
export const activeInitiativesQuery = () =>
  queryOptions({
    queryKey: ['initiatives', 'overview-active'],
    queryFn: () => unwrap(api.GET('/api/v1/initiatives', { params: { query: { status: ['active'], sort: 'title', limit: 500 } } })),
  });

export const coverageQuery = () => queryOptions({ queryKey: ['coverage'], queryFn: () => unwrap(api.GET('/api/v1/coverage')) });

export const goodStoriesQuery = () =>
  queryOptions({ queryKey: ['good-stories'], queryFn: () => unwrap(api.GET('/api/v1/good-stories', { params: { query: { limit: 100 } } })) });

/** Upload an initiative file (CSV or XLSX); a dry run reports row by row and writes nothing. */
export function importInitiatives(file: File, dryRun: boolean): Promise<ImportSummary> {
  const form = new FormData();
  form.append('file', file);
  return uploadForm<ImportSummary>(`${API_BASE}/initiatives/import?dry_run=${dryRun}`, form);
}
