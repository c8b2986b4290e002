import { useQuery } from '@tanstack/react-query';
import type { PublicStory, PublicStorySummary } from '../../../shared/schemas/stories';
import { api, call } from '../api/client';

/** The published stories (典型经验), newest first; `villageId` for one village's (no account). */
export function usePublicStories(slug: string, villageId?: string, enabled = true) {
  return useQuery({
    queryKey: ['public', slug, 'stories', villageId ?? 'all'],
    queryFn: (): Promise<{ items: PublicStorySummary[] }> =>
      call(api.public[':tenantSlug'].stories.$get({ param: { tenantSlug: slug }, query: villageId ? { villageId } : {} })),
    staleTime: 60_000,
    retry: 1,
    enabled,
  });
}

export function usePublicStory(slug: string, id: string) {
  return useQuery({
    queryKey: ['public', slug, 'story', id],
    queryFn: (): Promise<PublicStory> => call(api.public[':tenantSlug'].stories[':id'].$get({ param: { tenantSlug: slug, id } })),
    staleTime: 60_000,
    retry: 1,
  });
}
