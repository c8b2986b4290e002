import { useMutation, useQuery } from '@tanstack/react-query';
import type { ConcernInput } from '../../../shared/schemas/concerns';
import type { DonateInput, DonateResult, PublicDonationStatus } from '../../../shared/schemas/donations';
import type { Transparency, VillageTransparencyPage } from '../../../shared/schemas/transparency';
import { errorFrom, NetworkError } from '../api/errors';

/**
 * The public donation, transparency and concern calls. Their routes are not in AppType yet, so
 * they go through this small untyped fetch (same error shape as the typed client: ApiError).
 * Switch each to the typed client once the route lands.
 */
async function publicFetch<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}), ...init?.headers } });
  } catch (e) {
    throw new NetworkError(String(e));
  }
  if (!res.ok) throw await errorFrom(res);
  return (await res.json()) as T;
}

const base = (slug: string) => `/api/public/${encodeURIComponent(slug)}`;

export type { DonateInput, DonateResult };

/** The donor's receipt: a printable HTML page the server renders (linked, never rebuilt here). */
export const receiptUrl = (slug: string, donationId: string, token: string) =>
  `${base(slug)}/donations/${encodeURIComponent(donationId)}/receipt?token=${encodeURIComponent(token)}`;

/** POST donate: one Idempotency-Key per attempt (the same form sent again reuses it). */
export function useDonate(slug: string) {
  return useMutation({
    mutationFn: (v: { request: DonateInput; key: string }) =>
      publicFetch<DonateResult>(`${base(slug)}/donate`, { method: 'POST', body: JSON.stringify(v.request), headers: { 'Idempotency-Key': v.key } }),
  });
}

export function useTransparency(slug: string) {
  return useQuery({
    queryKey: ['public', slug, 'transparency'],
    queryFn: () => publicFetch<Transparency>(`${base(slug)}/transparency`),
    staleTime: 30_000,
    retry: 1,
  });
}

export function useVillageTransparency(slug: string, villageId: string) {
  return useQuery({
    queryKey: ['public', slug, 'transparency', villageId],
    queryFn: () => publicFetch<VillageTransparencyPage>(`${base(slug)}/villages/${encodeURIComponent(villageId)}/transparency`),
    staleTime: 30_000,
    retry: 1,
  });
}

export type { ConcernInput };

export function useReportConcern(slug: string) {
  return useMutation({
    mutationFn: (v: ConcernInput) => publicFetch<{ concernId: string }>(`${base(slug)}/concerns`, { method: 'POST', body: JSON.stringify(v) }),
  });
}

/** The donor's own view of a donation (status polling while the payment event is on its way). */
export function usePublicDonation(slug: string, donationId: string, token: string) {
  return useQuery({
    queryKey: ['public', slug, 'donation', donationId, token],
    queryFn: () => publicFetch<PublicDonationStatus>(`${base(slug)}/donations/${encodeURIComponent(donationId)}?token=${encodeURIComponent(token)}`),
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
