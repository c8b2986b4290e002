import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Payout, PayoutInput } from '../../../shared/schemas/settlements';
import { api, call } from './client';
import { useCursorList } from './cursor';
import { invalidate } from './invalidate';
import { downloadWithProgress, type Progress } from './json';

/** GET /api/settlements: the month's statement per seller (an org_member: its own, whatever it asks). */
export function useSettlements(month: string, organizationId?: string) {
  return useQuery({
    queryKey: ['settlements', month, organizationId ?? ''],
    queryFn: () => call(api.settlements.$get({ query: { month, ...(organizationId ? { organizationId } : {}) } })),
  });
}

export type PayoutFilters = { month?: string; organizationId?: string };

/** GET /api/payouts: payouts newest first (an org_member: those it received), 50 a page. */
export function usePayouts(f: PayoutFilters) {
  return useCursorList<Payout>(['payouts', f], (cursor) =>
    call(
      api.payouts.$get({
        query: {
          limit: '50',
          ...(f.month ? { month: f.month } : {}),
          ...(f.organizationId ? { organizationId: f.organizationId } : {}),
          ...(cursor ? { cursor } : {}),
        },
      }),
    ),
  );
}

/** POST /api/payouts (bureau): refused 409 when it is more than the month still owes the seller. */
export function useCreatePayout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { input: PayoutInput; key: string }) => call(api.payouts.$post({ json: v.input }, { headers: { 'Idempotency-Key': v.key } })),
    onSuccess: () => invalidate(queryClient, 'settlements', 'payouts'),
  });
}

/** POST /api/payouts/:id/evidence (multipart field `file`): the bank slip, replacing any. */
export function useAttachPayoutEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; file: File }) => call(api.payouts[':id'].evidence.$post({ param: { id: v.id }, form: { file: v.file } })),
    onSuccess: () => invalidate(queryClient, 'payouts'),
  });
}

/** GET /api/payouts/:id/evidence: the file itself, behind the session (never a public link). */
export function fetchPayoutEvidence(id: string) {
  return downloadWithProgress(`/payouts/${encodeURIComponent(id)}/evidence`, () => undefined);
}

/** GET /api/exports/settlement.xlsx: the month's statement workbook (an org_member: its own), streamed. */
export function downloadSettlement(month: string, organizationId: string | undefined, onProgress: (p: Progress) => void) {
  const q = new URLSearchParams({ month, ...(organizationId ? { organizationId } : {}) });
  return downloadWithProgress(`/exports/settlement.xlsx?${q.toString()}`, onProgress);
}
