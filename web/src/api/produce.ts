import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Produce, ProduceInput, ProducePatch } from '../../../shared/schemas/produce';
import { api, call } from './client';
import { useCursorList } from './cursor';
import { invalidate } from './invalidate';

export type ProduceFilters = { status?: Produce['status']; villageId?: string };

/** GET /api/produce: the listings the caller may manage (an org_member's own, the bureau's all), 20 a page. */
export function useProduceList(f: ProduceFilters) {
  return useCursorList<Produce>(['produce', f], (cursor) =>
    call(
      api.produce.$get({
        query: { limit: '20', ...(f.status ? { status: f.status } : {}), ...(f.villageId ? { villageId: f.villageId } : {}), ...(cursor ? { cursor } : {}) },
      }),
    ),
  );
}

export function useProduce(id: string | null) {
  return useQuery({
    queryKey: ['produce-item', id],
    queryFn: () => call(api.produce[':id'].$get({ param: { id: id as string } })),
    enabled: id !== null,
  });
}

export function useSaveProduce() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; input: ProduceInput | ProducePatch; key: string }) =>
      v.id
        ? call(api.produce[':id'].$patch({ param: { id: v.id }, json: v.input }))
        : call(api.produce.$post({ json: v.input as ProduceInput }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => invalidate(queryClient, 'produce', 'produce-item'),
  });
}

/**
 * A PATCH of the status (publish: draft|delisted → published; delist: published → delisted) or of
 * the photos (removing one, reordering). Both ride together: ProducePatch keeps the schema's
 * defaults (status 'draft', photos []), so a PATCH that left either out would reset it.
 */
export function usePatchProduce() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; status: Produce['status']; photos: string[] }) =>
      call(api.produce[':id'].$patch({ param: { id: v.id }, json: { status: v.status, photos: v.photos } })),
    onSuccess: () => invalidate(queryClient, 'produce', 'produce-item'),
  });
}

/** POST /api/produce/:id/photos (multipart field `file`): the server appends it to the listing (at most 9). */
export function uploadProducePhoto(id: string, file: File) {
  return call(api.produce[':id'].photos.$post({ param: { id }, form: { file } }));
}

export type VillageOption = { id: string; name: string; township?: string };

/**
 * The villages a listing may be for: the bureau any village of the tenant; an organization only
 * those it has an ACTIVE pairing with (the API refuses the rest with 403).
 */
export function useListableVillages(role: 'bureau_admin' | 'org_member' | 'platform_admin') {
  return useQuery({
    queryKey: ['villages', 'listable', role],
    queryFn: async (): Promise<VillageOption[]> => {
      if (role === 'org_member') {
        const page = await call(api.pairings.$get({ query: { status: 'active', limit: '100' } }));
        const seen = new Map<string, VillageOption>();
        for (const p of page.items) seen.set(p.villageId, { id: p.villageId, name: p.villageName });
        return [...seen.values()];
      }
      const page = await call(api.villages.$get({ query: { limit: '100' } }));
      return page.items.map((v) => ({ id: v.id, name: v.name, township: v.township }));
    },
  });
}
