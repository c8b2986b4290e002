import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InvitationInput, PasswordResetRequest, UserRow } from '../../../shared/schemas/accounts';
import { api, call } from './client';
import { useCursorList } from './cursor';
import { invalidate } from './invalidate';

export type UserFilters = { status?: UserRow['status']; organizationId?: string };

/**
 * GET /api/users: the bureau sees its whole tenant, an org_member its colleagues; the invitations
 * still out come first, on the first page.
 */
export function useUsers(f: UserFilters) {
  return useCursorList<UserRow>(['users', f], (cursor) =>
    call(
      api.users.$get({
        query: {
          limit: '50',
          ...(f.status ? { status: f.status } : {}),
          ...(f.organizationId ? { organizationId: f.organizationId } : {}),
          ...(cursor ? { cursor } : {}),
        },
      }),
    ),
  );
}

/** POST /api/invitations: the same email invited again replaces the earlier link. */
export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { input: InvitationInput; key: string }) => call(api.invitations.$post({ json: v.input }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => invalidate(queryClient, 'users'),
  });
}

/** Disable (it cannot sign in, its sessions end at once) or enable a user again: the bureau only. */
export function useSetUserEnabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; enabled: boolean }) => {
      const route = api.users[':id'];
      return v.enabled ? call(route.enable.$post({ param: { id: v.id } })) : call(route.disable.$post({ param: { id: v.id } }));
    },
    onSuccess: () => invalidate(queryClient, 'users', 'audit'),
  });
}

// ---- the pages without a session: an invitation, a forgotten password ----

/** What an invitation link is for: 404 unknown, 410 used or expired (asked once, never retried). */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => call(api.auth.invitations[':token'].$get({ param: { token } })),
    retry: false,
    staleTime: Infinity,
  });
}

/** Sets the password through the link; answers as a login does ({token, user}). */
export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: (password: string) => call(api.auth.invitations[':token'].accept.$post({ param: { token }, json: { password } })),
  });
}

/** Always 202, whether the email has an account or not. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (input: PasswordResetRequest) => call(api.auth['password-reset'].$post({ json: input })),
  });
}

export function useResetPassword(token: string) {
  return useMutation({
    mutationFn: (password: string) => call(api.auth['password-reset'][':token'].$post({ param: { token }, json: { password } })),
  });
}
