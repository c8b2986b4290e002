import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Pairing } from '../../../shared/schemas/pairings';
import { api, call } from './client';
import { useCursorList } from './cursor';
import { invalidate, PAIRING_TOPICS } from './invalidate';

export type PairingStatusFilter = Pairing['status'] | undefined;

/** GET /api/pairings by status, newest first, 20 a page. */
export function usePairings(status: PairingStatusFilter) {
  return useCursorList<Pairing>(['pairings', { status }], (cursor) =>
    call(api.pairings.$get({ query: { limit: '20', ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } })),
  );
}

export type PairingAction =
  | { kind: 'approve'; id: string; startDate?: string }
  | { kind: 'reject'; id: string; reason?: string }
  | { kind: 'end'; id: string; endDate: string; reason?: string };

/** The bureau's review of a pairing; every outcome moves coverage and counts, so all of those refresh. */
export function usePairingAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: PairingAction) => {
      const route = api.pairings[':id'];
      const param = { id: a.id };
      if (a.kind === 'approve') return call(route.approve.$post({ param, json: a.startDate ? { startDate: a.startDate } : {} }));
      if (a.kind === 'reject') return call(route.reject.$post({ param, json: a.reason ? { reason: a.reason } : {} }));
      return call(route.end.$post({ param, json: { endDate: a.endDate, ...(a.reason ? { reason: a.reason } : {}) } }));
    },
    onSuccess: () => invalidate(queryClient, ...PAIRING_TOPICS),
  });
}
