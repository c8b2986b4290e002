import { MAX_CART_LISTINGS, MAX_LINE_QUANTITY } from '../../../shared/formats';
import { useCallback, useSyncExternalStore } from 'react';
import type { PublicProduce } from '../../../shared/schemas/produce';

/**
 * The cart lives in localStorage, one per tenant, so a donor can close WeChat and come back.
 * A line keeps what the page showed when it was added (name, price, village) for drawing the
 * cart at once; the cart page re-reads each listing for its live price and stock.
 */
export type CartLine = {
  produceId: string;
  quantity: number;
  name: string;
  unit: string;
  priceFen: number;
  villageName: string;
  township: string;
  /** the first photo's address */
  photo?: string;
};

const key = (slug: string) => `bangfu.cart.${slug}`;
const listeners = new Set<() => void>();
const cache = new Map<string, { raw: string | null; lines: CartLine[] }>();

function read(slug: string): CartLine[] {
  const raw = localStorage.getItem(key(slug));
  const hit = cache.get(slug);
  if (hit && hit.raw === raw) return hit.lines;
  let lines: CartLine[] = [];
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    if (Array.isArray(parsed)) {
      lines = parsed.filter(
        (l): l is CartLine => typeof l?.produceId === 'string' && Number.isInteger(l?.quantity) && l.quantity > 0 && typeof l?.priceFen === 'number',
      );
    }
  } catch {
    lines = [];
  }
  cache.set(slug, { raw, lines });
  return lines;
}

function write(slug: string, lines: CartLine[]) {
  if (lines.length === 0) localStorage.removeItem(key(slug));
  else localStorage.setItem(key(slug), JSON.stringify(lines));
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => e.key?.startsWith('bangfu.cart.') && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

const clamp = (n: number) => Math.max(1, Math.min(MAX_LINE_QUANTITY, Math.floor(n)));

export type AddResult = 'added' | 'merged' | 'full';
export type CartItem = Omit<CartLine, 'quantity'>;

/** What a cart line remembers of a listing. */
export const cartItemOf = (p: PublicProduce): CartItem => ({
  produceId: p.id,
  name: p.name,
  unit: p.unit,
  priceFen: p.priceFen,
  villageName: p.villageName,
  township: p.township,
  photo: p.photoUrls[0],
});

/** The tenant's cart and what can be done to it; the same listing added twice is one line. */
export function useCart(slug: string) {
  const lines = useSyncExternalStore(subscribe, () => read(slug));

  const add = useCallback(
    (item: CartItem, quantity: number): AddResult => {
      const current = read(slug);
      if (current.some((l) => l.produceId === item.produceId)) {
        write(
          slug,
          current.map((l) => (l.produceId === item.produceId ? { ...item, quantity: clamp(l.quantity + quantity) } : l)),
        );
        return 'merged';
      }
      if (current.length >= MAX_CART_LISTINGS) return 'full';
      write(slug, [...current, { ...item, quantity: clamp(quantity) }]);
      return 'added';
    },
    [slug],
  );

  const setQuantity = useCallback(
    (produceId: string, quantity: number) =>
      write(
        slug,
        read(slug).map((l) => (l.produceId === produceId ? { ...l, quantity: clamp(quantity) } : l)),
      ),
    [slug],
  );
  const remove = useCallback(
    (produceId: string) =>
      write(
        slug,
        read(slug).filter((l) => l.produceId !== produceId),
      ),
    [slug],
  );
  const clear = useCallback(() => write(slug, []), [slug]);

  const count = lines.reduce((n, l) => n + l.quantity, 0);
  return { lines, count, add, setQuantity, remove, clear };
}

/** The orders this browser placed, newest first, so the shop can link back to them. */
export type RecentOrder = { orderId: string; token: string; totalFen: number; createdAt: string; checkoutUrl?: string };

const ordersKey = (slug: string) => `bangfu.orders.${slug}`;

export function rememberOrder(slug: string, order: RecentOrder) {
  const list = recentOrders(slug).filter((o) => o.orderId !== order.orderId);
  localStorage.setItem(ordersKey(slug), JSON.stringify([order, ...list].slice(0, 10)));
}

export function recentOrders(slug: string): RecentOrder[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(ordersKey(slug)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((o): o is RecentOrder => typeof o?.orderId === 'string' && typeof o?.token === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The campaign this browser came through (its public page was opened): the donate form and the
 * cart send its id with the request for a day. The server keeps it only while the campaign is
 * open, so a stale one is harmless.
 */
export type RememberedCampaign = { id: string; title: string; at: number };
const campaignKey = (slug: string) => `bangfu.campaign.${slug}`;
const CAMPAIGN_MEMORY_MS = 24 * 3600_000;

export function rememberCampaign(slug: string, c: { id: string; title: string }) {
  try {
    localStorage.setItem(campaignKey(slug), JSON.stringify({ ...c, at: Date.now() }));
  } catch {
    /* private mode: the link's ?campaign= still works */
  }
}

export function campaignOf(slug: string): RememberedCampaign | undefined {
  try {
    const c = JSON.parse(localStorage.getItem(campaignKey(slug)) ?? 'null') as RememberedCampaign | null;
    return c && typeof c.id === 'string' && Date.now() - c.at < CAMPAIGN_MEMORY_MS ? c : undefined;
  } catch {
    return undefined;
  }
}
