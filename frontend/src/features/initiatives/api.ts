import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, saveFile, unwrap, type Schemas } from '@/lib/api';
import { filtersToQuery, PAGE_SIZE, type InitiativeFilters } from './filters';

export type Initiative = Schemas['InitiativePublic'];
export type InitiativeSummary = Schemas['InitiativeSummary'];
export type InitiativeCreate = Schemas['InitiativeCreate'];
export type InitiativeUpdate = Schemas['InitiativeUpdate'];
export type InitiativeStatus = Schemas['InitiativeStatus'];
export type Level = Schemas['Level'];
export type StatusColour = Schemas['StatusColour'];
export type Progress = Schemas['ProgressPublic'];
export type ProgressCreate = Schemas['ProgressCreate'];
export type Organisation = Schemas['OrganisationPublic'];
export type Goal = Schemas['GoalPublic'];
export type Visibility = Schemas['Visibility'];

export const STATUSES: InitiativeStatus[] = ['idea', 'planned', 'active', 'paused', 'completed', 'stopped'];
export const LEVELS: Level[] = ['individ', 'boligomraade', 'kvarter'];

export const initiativeKeys = {
  all: ['initiatives'] as const,
  list: (f: InitiativeFilters) => [...initiativeKeys.all, 'list', f] as const,
  byGoal: (goal: string) => [...initiativeKeys.all, 'goal', goal] as const,
  detail: (id: number) => [...initiativeKeys.all, 'detail', id] as const,
  progress: (id: number) => [...initiativeKeys.all, 'progress', id] as const,
  milestones: (id: number) => [...initiativeKeys.all, 'milestones', id] as const,
};

export const initiativesQuery = (f: InitiativeFilters) =>
  queryOptions({
    queryKey: initiativeKeys.list(f),
    queryFn: () => unwrap(api.GET('/api/v1/initiatives', { params: { query: filtersToQuery(f, PAGE_SIZE) } })),
    placeholderData: (previous) => previous,
  });

/** The goal page: its active initiatives (the goal includes its sub-objectives). */
export const goalInitiativesQuery = (goal: string) =>
  queryOptions({
    queryKey: initiativeKeys.byGoal(goal),
    queryFn: () =>
      unwrap(api.GET('/api/v1/initiatives', { params: { query: { goal, status: ['active'], sort: 'title', limit: 100 } } })),
  });

export const initiativeQuery = (id: number) =>
  queryOptions({
    queryKey: initiativeKeys.detail(id),
    queryFn: () => fetchInitiative(id),
  });

export function fetchInitiative(id: number): Promise<Initiative> {
  return unwrap(api.GET('/api/v1/initiatives/{initiative_id}', { params: { path: { initiative_id: id } } }));
}

export const progressQuery = (id: number) =>
  queryOptions({
    queryKey: initiativeKeys.progress(id),
    queryFn: () =>
      unwrap(api.GET('/api/v1/initiatives/{initiative_id}/progress-updates', { params: { path: { initiative_id: id }, query: { limit: 100 } } })),
  });

export const milestonesQuery = (id: number) =>
  queryOptions({
    queryKey: initiativeKeys.milestones(id),
    queryFn: () => unwrap(api.GET('/api/v1/initiatives/{initiative_id}/milestones', { params: { path: { initiative_id: id } } })),
  });

export const organisationsQuery = () =>
  queryOptions({
    queryKey: ['organisations', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/organisations', { params: { query: { limit: 200 } } })),
    staleTime: 10 * 60_000,
  });

/** The goal tree (same cache entry as the goal pages). */
export const goalTreeQuery = () =>
  queryOptions({
    queryKey: ['goals', 'tree'],
    queryFn: () => unwrap(api.GET('/api/v1/goals')),
  });

export function useCreateInitiative() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InitiativeCreate) => unwrap(api.POST('/api/v1/initiatives', { body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: initiativeKeys.all }),
  });
}

export function useUpdateInitiative(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: InitiativeUpdate }) =>
      unwrap(
        api.PATCH('/api/v1/initiatives/{initiative_id}', {
          params: { path: { initiative_id: id }, header: { 'If-Match': ifMatch(version) } },
          body,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(initiativeKeys.detail(id), saved);
      void queryClient.invalidateQueries({ queryKey: initiativeKeys.all });
    },
  });
}

export function useCreateProgress(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProgressCreate) =>
      unwrap(api.POST('/api/v1/initiatives/{initiative_id}/progress-updates', { params: { path: { initiative_id: id } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: initiativeKeys.all }),
  });
}

/** The indicator catalogue, for names next to an initiative's indicator codes (same cache entry as the indicator pages). */
export const indicatorNamesQuery = () =>
  queryOptions({
    queryKey: ['indicators', 'list'],
    queryFn: () => unwrap(api.GET('/api/v1/indicators')),
  });

/** The filtered list as CSV or XLSX (partners only), saved by the browser. */
export async function exportInitiatives(f: InitiativeFilters, format: 'csv' | 'xlsx'): Promise<void> {
  const { limit: _limit, offset: _offset, ...query } = filtersToQuery(f, PAGE_SIZE);
  const { data, error, response } = await api.GET('/api/v1/initiatives/export', {
    params: { query: { ...query, format } },
    parseAs: 'blob',
  });
  if (!response.ok || error !== undefined || !(data instanceof Blob)) {
    await unwrap(Promise.resolve({ data, error, response }));
    return;
  }
  saveFile(data, `initiatives.${format}`);
}

export type Milestone = Schemas['MilestonePublic'];
export type MilestoneCreate = Schemas['MilestoneCreate'];

export function useCreateMilestone(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MilestoneCreate) =>
      unwrap(api.POST('/api/v1/initiatives/{initiative_id}/milestones', { params: { path: { initiative_id: id } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: initiativeKeys.milestones(id) }),
  });
}

export function useUpdateMilestone(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ milestone, body }: { milestone: Milestone; body: Schemas['MilestoneUpdate'] }) =>
      unwrap(
        api.PATCH('/api/v1/initiatives/{initiative_id}/milestones/{milestone_id}', {
          params: {
            path: { initiative_id: id, milestone_id: milestone.id },
            header: { 'If-Match': ifMatch(milestone.version) },
          },
          body,
        }),
      ),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: initiativeKeys.milestones(id) }),
  });
}
