import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Village, VillageInput, VillagePatch } from '../../../shared/schemas/villages';
import { api, call } from './client';
import { useCursorList } from './cursor';
import { invalidate } from './invalidate';

export type VillageFilters = { supervised?: boolean; uncovered?: boolean; q?: string };

const query = (f: VillageFilters, cursor?: string) => ({
  limit: '20',
  ...(f.supervised ? { supervised: 'true' as const } : {}),
  ...(f.uncovered ? { uncovered: 'true' as const } : {}),
  ...(f.q ? { q: f.q } : {}),
  ...(cursor ? { cursor } : {}),
});

/** GET /api/villages: supervised villages without a pairing first (rule 1), 20 a page. */
export function useVillages(filters: VillageFilters) {
  return useCursorList<Village>(['villages', filters], (cursor) => call(api.villages.$get({ query: query(filters, cursor) })));
}

export function useVillage(id: string | null) {
  return useQuery({
    queryKey: ['village', id],
    queryFn: () => call(api.villages[':id'].$get({ param: { id: id as string } })),
    enabled: id !== null,
  });
}

export function useSaveVillage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; input: VillageInput | VillagePatch; key: string }) =>
      v.id
        ? call(api.villages[':id'].$patch({ param: { id: v.id }, json: v.input }))
        : call(api.villages.$post({ json: v.input as VillageInput }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => invalidate(queryClient, 'villages', 'village', 'dashboard', 'audit'),
  });
}
