/** "Min organisation": what one organisation leads, owes and waits for, read from the existing API. */
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api';

export type Organisation = Schemas['OrganisationPublic'];
export type Duty = Schemas['IndicatorDuty'];
export type Observation = Schemas['ObservationPublic'];
export type InitiativeSummary = Schemas['InitiativeSummary'];
export type Body = Schemas['BodyPublic'];
export type Composition = Schemas['CompositionReport'];
export type ActionItem = Schemas['ActionItemPublic'];
export type Meeting = Schemas['MeetingPublic'];

export const orgKeys = {
  all: ['my-organisation'] as const,
  duties: (slug: string) => [...orgKeys.all, 'duties', slug] as const,
  queue: (slug: string) => [...orgKeys.all, 'queue', slug] as const,
};

export const organisationsQuery = () =>
  queryOptions({
    queryKey: ['organisations', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/organisations', { params: { query: { limit: 200 } } })),
    staleTime: 10 * 60_000,
  });

export const dutiesQuery = (slug: string) =>
  queryOptions({
    queryKey: orgKeys.duties(slug),
    queryFn: () => unwrap(api.GET('/api/v1/indicator-duties', { params: { query: { organisation: slug } } })),
  });

/** The organisation's drafts across all its indicators: one approval queue. */
export const approvalQueueQuery = (slug: string) =>
  queryOptions({
    queryKey: orgKeys.queue(slug),
    queryFn: async () => {
      const page = (await unwrap(
        api.GET('/api/v1/observations', { params: { query: { approval: 'draft', owner: slug, limit: 500 } } }),
      )) as Schemas['Page_ObservationPublic_'];
      return page;
    },
  });

export function useApproveQueue() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[]) => unwrap(api.POST('/api/v1/observations/approve', { body: { ids } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: orgKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['indicators'] });
    },
  });
}

export const indicatorsQuery = () =>
  queryOptions({ queryKey: ['indicators', 'list'], queryFn: () => unwrap(api.GET('/api/v1/indicators')) });
export const areasQuery = () =>
  queryOptions({ queryKey: ['areas'], queryFn: () => unwrap(api.GET('/api/v1/areas')), staleTime: 10 * 60_000 });

export const orgInitiativesQuery = (slug: string) =>
  queryOptions({
    queryKey: ['initiatives', 'organisation', slug],
    queryFn: () => unwrap(api.GET('/api/v1/initiatives', { params: { query: { organisation: slug, sort: 'title', limit: 500 } } })),
  });

export const bodiesQuery = () =>
  queryOptions({ queryKey: ['bodies', 'all'], queryFn: () => unwrap(api.GET('/api/v1/bodies', { params: { query: { limit: 200 } } })), staleTime: 10 * 60_000 });

/** Seats against holders today, for the bodies in which the organisation has seats. */
export const compositionsQuery = (bodyIds: number[]) =>
  queryOptions({
    queryKey: ['bodies', 'compositions', bodyIds],
    enabled: bodyIds.length > 0,
    queryFn: () =>
      Promise.all(bodyIds.map((id) => unwrap(api.GET('/api/v1/bodies/{body_id}/composition', { params: { path: { body_id: id } } })))),
  });

export const orgActionItemsQuery = (organisationId: number) =>
  queryOptions({
    queryKey: ['action-items', 'open', organisationId],
    queryFn: () => unwrap(api.GET('/api/v1/action-items', { params: { query: { status: 'open', organisation_id: organisationId, limit: 200 } } })),
  });

export const upcomingMeetingsQuery = () =>
  queryOptions({
    queryKey: ['meetings', 'upcoming'],
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/meetings', { params: { query: { starts_from: new Date().toISOString(), limit: 200 } } }));
      return page.items.filter((m) => m.status !== 'cancelled').sort((a, b) => a.starts_at.localeCompare(b.starts_at));
    },
  });
