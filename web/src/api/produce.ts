import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Produce, ProduceInput, ProducePatch } from '../../../shared/schemas/produce';
import type { PHOTO_TYPES } from '../../../shared/schemas/produce';
import { api, call } from './client';
import { ApiError, NetworkError } from './errors';
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

/**
 * A photo for the listing (the server appends it, at most 9, and makes its WebP sizes). First a
 * ticket (POST …/photos/presign): on AWS a presigned POST straight to the bucket — the form's
 * fields, the file last — then POST …/photos/confirm with its key, so a photo up to 5 MB never
 * passes through the function (whose payload limit is ~4.4 MB after encoding); locally `direct`:
 * the file goes to POST …/photos as multipart.
 */
export async function uploadProducePhoto(id: string, file: File) {
  const contentType = file.type as (typeof PHOTO_TYPES)[number];
  const ticket = await call(api.produce[':id'].photos.presign.$post({ param: { id }, json: { contentType } }));
  if (ticket.mode === 'direct') return call(api.produce[':id'].photos.$post({ param: { id }, form: { file } }));
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.fields)) form.append(k, v);
  form.append('file', file);
  let posted: Response;
  try {
    posted = await fetch(ticket.url, { method: 'POST', body: form });
  } catch (e) {
    throw new NetworkError(String(e));
  }
  if (!posted.ok) {
    // S3 answers in XML: EntityTooLarge, AccessDenied (expired policy, wrong type) …
    const code = /<Code>([^<]+)<\/Code>/.exec(await posted.text().catch(() => ''))?.[1] ?? 'upload_failed';
    const message =
      code === 'EntityTooLarge' ? '照片不能超过 5 MB' : code === 'AccessDenied' ? '上传凭证已过期或文件类型不符，请重新上传' : '照片上传失败，请重试';
    throw new ApiError(posted.status === 400 && code === 'EntityTooLarge' ? 413 : posted.status, code, message);
  }
  return call(api.produce[':id'].photos.confirm.$post({ param: { id }, json: { key: ticket.key } }));
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
