import type { Order } from '../../../shared/schemas/orders.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { filterWhere } from '../../store/filters.js';
import type { StoredParcel } from '../fulfilments/fulfilments.js';

type Status = Order['status'];

/** An order as stored: the contract's fields and what the server alone needs. */
export type OrderRecord = Omit<Order, 'fulfilments' | 'refundedFen'> & {
  /** the parcels, one per seller, planned at checkout (absent on orders made before them: fulfilments.ts) */
  fulfilments?: StoredParcel[];
  /** the payment fee, known once paid (Stripe's, or the tenant's rate) */
  feeFen?: number;
  /** bumped by every parcel move: two sellers acting at once cannot overwrite each other's parcel */
  rev?: number;
  /** sha-256 of the buyer's order token (the token itself is never stored with the order) */
  tokenHash: string;
  tenantSlug: string;
  sessionId?: string;
  /** the payment to refund (a Stripe PaymentIntent id) */
  paymentRef?: string;
  /** the organizations whose listings it holds: each sees the order (with the full contact) */
  sellerOrganizationIds: string[];
  villageIds: string[];
  produceIds: string[];
  /** the buyer pressed Cancel: the session's expiry makes the order cancelled, not expired */
  cancelRequestedAt?: string;
  /** bought through a campaign: the listings whose lines count toward it (absent on orders from before: every line) */
  campaignProduceIds?: string[];
  /** rule 9: the year its payment counted toward the buyer organization's commitment */
  commitmentYear?: number;
  /** "find my order": sha-256 of the last link's token and when it stops working */
  lookupTokenHash?: string;
  lookupTokenUntil?: string;
};

// Access pattern: an order by id, and all of a tenant's orders newest first → pk ORDER, sk <id>.
export const orderKey = (store: TenantStore, id: string) => ({ pk: store.pk('ORDER'), sk: id });

/** The buyer's lookup link (phone and order number): its token's hash and until when it works; a new one replaces the last. */
export function setLookupTokenTx(store: TenantStore, id: string, tokenHash: string, until: string): TxItem {
  return {
    Update: {
      Key: orderKey(store, id),
      UpdateExpression: 'SET lookupTokenHash = :h, lookupTokenUntil = :u',
      ExpressionAttributeValues: { ':h': tokenHash, ':u': until },
    },
  };
}
// Access pattern: the orders holding one organization's listings, newest first →
// pk SELLER_ORDERS#<orgId>, sk <orderId>; the entry names the villages and listings of the
// organization's own lines (filters). Status is the seller's parcel's, filtered after reading.
const sellerKey = (store: TenantStore, orgId: string, orderId: string) => ({ pk: store.pk('SELLER_ORDERS', orgId), sk: orderId });
// Access pattern: the tenant's consumption-aid sales (dashboard, transparency) → pk COUNTERS, sk SALES.
const salesKey = (store: TenantStore) => ({ pk: store.pk('COUNTERS'), sk: 'SALES' });

// Access pattern: the order numbers of a day → pk ORDERNO_SEQ, sk <YYYYMMDD>, n ADDed per checkout.
const orderNoSeqKey = (store: TenantStore, day: string) => ({ pk: store.pk('ORDERNO_SEQ'), sk: day });
// Access pattern: an order by its number (console search, "find my order") → pk ORDERNO, sk <orderNo>.
const orderNoKey = (store: TenantStore, orderNo: string) => ({ pk: store.pk('ORDERNO'), sk: orderNo });

/**
 * The next number of the tenant's day (`day` YYYYMMDD in its time zone): one atomic ADD with
 * UPDATED_NEW, so two checkouts never read the same value; a checkout that then fails leaves a gap.
 */
export const nextOrderSeq = (store: TenantStore, day: string) => store.increment(orderNoSeqKey(store, day).pk, day, 'n', 1);

/** The order of a number, or null. */
export async function orderIdOfNo(store: TenantStore, orderNo: string): Promise<string | null> {
  const k = orderNoKey(store, orderNo);
  return (await store.get<{ orderId: string }>(k.pk, k.sk))?.orderId ?? null;
}

export function strip(item: Record<string, unknown>): OrderRecord {
  const { pk: _p, sk: _s, ...rest } = item;
  return rest as OrderRecord;
}

export async function getOrderRecord(store: TenantStore, id: string): Promise<OrderRecord | null> {
  const item = await store.get<Record<string, unknown>>(orderKey(store, id).pk, id);
  return item ? strip(item) : null;
}

type Filters = { status?: Status; villageId?: string; produceId?: string; paidBetween?: [string, string] };

function filterOf(q: Filters) {
  const where = filterWhere({ status: q.status }, { villageIds: q.villageId, produceIds: q.produceId });
  if (!q.paidBetween) return where;
  // paidAt from the month's first instant (inclusive) to the next month's (exclusive), in UTC ISO
  const paid = '#paidAt >= :paidFrom AND #paidAt < :paidTo';
  return {
    expression: where ? `${where.expression} AND ${paid}` : paid,
    names: { ...(where?.names ?? {}), '#paidAt': 'paidAt' },
    values: { ...(where?.values ?? {}), ':paidFrom': q.paidBetween[0], ':paidTo': q.paidBetween[1] },
  };
}

/** All of the tenant's orders (the bureau), newest first. */
export async function listOrderRecords(store: TenantStore, q: Filters & { limit: number; cursor?: string }) {
  const page = await store.query<Record<string, unknown>>({
    pk: orderKey(store, '').pk,
    forward: false,
    limit: q.limit,
    cursor: q.cursor,
    filter: filterOf(q),
  });
  return { items: page.items.map(strip), nextCursor: page.nextCursor };
}

