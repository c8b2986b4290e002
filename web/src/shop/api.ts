import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CheckoutInput, PublicOrder as PublicOrderSchema } from '../../../shared/schemas/orders';
import type { PublicProduce } from '../../../shared/schemas/produce';
import { api, call } from '../api/client';
import { ACCESS_TOKEN_HEADER } from './fragment-token';
import { errorFrom, NetworkError } from '../api/errors';

/**
 * The public shop's calls (no account) over the typed client. Checkout carries the console's
 * token when this browser has one: a signed-in org_member's order counts toward its
 * organization's commitment (rule 9); the server treats a stale token as an anonymous buyer.
 */
export type PublicOrder = z.infer<typeof PublicOrderSchema>;
export type ShopFilters = { villageId?: string; category?: PublicProduce['category'] };

const shop = api.public[':tenantSlug'];

export function usePublicTenant(slug: string) {
  return useQuery({
    queryKey: ['public', slug, 'tenant'],
    queryFn: () => call(shop.$get({ param: { tenantSlug: slug } })),
    staleTime: 60_000,
  });
}

export function usePublicProduceList(slug: string, f: ShopFilters) {
  const query = useInfiniteQuery({
    queryKey: ['public', slug, 'produce', f],
    queryFn: ({ pageParam }) =>
      call(
        shop.produce.$get({
          param: { tenantSlug: slug },
          query: {
            limit: '20',
            ...(f.category ? { category: f.category } : {}),
            ...(f.villageId ? { villageId: f.villageId } : {}),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return { ...query, items: query.data?.pages.flatMap((p) => p.items) ?? [] };
}

export function fetchPublicProduce(slug: string, id: string) {
  return call(shop.produce[':id'].$get({ param: { tenantSlug: slug, id } }));
}

export function usePublicProduce(slug: string, id: string) {
  return useQuery({ queryKey: ['public', slug, 'produce-item', id], queryFn: () => fetchPublicProduce(slug, id) });
}

/** POST checkout: one Idempotency-Key per attempt (the same cart and buyer sent again reuse it). */
export function useCheckout(slug: string) {
  return useMutation({
    mutationFn: (v: { request: CheckoutInput; key: string }) =>
      call(shop.checkout.$post({ param: { tenantSlug: slug }, json: v.request }, { headers: { 'Idempotency-Key': v.key } })),
  });
}

const PENDING_POLL_MS = 3_000;

/** The buyer's order through its token; polled while the payment is still open. */
export function usePublicOrder(slug: string, orderId: string, token: string) {
  return useQuery({
    queryKey: ['public', slug, 'order', orderId, token],
    queryFn: (): Promise<PublicOrder> =>
      call(shop.orders[':orderId'].$get({ param: { tenantSlug: slug, orderId }, query: {} }, { headers: { [ACCESS_TOKEN_HEADER]: token } })),
    enabled: token !== '',
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.status === 'pending_payment' ? PENDING_POLL_MS : false),
  });
}

/** The local stand-in for Stripe's hosted page (no STRIPE_SECRET_KEY). */
export function useCheckoutSession(sessionId: string) {
  return useQuery({
    queryKey: ['checkout-session', sessionId],
    queryFn: () => call(api.public.checkout[':sessionId'].$get({ param: { sessionId } })),
    staleTime: 0,
  });
}

/**
 * Pay or cancel on the local checkout page: POST <checkoutUrl>/pay|cancel (outside /api, so not
 * in the typed client). The server delivers the signed Stripe-shaped event to its own webhook and
 * answers with the order page to go back to.
 */
export function useCheckoutDecision(sessionId: string) {
  return useMutation({
    mutationFn: async (decision: 'pay' | 'cancel'): Promise<{ returnUrl?: string }> => {
      let res: Response;
      try {
        res = await fetch(`/checkout/${encodeURIComponent(sessionId)}/${decision}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { accept: 'application/json' },
        });
      } catch (e) {
        throw new NetworkError(String(e));
      }
      if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) return {};
      if (!res.ok) throw await errorFrom(res);
      const body = (await res.json().catch(() => ({}))) as { returnUrl?: unknown };
      return { returnUrl: typeof body.returnUrl === 'string' ? body.returnUrl : undefined };
    },
  });
}

/** Find my order: mobile number + order number → a fresh link to the order page. */
export function useOrderLookup(slug: string) {
  return useMutation({
    mutationFn: (json: { phone: string; orderNo: string }) => call(shop.orders.lookup.$post({ param: { tenantSlug: slug }, json })),
  });
}
