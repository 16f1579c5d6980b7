import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api';

export type Agreement = Schemas['AgreementPublic'];

export const agreementQuery = () =>
  queryOptions({
    queryKey: ['agreement'],
    queryFn: () => unwrap(api.GET('/api/v1/agreement')),
  });
