import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StoryInput, StoryPatch, StoryStatus } from '../../../shared/schemas/stories';
import { api, call } from './client';

const refresh = (qc: ReturnType<typeof useQueryClient>) =>
  Promise.all([qc.invalidateQueries({ queryKey: ['stories'] }), qc.invalidateQueries({ queryKey: ['audit'] })]);

/** GET /api/stories: drafts and published, latest change first. */
export function useStories(status?: StoryStatus) {
  return useQuery({
    queryKey: ['stories', status ?? 'all'],
    queryFn: () => call(api.stories.$get({ query: status ? { status } : {} })),
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
