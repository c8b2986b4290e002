import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Application, ApplicationStatusView } from '../../../shared/schemas/accounts';
import { api, call } from './client';
import { useCursorList } from './cursor';
import { invalidate } from './invalidate';

export type ApplicationStatus = ApplicationStatusView['status'];
export type Decision = 'approve' | 'reject';

/** GET /api/applications: newest first, 20 a page (bureau). */
export function useApplications(status: ApplicationStatus | undefined) {
  return useCursorList<Application>(['applications', { status }], (cursor) =>
    call(api.applications.$get({ query: { limit: '20', ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) } })),
  );
}

/** One application with its villages and its documents' links. */
export function useApplication(id: string | null) {
  return useQuery({
    queryKey: ['application', id],
    queryFn: () => call(api.applications[':id'].$get({ param: { id: id as string } })),
    enabled: id !== null,
  });
}

/**
 * How many wait for review, for the menu: one page of up to 100 (more shows as 99+). Asked again
 * at most once a minute, and quiet on failure: the menu then shows no count rather than an error.
 */
export function usePendingApplicationCount(enabled: boolean) {
  return useQuery({
    queryKey: ['applications', 'pending-count'],
    queryFn: async () => {
      const page = await call(api.applications.$get({ query: { limit: '100', status: 'pending' } }));
      return page.nextCursor ? 100 : page.items.length;
    },
    enabled,
    staleTime: 60_000,
    refetchOnWindowFocus: true,
    retry: false,
  });
}

/**
 * approve (creates the organization, approved, and invites its contact) or reject (with the reason
 * the applicant is told).
 */
export function useDecideApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; decision: Decision; reason?: string }) => {
      const args = { param: { id: v.id }, json: v.reason ? { reason: v.reason } : {} };
      const route = api.applications[':id'];
      return v.decision === 'approve' ? call(route.approve.$post(args)) : call(route.reject.$post(args));
    },
    onSuccess: () => invalidate(queryClient, 'applications', 'application', 'organizations', 'users', 'notifications'),
  });
}
