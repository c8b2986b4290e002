import { useQuery } from '@tanstack/react-query';
import type { PublicConcern } from '../../../../shared/schemas/concerns';
import { api, call } from '../../api/client';
import { ApiError } from '../../api/errors';

export type { PublicConcern };

/** Where a concern's status page is: the token in the fragment (never sent to a server). */
export const concernStatusPath = (slug: string, id: string, token: string) =>
  `/shop/${encodeURIComponent(slug)}/concerns/${encodeURIComponent(id)}#token=${encodeURIComponent(token)}`;

/** The reporter's view of its concern, the status token in the X-Status-Token header. */
export function usePublicConcern(slug: string, id: string, token: string) {
  return useQuery({
    queryKey: ['public', slug, 'concern', id, token],
    queryFn: (): Promise<PublicConcern> =>
      call(api.public[':tenantSlug'].concerns[':id'].$get({ param: { tenantSlug: slug, id } }, { headers: { 'X-Status-Token': token } })),
    enabled: token !== '',
    staleTime: 30_000,
    // a wrong link or too many views: asking again changes nothing
    retry: (n, e) => !(e instanceof ApiError && (e.status === 404 || e.status === 429)) && n < 1,
  });
}