/** The orders holding an organization's listings, newest first (status not filtered: the caller's parcel's). */
export async function listSellerOrderRecords(store: TenantStore, orgId: string, q: Omit<Filters, 'status'> & { limit: number; cursor?: string }) {
  const filter = filterWhere({}, { villageIds: q.villageId, produceIds: q.produceId });
  const page = await store.query<{ orderId: string }>({ pk: sellerKey(store, orgId, '').pk, forward: false, limit: q.limit, cursor: q.cursor, filter });
  const orders = await store.getMany<Record<string, unknown>>(page.items.map((e) => orderKey(store, e.orderId)));
  const byId = new Map(orders.map((o) => [o.sk as string, strip(o)]));
  return { items: page.items.map((e) => byId.get(e.orderId)).filter((o): o is OrderRecord => !!o), nextCursor: page.nextCursor };
}

export function putNewOrderTx(store: TenantStore, o: OrderRecord): TxItem[] {
  return [
    { Put: { Item: { ...orderKey(store, o.id), ...o }, ConditionExpression: 'attribute_not_exists(pk)' } },
    // the number's lookup item, never overwritten: a number can name one order only
    ...(o.orderNo ? [{ Put: { Item: { ...orderNoKey(store, o.orderNo), orderId: o.id }, ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
    ...o.sellerOrganizationIds.map((orgId) => {
      const lines = o.lines.filter((l) => l.organizationId === orgId);
      return {
        Put: {
          Item: {
            ...sellerKey(store, orgId, o.id),
            orderId: o.id,
            villageIds: [...new Set(lines.map((l) => l.villageId))],
            produceIds: lines.map((l) => l.produceId),
          },
        },
      };
    }),
  ];
}

/**
 * A status change written only from the statuses it may come from, so an event that comes late,
 * twice or out of order finds the order moved on and changes nothing.
 */
export function transitionOrderTx(
  store: TenantStore,
  o: Pick<OrderRecord, 'id'>,
  from: Status[],
  to: Status,
  set: Record<string, unknown>,
  failWith?: Error,
): TxItem[] {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':to': to };
  const sets = ['#status = :to'];
  Object.entries(set).forEach(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    sets.push(`#f${i} = :v${i}`);
  });
  from.forEach((f, i) => (values[`:from${i}`] = f));
  return [
    {
      Update: {
        Key: orderKey(store, o.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
      failWith: failWith as never,
    },
  ];
}

/**
 * A parcel moved: the order's parcels, status and the fields that follow them, written only if no
 * other parcel move came in between (rev) and the order is still in the status it was read in.
 */
export function rewriteOrderTx(store: TenantStore, o: Pick<OrderRecord, 'id' | 'status' | 'rev'>, set: Record<string, unknown>, failWith: Error): TxItem {
  const names: Record<string, string> = { '#status': 'status', '#rev': 'rev' };
  const values: Record<string, unknown> = { ':was': o.status, ':next': (o.rev ?? 0) + 1 };
  const sets = ['#rev = :next'];
  Object.entries(set).forEach(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    sets.push(`#f${i} = :v${i}`);
  });
  if (o.rev !== undefined) values[':rev'] = o.rev;
  return {
    Update: {
      Key: orderKey(store, o.id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: `#status = :was AND ${o.rev === undefined ? 'attribute_not_exists(#rev)' : '#rev = :rev'}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    failWith: failWith as never,
  };
}

/** A field set on the order while its status stays what it is (the buyer's cancel request, a late payment's note). */
export function markOrderTx(store: TenantStore, id: string, status: Status[], set: Record<string, unknown>, onlyIfAbsent?: string): TxItem {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {};
  const sets = Object.entries(set).map(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:v${i}`] = v;
    return `#f${i} = :v${i}`;
  });
  status.forEach((f, i) => (values[`:s${i}`] = f));
  let condition = `#status IN (${status.map((_, i) => `:s${i}`).join(', ')})`;
  if (onlyIfAbsent) {
    names['#absent'] = onlyIfAbsent;
    condition += ' AND attribute_not_exists(#absent)';
  }
  return {
    Update: {
      Key: orderKey(store, id),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Paid orders and their total, moved in the same transaction as the payment or the refund. */
export function salesTx(store: TenantStore, orders: number, fen: number): TxItem {
  return { Update: { Key: salesKey(store), UpdateExpression: 'ADD paidOrders :o, paidFen :f', ExpressionAttributeValues: { ':o': orders, ':f': fen } } };
}

/**
 * A paid order (+1) or its refund (−1) into each of its villages' counters (the FUNDS item of the
 * village, read by the transparency page): salesFen and paidOrders, beside the donation figures.
 */
export function villageSalesTx(
  store: TenantStore,
  o: Pick<OrderRecord, 'lines'>,
  sign: 1 | -1,
  ordersOf: (villageId: string) => number = () => sign,
): TxItem[] {
  const byVillage = new Map<string, number>();
  for (const l of o.lines) byVillage.set(l.villageId, (byVillage.get(l.villageId) ?? 0) + l.priceFen * l.quantity);
  return [...byVillage].map(([villageId, fen]) => ({
    Update: {
      Key: { pk: store.pk('FUNDS'), sk: villageId },
      UpdateExpression: 'ADD salesFen :f, paidOrders :o',
      ExpressionAttributeValues: { ':f': sign * fen, ':o': ordersOf(villageId) },
    },
  }));
}
