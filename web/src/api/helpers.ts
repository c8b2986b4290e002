import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HelperInput, HelperPatch } from '../../../shared/schemas/helpers';
import { api, call } from './client';
import { invalidate } from './invalidate';
import { uploadCall } from './json';

/** An organization's helpers (帮扶责任人 / 帮扶队员), active first; the phone in full (the bureau, or the organization's own members). */
export function useHelpers(organizationId: string | null | undefined) {
  return useQuery({
    queryKey: ['helpers', organizationId],
    queryFn: async () => (await call(api.organizations[':id'].helpers.$get({ param: { id: organizationId as string } }))).items,
    enabled: !!organizationId,
  });
}

export function useAddHelper() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { organizationId: string; input: HelperInput }) =>
      call(api.organizations[':id'].helpers.$post({ param: { id: v.organizationId }, json: v.input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['helpers'] }),
  });
}

export function useEditHelper() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; patch: HelperPatch }) => call(api.helpers[':id'].$patch({ param: { id: v.id }, json: v.patch })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['helpers'] }), invalidate(queryClient, 'audit')]),
  });
}

/** PUT /api/pairings/:id/team: the pairing's team (active helpers of its organization). */
export function useSetTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { pairingId: string; helperIds: string[] }) =>
      call(api.pairings[':id'].team.$put({ param: { id: v.pairingId }, json: { helperIds: v.helperIds } })),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['pairing-team'] }), invalidate(queryClient, 'pairings', 'audit')]),
  });
}

/** The pairing with its team (GET /api/pairings/:id). */
export function usePairingTeam(pairingId: string | null | undefined) {
  return useQuery({
    queryKey: ['pairing-team', pairingId],
    queryFn: async () => (await call(api.pairings[':id'].$get({ param: { id: pairingId as string } }))).team ?? [],
    enabled: !!pairingId,
  });
}

/** One photo of an activity, uploaded after the activity is saved. */
export const uploadActivityPhoto = (activityId: string, file: File) => uploadCall<{ photoId: string; url: string }>(`/activities/${activityId}/photos`, file);
