/** What the overview reads: each a query of the existing API (governance lists read as they are). */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api';
import { MEASURED_AREA } from './rollup';

export type Goal = Schemas['GoalPublic'];
export type Indicator = Schemas['IndicatorPublic'];
export type IndicatorStatus = Schemas['IndicatorStatus'];
export type Observation = Schemas['ObservationPublic'];
export type InitiativeSummary = Schemas['InitiativeSummary'];
export type Meeting = Schemas['MeetingPublic'];
export type ActionItem = Schemas['ActionItemPublic'];
export type Body = Schemas['BodyPublic'];
export type Coverage = Schemas['Coverage'];
export type Agreement = Schemas['AgreementPublic'];

export const overviewKeys = { all: ['overview'] as const };

// The same cache entries as the goal and indicator pages use.
export const goalTreeQuery = () => queryOptions({ queryKey: ['goals', 'tree'], queryFn: () => unwrap(api.GET('/api/v1/goals')) });
export const indicatorsQuery = () =>
  queryOptions({ queryKey: ['indicators', 'list'], queryFn: () => unwrap(api.GET('/api/v1/indicators')) });
export const statusesQuery = () =>
  queryOptions({ queryKey: ['indicators', 'status', '*'], queryFn: () => unwrap(api.GET('/api/v1/indicator-status', { params: { query: {} } })) });
export const agreementQuery = () => queryOptions({ queryKey: ['agreement'], queryFn: () => unwrap(api.GET('/api/v1/agreement')) });

/** The approved series of the measured area for the goals' headline indicators, in one request. */
export const headlineSeriesQuery = (codes: string[]) =>
  queryOptions({
    queryKey: [...overviewKeys.all, 'series', codes],
    enabled: codes.length > 0,
    queryFn: async () => {
      const page = (await unwrap(
        api.GET('/api/v1/observations', { params: { query: { indicator: codes, area: [MEASURED_AREA], approval: 'approved', limit: 500 } } }),
      )) as Schemas['Page_ObservationPublic_'];
      const series = new Map<string, Observation[]>();
      const byStart = [...page.items].sort((a, b) => a.period.localeCompare(b.period));
      for (const o of byStart) series.set(o.indicator, [...(series.get(o.indicator) ?? []), o]);
      return series;
    },
  });

export const activeInitiativesQuery = () =>
  queryOptions({
    queryKey: ['initiatives', 'overview-active'],
    queryFn: () => unwrap(api.GET('/api/v1/initiatives', { params: { query: { status: ['active'], sort: 'title', limit: 500 } } })),
  });

export const coverageQuery = () => queryOptions({ queryKey: ['coverage'], queryFn: () => unwrap(api.GET('/api/v1/coverage')) });

export const bodiesQuery = () =>
  queryOptions({ queryKey: ['bodies', 'all'], queryFn: () => unwrap(api.GET('/api/v1/bodies', { params: { query: { limit: 200 } } })), staleTime: 10 * 60_000 });

/** Meetings from now on, soonest first (the list API answers newest first). */
export const nextMeetingsQuery = (count = 5) =>
  queryOptions({
    queryKey: ['meetings', 'next', count],
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/meetings', { params: { query: { starts_from: new Date().toISOString(), limit: 200 } } }));
      return page.items
        .filter((m) => m.status !== 'cancelled')
        .sort((a, b) => a.starts_at.localeCompare(b.starts_at))
        .slice(0, count);
    },
  });

export const openActionItemsQuery = (organisationId?: number) =>
  queryOptions({
    queryKey: ['action-items', 'open', organisationId ?? '*'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/action-items', {
          params: { query: { status: 'open', limit: 200, ...(organisationId !== undefined ? { organisation_id: organisationId } : {}) } },
        }),
      ),
  });
