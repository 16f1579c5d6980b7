import { Suspense, type ReactNode } from 'react';
import { createBrowserRouter, useRouteError, type RouteObject } from 'react-router';
import { ErrorState, Loading, NotFound, Skeleton } from '@/components/states';
import { adminRoutes } from '@/features/admin/routes';
import { AgreementPage, agreementRoutes } from '@/features/agreement/routes';
import { authRoutes } from '@/features/auth/routes';
import { bodyRoutes } from '@/features/bodies/routes';
import { goalRoutes } from '@/features/goals/routes';
import { GoalIndicators, indicatorRoutes } from '@/features/indicators/routes';
import { GoalInitiatives, initiativeRoutes } from '@/features/initiatives/routes';
import { BodyActionItems, BodyDecisions, BodyMeetings, meetingRoutes, NextMeeting } from '@/features/meetings/routes';
import { organisationRoutes } from '@/features/organisation/routes';
import { OverviewPage, overviewRoutes } from '@/features/overview/routes';
import { useAuth } from '@/lib/auth';
import { reportRoutes } from '@/features/reports/routes';
import { Shell } from './Shell';

/** A page that crashed while rendering: say so inside the page, keep the rest of the app usable. */
function RouteError() {
  return <ErrorState error={useRouteError()} onRetry={() => window.location.reload()} />;
}

/** A section another feature lends a page, loaded with it (every feature's code is loaded lazily). */
function Lent({ children, lines = 2 }: { children: ReactNode; lines?: number }) {
  return <Suspense fallback={<Skeleton lines={lines} />}>{children}</Suspense>;
}

/** The goal page's sections filled by other features (features do not import each other; the app composes). */
const goalSlots = {
  indicators: (_id: number, code: string) => (
    <Lent>
      <GoalIndicators goalCode={code} />
    </Lent>
  ),
  initiatives: (_id: number, code: string) => (
    <Lent>
      <GoalInitiatives goalCode={code} />
    </Lent>
  ),
};

/** The body pages' sections filled by the meetings feature. */
const bodySlots = {
  nextMeeting: (bodyId: number) => (
    <Lent lines={1}>
      <NextMeeting bodyId={bodyId} />
    </Lent>
  ),
  meetings: (bodyId: number) => (
    <Lent>
      <BodyMeetings bodyId={bodyId} />
    </Lent>
  ),
  decisions: (bodyId: number) => (
    <Lent>
      <BodyDecisions bodyId={bodyId} />
    </Lent>
  ),
  actionItems: (bodyId: number) => (
    <Lent>
      <BodyActionItems bodyId={bodyId} />
    </Lent>
  ),
};

/** The front page: the overview once signed in; the agreement for everyone else (each loaded on first use). */
function FrontPage() {
  const { me } = useAuth();
  return <Suspense fallback={<Loading />}>{me ? <OverviewPage /> : <AgreementPage />}</Suspense>;
}

/**
 * Every page, composed from the features' route lists (a new feature adds its list here). Each
 * feature's pages load on first visit (`page(...)` in its routes.tsx), so the first download holds
 * only the shell; `python bench/bundle.py` prints the sizes against the 200 kB budget.
 */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    hydrateFallbackElement: <Loading />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <FrontPage /> },
          ...agreementRoutes,
          ...overviewRoutes,
          ...organisationRoutes,
          ...adminRoutes,
          ...authRoutes,
          ...goalRoutes(goalSlots),
          ...indicatorRoutes,
          ...initiativeRoutes,
          ...bodyRoutes(bodySlots),
          ...meetingRoutes,
          ...reportRoutes,
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
