import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

/** GET /api/me for the current token: user, role, tenant and organization names. */
export function useMeQuery(token: string | null) {
  return useQuery({
    queryKey: ['me', token],
    queryFn: () => call(api.me.$get()),
    enabled: token !== null,
    staleTime: 5 * 60_000,
  });
}
