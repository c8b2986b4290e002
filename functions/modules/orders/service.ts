import { notifyTx } from '../outbox/outbox.js';
import { timingSafeEqual } from 'node:crypto';
import { hashToken, newAccessToken, tokenFragment, tokenMatches } from '../access-tokens.js';
import type { Fulfilment, Order, Shipment } from '../../../shared/schemas/orders.js';
import type { Payments } from '../../adapters/payments/port.js';
import { AppError } from '../../errors.js';
import type { TxItem } from '../../store/tenant-store.js';
import type { PublicContext } from '../context.js';
import { auditPut } from '../audit/store.js';
import { purchasedTx } from '../commitments/store.js';
import { monthOfDate, movesTx, orderMoves } from '../counters/store.js';
import { settlementRefundTx } from '../settlements/store.js';
import { campaignLinesOf, campaignOrderMoves } from '../campaigns/store.js';
import { isPaidOrLater, orderStatusOf, storedFulfilmentsOf, toStoredParcels, type FulfilmentRecord } from '../fulfilments/fulfilments.js';
import { dateInZone, zonedDateTimeToUtc } from '../../../shared/dates.js';
import type { ServiceContext } from '../context.js';
import { unsellShippedTx, unsellToStockTx } from '../produce/store.js';
import {
  getOrderRecord,
  orderIdOfNo,
  listOrderRecords,
  listSellerOrderRecords,
  rewriteOrderTx,
  salesTx,
  setLookupTokenTx,
  villageSalesTx,
  type OrderRecord,
} from './store.js';
import { toOrder, toPublicOrder, toSellerOrder } from './views.js';
import { tenantTimeZone } from '../tenant/settings.js';
import { logger } from '../../adapters/logger.js';
import { mayReach } from '../own-organization.js';

type Query = { orderNo?: string; status?: Order['status']; villageId?: string; produceId?: string; paidMonth?: string; limit: number; cursor?: string };

/** A month of the tenant's (YYYY-MM) as UTC instants: its first, and the next month's first. */
async function monthInstants(ctx: ServiceContext, month: string): Promise<[string, string]> {
  const tz = await tenantTimeZone(ctx.store);
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [zonedDateTimeToUtc(`${month}-01`, '00:00', tz).toISOString(), zonedDateTimeToUtc(`${next}-01`, '00:00', tz).toISOString()];
}

/** An org_member reaches an order only when it holds its organization's listings; else "not found". */
async function visible(ctx: ServiceContext, id: string): Promise<OrderRecord> {
  const o = await getOrderRecord(ctx.store, id);
  if (!o || !mayReach(ctx, o.sellerOrganizationIds)) {
    throw AppError.notFound('订单');
  }
  return o;
}

/** The bureau and the selling organizations see the buyer's contact in full (to ship the goods). */
const view = (o: OrderRecord) => toOrder(o, true);

/**
 * The bureau lists every order; an org_member the orders holding its listings, each as its own
 * parcel (toSellerOrder), filtered by its parcel's status — so a page may hold fewer than `limit`.
 */
