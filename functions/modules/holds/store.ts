import type { TenantStore, TxItem } from '../../store/tenant-store.js';

/**
 * Holds (docs/DOMAIN.md "Hold"): a quantity of one listing kept for one open checkout until its
 * expiresAt. The listing counts them in `held` (see produce/store.ts); each hold item says whether
 * it is still open, so closing one (sold or released) is conditional and happens once.
 */
export type HoldLine = { produceId: string; quantity: number };
export type HoldStatus = 'open' | 'sold' | 'released';

// Access pattern: the holds of one order, one per listing → pk HOLD, sk <orderId>#<produceId>.
export const holdKey = (store: TenantStore, orderId: string, produceId: string) => ({ pk: store.pk('HOLD'), sk: `${orderId}#${produceId}` });

// Access pattern: open checkouts by expiry, oldest first (the sweeper; a listing's expired holds
// before the sweeper came) → pk CHECKOUT_EXPIRY, sk <expiresAt ISO>#<orderId>. One entry per open
// checkout, deleted in the transaction that closes it: the partition holds only open checkouts.
export const expiryKey = (store: TenantStore, expiresAt: string, orderId: string) => ({
  pk: store.pk('CHECKOUT_EXPIRY'),
  sk: `${expiresAt}#${orderId}`,
});

export type ExpiryEntry = { orderId: string; expiresAt: string; lines: HoldLine[]; kind: string };

/** The holds of a new checkout and its expiry entry (the listing updates are the caller's). */
export function openHoldsTx(store: TenantStore, orderId: string, lines: HoldLine[], expiresAt: string, createdAt: string): TxItem[] {
  return [
    ...lines.map((l) => ({
      Put: {
        Item: { ...holdKey(store, orderId, l.produceId), orderId, produceId: l.produceId, quantity: l.quantity, expiresAt, status: 'open', createdAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
    { Put: { Item: { ...expiryKey(store, expiresAt, orderId), orderId, expiresAt, lines, kind: 'order' }, ConditionExpression: 'attribute_not_exists(pk)' } },
  ];
}

/** Open holds become sold or released, each only if still open; the expiry entry goes. */
export function closeHoldsTx(store: TenantStore, orderId: string, lines: HoldLine[], expiresAt: string, to: Exclude<HoldStatus, 'open'>, at: string): TxItem[] {
  return [
    ...lines.map((l) => ({
      Update: {
        Key: holdKey(store, orderId, l.produceId),
        UpdateExpression: 'SET #status = :to, closedAt = :at',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':to': to, ':open': 'open', ':at': at },
      },
    })),
    { Delete: { Key: expiryKey(store, expiresAt, orderId) } },
  ];
}

/** Released holds sold after all (a payment that came after expiry and found the stock still there). */
export function sellReleasedHoldsTx(store: TenantStore, orderId: string, lines: HoldLine[], at: string): TxItem[] {
  return lines.map((l) => ({
    Update: {
      Key: holdKey(store, orderId, l.produceId),
      UpdateExpression: 'SET #status = :sold, closedAt = :at',
      ConditionExpression: '#status = :released',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sold': 'sold', ':released': 'released', ':at': at },
    },
  }));
}

/** Open checkouts whose hold expired at or before `now`, oldest first (bounded). */
export async function expiredCheckouts(store: TenantStore, now: Date, max = 1000): Promise<ExpiryEntry[]> {
  const items = await store.queryAll<ExpiryEntry & { pk: string; sk: string }>(
    { pk: expiryKey(store, '', '').pk, skBetween: ['0', `${now.toISOString()}#\uffff`] },
    max,
  );
  return items.filter((i) => i.expiresAt <= now.toISOString()).map(({ pk: _p, sk: _s, ...rest }) => rest);
}

/**
 * Units of each listing still counted in its `held` although their checkout has expired: they
 * count for nothing (docs/DOMAIN.md "Hold"), even before the sweeper gives them back.
 */
export async function expiredHeldByListing(store: TenantStore, now: Date): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const e of await expiredCheckouts(store, now)) {
    for (const l of e.lines) out.set(l.produceId, (out.get(l.produceId) ?? 0) + l.quantity);
  }
  return out;
}
