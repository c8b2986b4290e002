import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { invalidate } from '../../api/invalidate';

/** POST /api/me/mfa/totp: the password again; the secret, its otpauth:// address and QR code. */
export function useStartTotp() {
  return useMutation({ mutationFn: (password: string) => call(api.me.mfa.totp.$post({ json: { password } })) });
}

/** POST /api/me/mfa/totp/confirm: on from now; the recovery codes, this once. */
export function useConfirmTotp() {
  // /api/me is asked again only once the recovery codes were seen (useEnrolmentDone): a page that
  // reads `mfa.enabled` must not move on while they are on screen
  return useMutation({ mutationFn: (code: string) => call(api.me.mfa.totp.confirm.$post({ json: { code } })) });
}

/** After the recovery codes: /api/me says it is on, and a session that could only enrol may do the rest. */
export function useEnrolmentDone() {
  const qc = useQueryClient();
  return () => invalidate(qc, 'me');
}

/** The tenant's settings (bureau): here, whether its bureau admins must use two-step verification. */
export function useTenantSettings(enabled: boolean) {
  return useQuery({ queryKey: ['settings'], queryFn: () => call(api.settings.$get()), enabled });
}

export function useSaveMfaRequirement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (required: boolean) => call(api.settings.$patch({ json: { mfaRequiredForBureauAdmins: required } })),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['settings'] }), invalidate(qc, 'me')]),
  });
}
