import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StoryInput, StoryPatch, StoryStatus } from '../../../shared/schemas/stories';
import { api, call } from './client';
import { errorFrom, NetworkError } from './errors';
import { fetchPrivateFile } from './json';
import { sessionExpired, tokenStore } from './token';

const refresh = (qc: ReturnType<typeof useQueryClient>) =>
  Promise.all([qc.invalidateQueries({ queryKey: ['stories'] }), qc.invalidateQueries({ queryKey: ['audit'] })]);

/** GET /api/stories: drafts and published, latest change first. */
export function useStories(status?: StoryStatus) {
  return useQuery({
    queryKey: ['stories', status ?? 'all'],
    queryFn: () => call(api.stories.$get({ query: status ? { status } : {} })),
  });
}

/** GET /api/stories/:id: one story as it is now (the modal's photos follow uploads and removals). */
export function useStory(id: string | undefined) {
  return useQuery({
    queryKey: ['stories', 'one', id],
    queryFn: () => call(api.stories[':id'].$get({ param: { id: id! } })),
    enabled: !!id,
  });
}

/** POST /api/stories, or PATCH /api/stories/:id with `id` (also publishes and takes back: `status`). */
export function useSaveStory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; input: StoryInput | StoryPatch; key: string }) =>
      v.id
        ? call(api.stories[':id'].$patch({ param: { id: v.id }, json: v.input }))
        : call(api.stories.$post({ json: v.input as StoryInput }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => refresh(queryClient),
  });
}

/** POST /api/stories/:id/photos (multipart; at most 9 a story). */
export function useUploadStoryPhoto() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; file: File }) => call(api.stories[':id'].photos.$post({ param: { id: v.id }, form: { file: v.file } })),
    onSuccess: () => refresh(queryClient),
  });
}

/** GET /api/stories/:id/photos/:photoId?size=w320: a story's photo for the bureau, draft or published (fetched with the session). */
export function useStoryPhoto(storyId: string, photoId: string, size?: 'w320' | 'w800', enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['story-photo', storyId, photoId, size ?? 'original'],
    queryFn: () => fetchPrivateFile(`/api/stories/${storyId}/photos/${photoId}${size ? `?size=${size}` : ''}`),
    staleTime: Infinity,
  });
}

/** DELETE /api/stories/:id/photos/:photoId (204): off the story and out of the files. */
export function useDeleteStoryPhoto() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (v: { id: string; photoId: string }) => {
      let res: Response;
      try {
        res = (await api.stories[':id'].photos[':photoId'].$delete({ param: { id: v.id, photoId: v.photoId } })) as unknown as Response;
      } catch (e) {
        throw new NetworkError(String(e));
      }
      if (res.ok) return;
      const err = await errorFrom(res);
      if (err.status === 401 && tokenStore.get()) sessionExpired();
      throw err;
    },
    onSuccess: (_, v) => {
      queryClient.removeQueries({ queryKey: ['story-photo', v.id, v.photoId] });
      return refresh(queryClient);
    },
  });
}
