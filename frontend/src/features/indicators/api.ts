import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, saveFile, unwrap, type Schemas } from '@/lib/api';
import { API_BASE } from '@/lib/session';
import { uploadForm, type Progress } from '@/lib/upload';

export type Indicator = Schemas['IndicatorPublic'];
export type IndicatorStatus = Schemas['IndicatorStatus'];
export type AreaStatus = Schemas['AreaStatus'];
export type Area = Schemas['AreaPublic'];
export type Observation = Schemas['ObservationPublic'];
export type ObservationIn = Schemas['ObservationIn'];
export type ObservationBatch = Schemas['ObservationBatch'];
export type WriteSummary = Schemas['WriteSummary'];
export type StatusValue = AreaStatus['status'];

export const TARGET_AREA = 'hoeje-gladsaxe';

export const indicatorKeys = {
  all: ['indicators'] as const,
  list: () => [...indicatorKeys.all, 'list'] as const,
  detail: (code: string) => [...indicatorKeys.all, 'detail', code] as const,
  status: (goal?: string) => [...indicatorKeys.all, 'status', goal ?? '*'] as const,
  observations: (code: string) => [...indicatorKeys.all, 'observations', code] as const,
  areas: () => ['areas'] as const,
};

export const indicatorsQuery = () =>
  queryOptions({
    queryKey: indicatorKeys.list(),
    queryFn: () => unwrap(api.GET('/api/v1/indicators')),
  });

export const indicatorQuery = (code: string) =>
  queryOptions({
    queryKey: indicatorKeys.detail(code),
    queryFn: () => unwrap(api.GET('/api/v1/indicators/{code}', { params: { path: { code } } })),
  });

export const statusListQuery = (goal?: string) =>
  queryOptions({
    queryKey: indicatorKeys.status(goal),
    queryFn: () => unwrap(api.GET('/api/v1/indicator-status', { params: { query: goal ? { goal } : {} } })),
  });

/** The goal tree (same cache entry as the goal pages): the indicator list groups by it. */
export const goalTreeQuery = () => queryOptions({ queryKey: ['goals', 'tree'], queryFn: () => unwrap(api.GET('/api/v1/goals')) });
export type Goal = Schemas['GoalPublic'];
export type GoalRollup = Schemas['GoalRollup'];

/** Every goal's roll-up (and each sub-objective's) by the status rule: GET /goal-status. */
export const goalStatusQuery = () =>
  queryOptions({
    queryKey: [...indicatorKeys.all, 'goal-status'] as const,
    queryFn: () => unwrap(api.GET('/api/v1/goal-status')),
  });

export const areasQuery = () =>
  queryOptions({
    queryKey: indicatorKeys.areas(),
    queryFn: () => unwrap(api.GET('/api/v1/areas')),
    staleTime: 10 * 60_000,
  });

const PAGE = 500;

/** Every observation of one indicator the caller may see (all pages). */
export async function fetchAllObservations(code: string): Promise<Observation[]> {
  const out: Observation[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await unwrap(
      api.GET('/api/v1/observations', { params: { query: { indicator: [code], limit: PAGE, offset } } }),
    );
    const body = page as Schemas['Page_ObservationPublic_'];
    out.push(...body.items);
    if (out.length >= body.total || body.items.length === 0) return out;
  }
}

export const observationsQuery = (code: string) =>
  queryOptions({ queryKey: indicatorKeys.observations(code), queryFn: () => fetchAllObservations(code) });

export function useUpsertObservations(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ items, approve }: { items: ObservationIn[]; approve?: boolean }) =>
      unwrap(
        api.PUT('/api/v1/indicators/{code}/observations', {
          params: { path: { code }, query: { approve: approve ?? false } },
          body: { items },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
}

export function useApproveObservations(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) =>
      unwrap(api.POST('/api/v1/indicators/{code}/observations/approve', { params: { path: { code } }, body: { ids } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: indicatorKeys.all }),
  });
}

/** Upload an observation file (CSV or XLSX); a dry run only reports what would happen. */
export function importObservations(file: File, dryRun: boolean, onProgress?: Progress): Promise<WriteSummary> {
  const form = new FormData();
  form.append('file', file);
  return uploadForm<WriteSummary>(`${API_BASE}/observations/imports?dry_run=${dryRun}`, form, onProgress);
}

export type Organisation = Schemas['OrganisationPublic'];

export const organisationsQuery = () =>
  queryOptions({
    queryKey: ['organisations', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/organisations', { params: { query: { limit: 200 } } })),
    staleTime: 10 * 60_000,
  });

/** The indicator's figures as a file (CSV or XLSX), read with the caller's rights, saved by the browser. */
export async function downloadObservations(code: string, format: 'csv' | 'xlsx'): Promise<void> {
  const { data, error, response } = await api.GET('/api/v1/observations', {
    params: { query: { indicator: [code], format } },
    parseAs: 'blob',
  });
  if (!response.ok || error !== undefined || !(data instanceof Blob)) {
    await unwrap(Promise.resolve({ data, error, response }));
    return;
  }
  saveFile(data, `${code}.${format}`);
}
