import { timingSafeEqual } from 'node:crypto';
import type { Order, Shipment } from '../../../shared/schemas/orders.js';
import type { Payments } from '../../adapters/payments/port.js';
import { AppError } from '../../errors.js';
import type { TxItem } from '../../store/tenant-store.js';
import type { PublicContext } from '../../http/public.js';
import { auditPut } from '../audit/store.js';
import { purchasedTx } from '../commitments/store.js';
import { movesTx, orderMoves } from '../counters/store.js';
import { getTenant } from '../identity/store.js';
import { dateInZone } from '../../../shared/dates.js';
import type { ServiceContext } from '../context.js';
import { unsellShippedTx, unsellToStockTx } from '../produce/store.js';
import { hashToken } from './checkout.js';
import { getOrderRecord, listOrderRecords, listSellerOrderRecords, salesTx, transitionOrderTx, villageSalesTx, type OrderRecord } from './store.js';
import { toOrder, toPublicOrder } from './views.js';

type Query = { status?: Order['status']; villageId?: string; produceId?: string; limit: number; cursor?: string };

/** An org_member reaches an order only when it holds its organization's listings; else "not found". */
async function visible(ctx: ServiceContext, id: string): Promise<OrderRecord> {
  const o = await getOrderRecord(ctx.store, id);
  if (!o || (ctx.caller.role === 'org_member' && !o.sellerOrganizationIds.includes(ctx.caller.organizationId ?? ''))) {
    throw AppError.notFound('订单');
  }
  return o;
}

/** The bureau and the selling organizations see the buyer's contact in full (to ship the goods). */
const view = (o: OrderRecord) => toOrder(o, true);

export async function listOrders(ctx: ServiceContext, q: Query) {
  if (ctx.caller.role === 'org_member') {
    if (!ctx.caller.organizationId) return { items: [], nextCursor: null };
    const page = await listSellerOrderRecords(ctx.store, ctx.caller.organizationId, q);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }
  const page = await listOrderRecords(ctx.store, q);
  return { items: page.items.map(view), nextCursor: page.nextCursor };
}

export async function getOrder(ctx: ServiceContext, id: string): Promise<Order> {
  return view(await visible(ctx, id));
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

async function move(ctx: ServiceContext, o: OrderRecord, to: Order['status'], set: Record<string, unknown>, extra: TxItem[] = []): Promise<Order> {
  const after: OrderRecord = { ...o, ...set, status: to } as OrderRecord;
  await ctx.store.transact([
    ...transitionOrderTx(ctx.store, o, [o.status], to, set, AppError.conflict('订单状态刚刚发生变化，请刷新')),
    ...extra,
    auditPut(ctx, 'order', o.id, to === 'shipped' ? 'ship' : to === 'delivered' ? 'deliver' : 'refund', toOrder(o, false), toOrder(after, false)),
  ]);
  return view(after);
}

function refuse(o: OrderRecord, what: string): AppError {
  return AppError.conflict(`订单当前为「${STATUS_ZH[o.status]}」，不能${what}`, { status: o.status });
}

/** paid → shipped, with the carrier and tracking number. */
export async function shipOrder(ctx: ServiceContext, id: string, shipment: Shipment): Promise<Order> {
  const o = await visible(ctx, id);
  if (o.status !== 'paid') throw refuse(o, '发货');
  const at = ctx.now.toISOString();
  return move(ctx, o, 'shipped', { shipment, shippedAt: at, updatedAt: at });
}

/** shipped → delivered. */
export async function deliverOrder(ctx: ServiceContext, id: string): Promise<Order> {
  const o = await visible(ctx, id);
  if (o.status !== 'shipped') throw refuse(o, '确认送达');
  const at = ctx.now.toISOString();
  return move(ctx, o, 'delivered', { deliveredAt: at, updatedAt: at });
}

/**
 * paid | shipped | delivered → refunded. The money first (Stripe, with an idempotency key per order
 * so a retried or concurrent refund never pays back twice; locally there is none to move), then the
 * order's conditional transition. The units leave `sold`; they go back on sale only if they were
 * never shipped — shipped goods are gone, so they leave `stock` too. The sales totals and the buyer
 * organization's purchases (rule 9) go down in the same transaction.
 */
export async function refundOrder(ctx: ServiceContext, payments: Payments, id: string, reason?: string): Promise<Order> {
  const o = await visible(ctx, id);
  if (!['paid', 'shipped', 'delivered'].includes(o.status)) throw refuse(o, '退款');
  let refundId: string | null = null;
  if (o.paymentRef) {
    try {
      refundId = (await payments.refund(o.paymentRef, o.totalFen, { tenantId: ctx.store.tenantId, orderId: o.id, kind: 'order' }, `refund-${o.id}`)).refundId;
    } catch (e) {
      console.error(JSON.stringify({ level: 'error', msg: 'refund failed', orderId: o.id, error: String(e) }));
      throw new AppError('payment_unavailable', 503, '退款未能提交到支付通道，请稍后重试');
    }
  }
  const at = ctx.now.toISOString();
  const lines = o.lines.map((l) => ({ produceId: l.produceId, quantity: l.quantity }));
  const stock = o.status === 'paid' ? lines.map((l) => unsellToStockTx(ctx.store, l)) : lines.map((l) => unsellShippedTx(ctx.store, l));
  const extra = [...stock, salesTx(ctx.store, -1, -o.totalFen), ...villageSalesTx(ctx.store, o, -1)];
  if (o.buyerOrganizationId && o.commitmentYear) extra.push(purchasedTx(ctx.store, o.commitmentYear, o.buyerOrganizationId, -o.totalFen));
  // the dashboard: the refund's month goes down, and the commitment year's purchases
  const tz = (await getTenant(ctx.store))?.timeZone ?? 'Asia/Shanghai';
  extra.push(...movesTx(ctx.store, orderMoves(o, -1, dateInZone(ctx.now, tz), o.commitmentYear)));
  return move(ctx, o, 'refunded', { refundedAt: at, updatedAt: at, refundId, ...(reason ? { refundReason: reason } : {}) }, extra);
}

/** The buyer's order through its token; a wrong token is "not found", like an unknown order. */
export async function publicOrder(ctx: PublicContext, id: string, token: string) {
  const o = await getOrderRecord(ctx.store, id);
  const given = Buffer.from(hashToken(token), 'hex');
  if (!o || !timingSafeEqual(given, Buffer.from(o.tokenHash, 'hex'))) throw AppError.notFound('订单');
  return toPublicOrder(o);
}
