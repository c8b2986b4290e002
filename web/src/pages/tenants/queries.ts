import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TenantInput, UserInput } from '../../../../shared/schemas/identity';
import { api, call } from '../../api/client';
import { useCursorList } from '../../api/cursor';
import { invalidate } from '../../api/invalidate';

export type TenantRow = { id: string; slug: string; name: string };

export function useTenants() {
  return useCursorList<TenantRow>(['tenants'], (cursor) => call(api.admin.tenants.$get({ query: { limit: '50', ...(cursor ? { cursor } : {}) } })));
}

export function useCreateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { input: TenantInput; key: string }) => call(api.admin.tenants.$post({ json: v.input }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => invalidate(queryClient, 'tenants'),
  });
}

export function useCreateUser() {
  return useMutation({
    mutationFn: (v: { input: UserInput; key: string }) => call(api.users.$post({ json: v.input }, { headers: { 'Idempotency-Key': v.key } })),
  });
}
