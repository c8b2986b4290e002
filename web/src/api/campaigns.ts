import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Campaign, CampaignInput, CampaignPatch, CampaignStatus } from '../../../shared/schemas/campaigns';
import { api, call } from './client';
import { invalidate } from './invalidate';

/** GET /api/campaigns: open first, then upcoming, then ended; each with its progress. */
export function useCampaigns(status?: CampaignStatus) {
  return useQuery({
    queryKey: ['campaigns', status ?? 'all'],
    queryFn: () => call(api.campaigns.$get({ query: status ? { status } : {} })),
  });
}

/** POST /api/campaigns, or PATCH /api/campaigns/:id with `id`. */
export function useSaveCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; input: CampaignInput | CampaignPatch; key: string }) =>
      v.id
        ? call(api.campaigns[':id'].$patch({ param: { id: v.id }, json: v.input }))
        : call(api.campaigns.$post({ json: v.input as CampaignInput }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => invalidate(queryClient, 'campaigns', 'audit'),
  });
}

/** Raised against the target, in whole percent (may pass 100). */
export const campaignPercent = (c: Pick<Campaign, 'targetFen' | 'progress'>) => Math.floor((c.progress.raisedFen * 100) / Math.max(1, c.targetFen));
