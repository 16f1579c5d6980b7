import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api';

export type Agreement = Schemas['AgreementPublic'];

export const agreementQuery = () =>
  queryOptions({
    queryKey: ['agreement'],
    queryFn: () => unwrap(api.GET('/api/v1/agreement')),
  });

export type Body = Schemas['BodyPublic'];

/** The standing bodies (partnership, coordination group): the agreement's "Organisering" describes them. */
export const standingBodiesQuery = () =>
  queryOptions({
    queryKey: ['bodies', 'list'],
    queryFn: () => unwrap(api.GET('/api/v1/bodies', { params: { query: { limit: 500 } } })),
    select: (page) =>
      page.items
        .filter((b) => (b.kind === 'partnership' || b.kind === 'coordination_group') && b.status !== 'dissolved')
        .sort((a, b) => (a.kind === b.kind ? a.id - b.id : a.kind === 'partnership' ? -1 : 1)),
  });
