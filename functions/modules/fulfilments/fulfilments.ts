import type { Fulfilment, Order, OrderLine } from '../../../shared/schemas/orders.js';
import { allocate } from '../../../shared/money.js';
import type { OrderRecord } from '../orders/store.js';

/**
 * Fulfilments (docs/DOMAIN.md "Fulfilment"): a paid order is one parcel per seller. The split is fixed
 * at checkout (one group per seller, in the order the lines first name it) and stored with the
 * order; each parcel then moves on its own (paid → shipped → delivered, or refunded), and the
 * order's own status follows from its parcels (orderStatusOf).
 */

/** A parcel as the code works with it: the contract's fields (feeFen derived) and the refund's provider id and reason. */
export type FulfilmentRecord = Omit<Fulfilment, 'feeFen'> & { refundId?: string | null; refundReason?: string };

/**
 * A parcel as stored with its order: its listings' ids instead of copies of the order's lines (an
 * order's lines hold one line per listing), so the order item does not grow by its lines twice.
 */
export type StoredParcel = Omit<FulfilmentRecord, 'lines'> & { produceIds: string[] };

export const toStoredParcels = (parcels: FulfilmentRecord[]): StoredParcel[] =>
  parcels.map(({ lines, ...p }) => ({ ...p, produceIds: lines.map((l) => l.produceId) }));

/** The bureau sells its own listings: its parcels' seller key in counters and ids. */
export const BUREAU_SELLER = 'BUREAU';
export const sellerKeyOf = (sellerOrganizationId: string | null) => sellerOrganizationId ?? BUREAU_SELLER;

const lineFen = (l: Pick<OrderLine, 'priceFen' | 'quantity'>) => l.priceFen * l.quantity;

/** The parcels of a new order: one per seller, ids F1, F2 … in the order the sellers first appear. */
export function planFulfilments(lines: OrderLine[], sellerNames: Map<string | null, string>): FulfilmentRecord[] {
  const groups = new Map<string | null, OrderLine[]>();
  for (const l of lines) groups.set(l.organizationId, [...(groups.get(l.organizationId) ?? []), l]);
  return [...groups].map(([seller, ls], i) => ({
    id: `F${i + 1}`,
    sellerOrganizationId: seller,
    sellerName: sellerNames.get(seller) ?? '',
    lines: ls,
    totalFen: ls.reduce((s, l) => s + lineFen(l), 0),
    status: 'paid',
    shipment: null,
    shippedAt: null,
    deliveredAt: null,
    refundedAt: null,
  }));
}

const PAID_OR_LATER = new Set<Order['status']>(['paid', 'shipped', 'delivered', 'refunded']);
export const isPaidOrLater = (status: Order['status']) => PAID_OR_LATER.has(status);

/**
 * An order's parcels as they stand. Orders made before fulfilments existed have none stored: their
 * parcels are read from the lines, each with the order's own status, shipment and times.
 */
export function storedFulfilmentsOf(o: OrderRecord): FulfilmentRecord[] {
  if (o.fulfilments) {
    const byListing = new Map(o.lines.map((l) => [l.produceId, l]));
    return o.fulfilments.map(({ produceIds, ...p }) => ({ ...p, lines: produceIds.map((id) => byListing.get(id)!).filter(Boolean) }));
  }
  const status = isPaidOrLater(o.status) ? (o.status as Fulfilment['status']) : 'paid';
  return planFulfilments(o.lines, new Map()).map((f) => ({
    ...f,
    status,
    shipment: o.shipment,
    shippedAt: o.shippedAt,
    deliveredAt: o.deliveredAt,
    refundedAt: o.refundedAt,
  }));
}

/** The payment fee of each parcel: the order's fee split in proportion to the parcels' amounts. */
export function parcelFees(o: Pick<OrderRecord, 'feeFen'>, parcels: Pick<FulfilmentRecord, 'totalFen'>[]): number[] {
  return allocate(
    o.feeFen ?? 0,
    parcels.map((f) => f.totalFen),
  );
}

/** A parcel's amount, and its fee, per village (settlement's per-village figures). */
export function parcelVillages(f: Pick<FulfilmentRecord, 'lines'>, feeFen: number): Map<string, { fen: number; feeFen: number }> {
  const fen = new Map<string, number>();
  for (const l of f.lines) fen.set(l.villageId, (fen.get(l.villageId) ?? 0) + lineFen(l));
  const fees = allocate(feeFen, [...fen.values()]);
  return new Map([...fen].map(([v, x], i) => [v, { fen: x, feeFen: fees[i] }]));
}

/**
 * The order's status from its parcels: refunded when all are; otherwise the least advanced of the
 * rest (paid, then shipped, then delivered), so "shipped" means every live parcel is on its way.
 */
export function orderStatusOf(parcels: Pick<FulfilmentRecord, 'status'>[]): Order['status'] {
  const live = parcels.filter((f) => f.status !== 'refunded');
  if (live.length === 0) return 'refunded';
  if (live.some((f) => f.status === 'paid')) return 'paid';
  if (live.some((f) => f.status === 'shipped')) return 'shipped';
  return 'delivered';
}

export const refundedFenOf = (parcels: Pick<FulfilmentRecord, 'status' | 'totalFen'>[]) =>
  parcels.filter((f) => f.status === 'refunded').reduce((s, f) => s + f.totalFen, 0);

/** The contract's view of the parcels (none before the order is paid). */
export function toFulfilments(o: OrderRecord): Fulfilment[] {
  if (!isPaidOrLater(o.status)) return [];
  const parcels = storedFulfilmentsOf(o);
  const fees = parcelFees(o, parcels);
  return parcels.map(({ refundId: _r, refundReason: _why, ...f }, i) => ({ ...f, feeFen: fees[i] }));
}
