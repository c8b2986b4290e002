import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ClaimInput, Pairing } from '../../../../shared/schemas/pairings';
import { api, call } from '../../api/client';
import { invalidate } from '../../api/invalidate';

/** My organization's pairings that still count (pending or active), by village: one claim per village. */
export function useLivePairingsByVillage() {
  return useQuery({
    queryKey: ['pairings', 'mine', 'live'],
    queryFn: async () => {
      const page = await call(api.pairings.$get({ query: { limit: '100' } }));
      const live = new Map<string, Pairing['status']>();
      for (const p of page.items) if (p.status === 'pending' || p.status === 'active') live.set(p.villageId, p.status);
      return live;
    },
  });
}

/** POST /api/pairings for my own organization: the claim waits for the bureau (pending). */
export function useClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { input: ClaimInput; key: string }) => call(api.pairings.$post({ json: v.input }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => invalidate(queryClient, 'pairings', 'villages'),
  });
}
