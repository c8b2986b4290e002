import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConcernInput } from '../../../shared/schemas/concerns';
import type { DonateInput, DonateResult, PublicDonationStatus } from '../../../shared/schemas/donations';
import type { Transparency, VillageTransparencyPage } from '../../../shared/schemas/transparency';
import type { PublicCampaign } from '../../../shared/schemas/campaigns';
import { api, call } from '../api/client';
import { ACCESS_TOKEN_HEADER } from './fragment-token';

/** The public donation, transparency and concern calls (no account), over the typed client. */
const base = (slug: string) => `/api/public/${encodeURIComponent(slug)}`;

export type { DonateInput, DonateResult };

/** The donor's receipt: a printable HTML page the server renders (fetched with the token in a header, never rebuilt here). */
export const receiptUrl = (slug: string, donationId: string) => `${base(slug)}/donations/${encodeURIComponent(donationId)}/receipt`;

/** POST donate: one Idempotency-Key per attempt (the same form sent again reuses it). */
export function useDonate(slug: string) {
  return useMutation({
    mutationFn: (v: { request: DonateInput; key: string }) =>
      call(api.public[':tenantSlug'].donate.$post({ param: { tenantSlug: slug }, json: v.request }, { headers: { 'Idempotency-Key': v.key } })),
  });
}

export function useTransparency(slug: string) {
  return useQuery({
    queryKey: ['public', slug, 'transparency'],
    queryFn: (): Promise<Transparency> => call(api.public[':tenantSlug'].transparency.$get({ param: { tenantSlug: slug } })),
    staleTime: 30_000,
    retry: 1,
  });
}

export function useVillageTransparency(slug: string, villageId: string) {
  return useQuery({
    queryKey: ['public', slug, 'transparency', villageId],
    queryFn: (): Promise<VillageTransparencyPage> =>
      call(api.public[':tenantSlug'].villages[':id'].transparency.$get({ param: { tenantSlug: slug, id: villageId } })),
    staleTime: 30_000,
    retry: 1,
  });
}

/** A campaign's public page: progress, per village, its villages' accounts. */
export function usePublicCampaign(slug: string, id: string) {
  return useQuery({
    queryKey: ['public', slug, 'campaign', id],
    queryFn: (): Promise<PublicCampaign> => call(api.public[':tenantSlug'].campaigns[':id'].$get({ param: { tenantSlug: slug, id } })),
    staleTime: 30_000,
    retry: 1,
  });
}

export type { ConcernInput };

export function useReportConcern(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: ConcernInput) => call(api.public[':tenantSlug'].concerns.$post({ param: { tenantSlug: slug }, json: v })),
    // the public pages count concerns received
    onSuccess: () => qc.invalidateQueries({ queryKey: ['public', slug, 'transparency'] }),
  });
}

/** The donor's own view of a donation (status polling while the payment event is on its way). */
export function usePublicDonation(slug: string, donationId: string, token: string) {
  return useQuery({
    queryKey: ['public', slug, 'donation', donationId, token],
    queryFn: (): Promise<PublicDonationStatus> =>
      call(
        api.public[':tenantSlug'].donations[':id'].$get(
          { param: { tenantSlug: slug, id: donationId }, query: {} },
          { headers: { [ACCESS_TOKEN_HEADER]: token } },
        ),
      ),
    enabled: token !== '',
    staleTime: 0,
    retry: 1,
    refetchInterval: (q) => (q.state.data?.status === 'pending_payment' ? 2_000 : false),
  });
}

/** What the donate form remembers between the checkout and the done page (this tab only). */
const KEY = 'bangfu.donation.';
export type RememberedDonation = { donationId: string; token: string; villageId: string; villageName: string; amountFen: number };
export const rememberDonation = (slug: string, d: RememberedDonation) => {
  try {
    sessionStorage.setItem(`${KEY}${slug}.${d.donationId}`, JSON.stringify(d));
    sessionStorage.setItem(`${KEY}${slug}.last`, d.donationId);
  } catch {
    /* private mode: the done page falls back to the URL */
  }
};
export const recallDonation = (slug: string, donationId?: string): RememberedDonation | undefined => {
  try {
    const id = donationId ?? sessionStorage.getItem(`${KEY}${slug}.last`);
    const raw = id ? sessionStorage.getItem(`${KEY}${slug}.${id}`) : null;
    return raw ? (JSON.parse(raw) as RememberedDonation) : undefined;
  } catch {
    return undefined;
  }
};
