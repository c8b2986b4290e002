import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Organization, OrganizationInput, OrganizationPatch } from '../../../shared/schemas/organizations';
import { api, call } from './client';
import { useCursorList } from './cursor';
import { invalidate } from './invalidate';

export type OrgStatusFilter = Organization['status'] | undefined;
export type Review = 'approve' | 'reject' | 'suspend';

/** GET /api/organizations, by status, 20 a page. */
export function useOrganizations(status: OrgStatusFilter) {
  return useCursorList<Organization>(['organizations', { status }], (cursor) =>
    call(api.organizations.$get({ query: { limit: '20', ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } })),
  );
}

export function useOrganization(id: string | null | undefined) {
  return useQuery({
    queryKey: ['organization', id],
    queryFn: () => call(api.organizations[':id'].$get({ param: { id: id as string } })),
    enabled: !!id,
  });
}

export function useCreateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { input: OrganizationInput; key: string }) => call(api.organizations.$post({ json: v.input }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => invalidate(queryClient, 'organizations'),
  });
}

export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    /** 200: the organization; 202 (a member's change of name, kind or credit code): it and the change request awaiting review */
    mutationFn: (v: { id: string; patch: OrganizationPatch }) => call(api.organizations[':id'].$patch({ param: { id: v.id }, json: v.patch })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['organization-changes'] }),
        invalidate(queryClient, 'organizations', 'organization', 'audit', 'me'),
      ]),
  });
}

/**
 * PUT /api/organizations/:id/payout-account (bureau_admin): the Stripe connected account that
 * stripe_transfer payouts go to; null clears it.
 */
export function useSetPayoutAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; stripeAccountId: string | null }) =>
      call(api.organizations[':id']['payout-account'].$put({ param: { id: v.id }, json: { stripeAccountId: v.stripeAccountId } })),
    onSuccess: () => invalidate(queryClient, 'organization', 'organizations', 'audit'),
  });
}

/** approve | reject | suspend, with an optional reason (the bureau's review). */
export function useReviewOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; action: Review; reason?: string }) => {
      const args = { param: { id: v.id }, json: v.reason ? { reason: v.reason } : {} };
      const route = api.organizations[':id'];
      if (v.action === 'approve') return call(route.approve.$post(args));
      if (v.action === 'reject') return call(route.reject.$post(args));
      return call(route.suspend.$post(args));
    },
    onSuccess: () => invalidate(queryClient, 'organizations', 'organization', 'audit', 'pairings'),
  });
}

/** Organization names by id, for the bureau's tables that say who listed or sold something. */
export function useOrganizationNames(enabled: boolean) {
  return useQuery({
    queryKey: ['organizations', 'names'],
    queryFn: async () => {
      const page = await call(api.organizations.$get({ query: { limit: '100' } }));
      return new Map(page.items.map((o) => [o.id, o.name]));
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}
