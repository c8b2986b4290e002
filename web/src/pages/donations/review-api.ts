import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Donation } from '../../../../shared/schemas/donations';
import { api, call } from '../../api/client';
import { fetchPrivateFile, uploadCall } from '../../api/json';

/** What a confirmation moves: the lists, the totals, recognition, the dashboard, the villages' funds. */
const TOPICS = ['donations', 'recognition', 'dashboard', 'village-funds'];
const refresh = (qc: ReturnType<typeof useQueryClient>) => Promise.all(TOPICS.map((t) => qc.invalidateQueries({ queryKey: [t] })));

/** POST /api/donations/:id/confirm (bureau): a member's pending donation counted from now on. */
export function useConfirmDonation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string): Promise<Donation> => call(api.donations[':id'].confirm.$post({ param: { id } })),
    onSuccess: () => refresh(qc),
  });
}

/** POST /api/donations/:id/reject (bureau): not confirmed, with the reason the organization gets. */
export function useRejectDonation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string }): Promise<Donation> =>
      call(api.donations[':id'].reject.$post({ param: { id: v.id }, json: { reason: v.reason } })),
    onSuccess: () => refresh(qc),
  });
}

/** POST /api/donations/:id/voucher: the member (or the bureau) attaches the voucher (an image or a PDF). */
export function useUploadVoucher() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; file: File }) => uploadCall<{ fileId: string }>(`/donations/${encodeURIComponent(v.id)}/voucher`, v.file),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['donations'] }),
  });
}

/** GET /api/donations/:id/voucher, opened in a new tab (fetched with the session). */
export async function openVoucher(id: string): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const blob = await fetchPrivateFile(`/api/donations/${encodeURIComponent(id)}/voucher`);
    if (tab) tab.location.href = URL.createObjectURL(blob);
  } catch (e) {
    tab?.close();
    throw e;
  }
}
