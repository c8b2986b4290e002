import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { OrganizationChange } from '../../../shared/schemas/organizations';
import { api, call } from './client';
import { useCursorList } from './cursor';
import { invalidate } from './invalidate';

export type ChangeStatus = OrganizationChange['status'];

/**
 * GET /api/organization-changes: requests to change an organization's name, kind or
 * credit code. The bureau sees all (by status), a member its own organization's.
 */
export function useOrganizationChanges(filter: { status?: ChangeStatus; organizationId?: string }, enabled = true) {
  return useCursorList<OrganizationChange>(
    ['organization-changes', filter],
    (cursor) =>
      call(
        api['organization-changes'].$get({
          query: {
            limit: '20',
            ...(filter.status ? { status: filter.status } : {}),
            ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
            ...(cursor ? { cursor } : {}),
          },
        }),
      ),
    enabled,
  );
}

/** The bureau approves (the change applies) or rejects (with a reason) a pending request. */
export function useDecideChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: 'approve' | 'reject'; reason?: string }) => {
      const route = api['organization-changes'][':id'];
      if (v.action === 'approve') return call(route.approve.$post({ param: { id: v.id } }));
      return call(route.reject.$post({ param: { id: v.id }, json: { reason: v.reason ?? '' } }));
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['organization-changes'] }),
        invalidate(queryClient, 'organizations', 'organization', 'audit', 'me'),
      ]),
  });
}
