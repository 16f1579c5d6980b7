import type { RouteObject } from 'react-router';
import { page } from '@/lib/lazy';
import type { BodySlots } from './slots';

export function bodyRoutes(slots: BodySlots = {}): RouteObject[] {
  return [
    {
      path: 'bodies',
      lazy: async () => {
        const { OrganisationPage } = await import('./components/OrganisationPage');
        return { Component: () => <OrganisationPage slots={slots} /> };
      },
    },
    {
      path: 'bodies/:bodyId',
      lazy: async () => {
        const { BodyPage } = await import('./components/BodyPage');
        return { Component: () => <BodyPage slots={slots} /> };
      },
    },
    { path: 'bodies/:bodyId/working-groups/new', lazy: page(() => import('./components/WorkingGroupNewPage'), 'WorkingGroupNewPage') },
    { path: 'bodies/:bodyId/mandates/new', lazy: page(() => import('./components/MandateFormPage'), 'MandateFormPage') },
    { path: 'bodies/:bodyId/mandates/compare', lazy: page(() => import('./components/MandateComparePage'), 'MandateComparePage') },
    { path: 'bodies/:bodyId/mandates/:mandateId/edit', lazy: page(() => import('./components/MandateFormPage'), 'MandateFormPage') },
    { path: 'bodies/:bodyId/set-up', lazy: page(() => import('./components/BodyLifecyclePages'), 'SetUpPage') },
    { path: 'bodies/:bodyId/dissolve', lazy: page(() => import('./components/BodyLifecyclePages'), 'DissolvePage') },
    { path: 'mandates/:mandateId', lazy: page(() => import('./components/BodyLifecyclePages'), 'MandateRedirect') },
  ];
}
