import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommitmentInput } from '../../../shared/schemas/commitments';
import { api, call } from './client';
import { invalidate } from './invalidate';

/** Rule 9: each organization's commitment for the year and its members' paid purchases. */
export function useCommitments(year: number) {
  return useQuery({
    queryKey: ['commitments', year],
    queryFn: () => call(api.commitments.$get({ query: { year: String(year) } })),
  });
}

/** PUT /api/commitments: the bureau names the organization; a member sets its own. */
export function useSetCommitment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CommitmentInput) => call(api.commitments.$put({ json: input })),
    onSuccess: () => invalidate(queryClient, 'commitments'),
  });
}