export async function listOrders(ctx: ServiceContext, q: Query) {
  if (q.orderNo) {
    // the console's search by number: exact, through the number's lookup item
    const id = await orderIdOfNo(ctx.store, q.orderNo);
    const found = id ? await getOrder(ctx, id).catch((e) => (e instanceof AppError && e.status === 404 ? null : Promise.reject(e))) : null;
    return { items: found ? [found] : [], nextCursor: null };
  }
  const paidBetween = q.paidMonth ? await monthInstants(ctx, q.paidMonth) : undefined;
  if (ctx.caller.role === 'org_member') {
    const orgId = ctx.caller.organizationId;
    if (!orgId) return { items: [], nextCursor: null };
    const page = await listSellerOrderRecords(ctx.store, orgId, q);
    const inMonth = (o: Order) => !paidBetween || (!!o.paidAt && o.paidAt >= paidBetween[0] && o.paidAt < paidBetween[1]);
    const items = page.items.map((o) => toSellerOrder(o, orgId)).filter((o) => (!q.status || o.status === q.status) && inMonth(o));
    return { items, nextCursor: page.nextCursor };
  }
  const page = await listOrderRecords(ctx.store, { ...q, paidBetween });
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

export async function getOrder(ctx: ServiceContext, id: string): Promise<Order> {
  return viewFor(ctx, await visible(ctx, id));
}

const STATUS_ZH: Record<Order['status'], string> = {
  pending_payment: '待支付',
  paid: '已支付',
  shipped: '已发货',
  delivered: '已送达',
  cancelled: '已取消',
  expired: '已过期',
  refunded: '已退款',
};

/** Raised by a parcel move whose order changed since it was read (another parcel moved): read again. */
class ParcelRaced extends Error {}
const PARCEL_ATTEMPTS = 4;

type Action = 'ship' | 'deliver' | 'refund';
type ActionInput = { shipment?: Shipment; reason?: string };
const ACTION_ZH: Record<Action, string> = { ship: '发货', deliver: '确认送达', refund: '退款' };
/** rule of the parcel's life: paid → shipped → delivered; a refund from any of them */
const FROM: Record<Action, Fulfilment['status'][]> = { ship: ['paid'], deliver: ['shipped'], refund: ['paid', 'shipped', 'delivered'] };
const PARCEL_ZH: Record<Fulfilment['status'], string> = { paid: '待发货', shipped: '已发货', delivered: '已送达', refunded: '已退款' };

function refuse(o: OrderRecord, what: string): AppError {
  return AppError.conflict(`订单当前为「${STATUS_ZH[o.status]}」，不能${what}`, { status: o.status });
}

/** The order's parcels once paid; before, every action is refused with the order's status. */
function parcelsOf(o: OrderRecord, action: Action): FulfilmentRecord[] {
  if (!isPaidOrLater(o.status)) throw refuse(o, ACTION_ZH[action]);
  return storedFulfilmentsOf(o);
}

/** A parcel the caller may act on: an org_member its own organization's only, anyone else's is "not found". */
function mayActOn(ctx: ServiceContext, f: FulfilmentRecord | undefined): FulfilmentRecord {
  if (!f || !mayReach(ctx, f.sellerOrganizationId)) throw AppError.notFound('包裹');
  return f;
}

const viewFor = (ctx: ServiceContext, o: OrderRecord) => (ctx.caller.role === 'org_member' ? toSellerOrder(o, ctx.caller.organizationId ?? '') : view(o));

/**
 * One parcel moves (ship, deliver or refund), read and written again if another parcel of the same
 * order moved in between (the order's rev). A refund gives the money back first — exactly the
 * parcel's amount, once per parcel by idempotency key (a retry or a race asks Stripe again with the
 * same key and gets the same refund) — then, in ONE transaction, the parcel and the order, the
 * units (back on sale if never shipped), the sales totals, the village's public figure, the buyer
 * organization's commitment (rule 9) and the seller's settlement.
 */
async function moveParcel(
  ctx: ServiceContext,
  payments: Payments,
  orderId: string,
  fulfilmentId: string | null,
  action: Action,
  input: ActionInput,
): Promise<OrderRecord> {
  let refundId: string | null | undefined;
  for (let attempt = 1; attempt <= PARCEL_ATTEMPTS; attempt++) {
    const o = await visible(ctx, orderId);
    const parcels = parcelsOf(o, action);
    const f = mayActOn(ctx, fulfilmentId === null ? parcels[0] : parcels.find((p) => p.id === fulfilmentId));
    if (!FROM[action].includes(f.status)) {
      throw fulfilmentId === null
        ? refuse(o, ACTION_ZH[action])
        : AppError.conflict(`包裹当前为「${PARCEL_ZH[f.status]}」，不能${ACTION_ZH[action]}`, { status: f.status, fulfilmentId: f.id });
    }
    const at = ctx.now.toISOString();
    let next: FulfilmentRecord;
    const extra: TxItem[] = [];
    if (action === 'ship') next = { ...f, status: 'shipped', shipment: input.shipment!, shippedAt: at };
    else if (action === 'deliver') next = { ...f, status: 'delivered', deliveredAt: at };
    else {
      if (refundId === undefined) refundId = await refundMoney(ctx, payments, o, f, parcels.length);
      next = { ...f, status: 'refunded', refundedAt: at, refundId, ...(input.reason ? { refundReason: input.reason } : {}) };
    }
    const after = parcels.map((p) => (p.id === f.id ? next : p));
    const status = orderStatusOf(after);
    const set: Record<string, unknown> = { fulfilments: toStoredParcels(after), status, updatedAt: at };
    // the order's own fields follow its parcels: the shipment of its first live parcel on the way
    // (kept once every parcel is refunded), and the times it reached a status
    const shipment = after.find((p) => p.status !== 'refunded' && p.shipment)?.shipment;
    if (shipment && JSON.stringify(shipment) !== JSON.stringify(o.shipment)) set.shipment = shipment;
    if ((status === 'shipped' || status === 'delivered') && !o.shippedAt) set.shippedAt = at;
    if (status === 'delivered' && o.status !== 'delivered') set.deliveredAt = at;
    if (status === 'refunded') Object.assign(set, { refundedAt: at, refundId: refundId ?? null, ...(input.reason ? { refundReason: input.reason } : {}) });
    if (action === 'refund') extra.push(...(await parcelRefundTx(ctx, o, f, after)));
    // the buyer hears its parcel is on the way, when it left an email (no token in the link: the shop's page)
    if (action === 'ship' && o.buyer?.email) {
      extra.push(
        notifyTx(
          ctx,
          'parcel_shipped',
          { to: 'email', email: o.buyer.email },
          {
            orderId: o.id,
            ...(o.orderNo ? { orderNo: o.orderNo } : {}),
            sellerName: f.sellerName,
            carrier: input.shipment!.carrier,
            trackingNo: input.shipment!.trackingNo,
          },
          { link: `/shop/${o.tenantSlug}` },
        ),
      );
    }
    const record = { ...o, ...set } as OrderRecord;
    try {
      await ctx.store.transact([
        rewriteOrderTx(ctx.store, o, set, new ParcelRaced()),
        ...extra,
        auditPut(ctx, 'order', o.id, action, { ...toOrder(o, false), fulfilmentId: f.id }, { ...toOrder(record, false), fulfilmentId: f.id }),
      ]);
      return record;
    } catch (e) {
      if (!(e instanceof ParcelRaced)) throw e;
    }
  }
  throw AppError.conflict('订单状态刚刚发生变化，请刷新');
}

/** The parcel's money back through the payment provider (none to move locally, without a payment). */
async function refundMoney(ctx: ServiceContext, payments: Payments, o: OrderRecord, f: FulfilmentRecord, parcelCount: number): Promise<string | null> {
  if (!o.paymentRef) return null;
  // one parcel: the order's own key, as before parcels existed; several: one key per parcel
  const key = parcelCount === 1 ? `refund-${o.id}` : `refund-${o.id}-${f.id}`;
  try {
    const meta = { tenantId: ctx.store.tenantId, orderId: o.id, fulfilmentId: f.id, kind: 'order' };
    return (await payments.refund(o.paymentRef, f.totalFen, meta, key)).refundId;
  } catch (e) {
    logger.error('refund failed', { orderId: o.id, fulfilmentId: f.id, error: e });
    throw new AppError('payment_unavailable', 503, '退款未能提交到支付通道，请稍后重试');
  }
}

/**
 * What a parcel's refund moves, by exactly its amount: the units leave `sold` (and go back on sale
 * only if never shipped — shipped goods are gone, so they leave `stock` too), the tenant's sales and
 * the month's (the order leaves the counts with its last parcel), each of its villages' public
 * sales figure (a village leaves the order count when no live parcel of the order holds it), the
 * buyer organization's purchases (rule 9) and the seller's settlement in the refund's month.
 */
async function parcelRefundTx(ctx: ServiceContext, o: OrderRecord, f: FulfilmentRecord, after: FulfilmentRecord[]): Promise<TxItem[]> {
  const lines = f.lines.map((l) => ({ produceId: l.produceId, quantity: l.quantity }));
  const last = after.every((p) => p.status === 'refunded');
  const liveVillages = new Set(after.filter((p) => p.status !== 'refunded').flatMap((p) => p.lines.map((l) => l.villageId)));
  const tx: TxItem[] = [
    ...lines.map((l) => (f.status === 'paid' ? unsellToStockTx(ctx.store, l) : unsellShippedTx(ctx.store, l))),
    salesTx(ctx.store, last ? -1 : 0, -f.totalFen),
    ...villageSalesTx(ctx.store, f, -1, (v) => (liveVillages.has(v) ? 0 : -1)),
  ];
  if (o.buyerOrganizationId && o.commitmentYear) tx.push(purchasedTx(ctx.store, o.commitmentYear, o.buyerOrganizationId, -f.totalFen));
  const tz = await tenantTimeZone(ctx.store);
  const date = dateInZone(ctx.now, tz);
  tx.push(...movesTx(ctx.store, orderMoves({ totalFen: f.totalFen, buyerOrganizationId: o.buyerOrganizationId }, -1, date, o.commitmentYear, last ? -1 : 0)));
  tx.push(settlementRefundTx(ctx.store, monthOfDate(date), f));
  // refunded money leaves the campaign it was bought through (the order with its last parcel)
  if (o.campaignId) tx.push(...movesTx(ctx.store, campaignOrderMoves(o.campaignId, campaignLinesOf(o, f.lines), -1, last ? -1 : 0)));
  return tx;
}

/** POST /api/orders/:id/fulfilments/:fulfilmentId/ship|deliver|refund: one parcel. */
export async function actOnFulfilment(
  ctx: ServiceContext,
  payments: Payments,
  orderId: string,
  fulfilmentId: string,
  action: Action,
  input: ActionInput = {},
): Promise<Order> {
  return viewFor(ctx, await moveParcel(ctx, payments, orderId, fulfilmentId, action, input));
}

/**
 * POST /api/orders/:id/ship|deliver|refund, as before parcels: an order of one parcel moves it. On
 * an order of several sellers an org_member is sent to its parcel's route (409); the bureau moves
 * every parcel that can take the action (a shipment's carrier and number go on each).
 */
async function actOnOrder(ctx: ServiceContext, payments: Payments, orderId: string, action: Action, input: ActionInput): Promise<Order> {
  const o = await visible(ctx, orderId);
  const parcels = parcelsOf(o, action);
  if (parcels.length === 1) return viewFor(ctx, await moveParcel(ctx, payments, orderId, null, action, input));
  if (ctx.caller.role === 'org_member') {
    const own = parcels.find((p) => p.sellerOrganizationId === ctx.caller.organizationId)!;
    const route = `/api/orders/${o.id}/fulfilments/${own.id}/${action}`;
    throw AppError.conflict(`此订单含多个商家的包裹，请对本单位的包裹操作：POST ${route}`, { fulfilmentId: own.id, route });
  }
  const due = parcels.filter((p) => FROM[action].includes(p.status));
  if (due.length === 0) throw refuse(o, ACTION_ZH[action]);
  let record = o;
  for (const p of due) record = await moveParcel(ctx, payments, orderId, p.id, action, input);
  return view(record);
}

/** paid → shipped, with the carrier and tracking number. */
export const shipOrder = (ctx: ServiceContext, payments: Payments, id: string, shipment: Shipment) => actOnOrder(ctx, payments, id, 'ship', { shipment });

/** shipped → delivered. */
export const deliverOrder = (ctx: ServiceContext, payments: Payments, id: string) => actOnOrder(ctx, payments, id, 'deliver', {});

/** paid | shipped | delivered → refunded: every parcel not yet refunded (see moveParcel). */
export const refundOrder = (ctx: ServiceContext, payments: Payments, id: string, reason?: string) => actOnOrder(ctx, payments, id, 'refund', { reason });

/**
 * The buyer's order through its token — the checkout's, or the last "find my order" link's while it
 * is valid; a wrong token is "not found", like an unknown order.
 */
export async function publicOrder(ctx: PublicContext, id: string, token: string) {
  const o = await getOrderRecord(ctx.store, id);
  const byLookup = (o: OrderRecord) => tokenMatches(o.lookupTokenHash, token) && !!o.lookupTokenUntil && o.lookupTokenUntil > ctx.now.toISOString();
  if (!o || !(tokenMatches(o.tokenHash, token) || byLookup(o))) throw AppError.notFound('订单');
  return toPublicOrder(o);
}

/** How long a "find my order" link opens the order. */
export const LOOKUP_TOKEN_SECONDS = 24 * 3600;
/** Every lookup answers no sooner than this, found or not: its time tells nothing. */
export const LOOKUP_FLOOR_MS = 300;

/**
 * Find my order: the order number and the buyer's mobile number, compared in constant
 * time. A match gets a fresh link to the order page (the checkout's token is stored only hashed, so
 * a new token is issued, valid 24 h, its hash on the order); anything else the same 404 as an
 * unknown number, after the same time floor.
 */
export async function lookupOrder(ctx: PublicContext, input: { phone: string; orderNo: string }): Promise<{ orderId: string; url: string }> {
  const started = Date.now();
  const floor = () => new Promise((r) => setTimeout(r, Math.max(0, LOOKUP_FLOOR_MS - (Date.now() - started))));
  const id = await orderIdOfNo(ctx.store, input.orderNo);
  const o = id ? await getOrderRecord(ctx.store, id) : null;
  const want = Buffer.from(hashToken(o?.buyer.phone ?? ''), 'hex');
  const matches = timingSafeEqual(Buffer.from(hashToken(input.phone), 'hex'), want) && !!o?.buyer.phone;
  if (!o || !matches) {
    await floor();
    throw new AppError('not_found', 404, '未找到与该手机号和订单号相符的订单');
  }
  const token = newAccessToken();
  const until = new Date(ctx.now.getTime() + LOOKUP_TOKEN_SECONDS * 1000).toISOString();
  await ctx.store.transact([setLookupTokenTx(ctx.store, o.id, hashToken(token), until)]);
  await floor();
  return { orderId: o.id, url: `/shop/${ctx.tenant.slug}/orders/${o.id}${tokenFragment(token)}` };
}
