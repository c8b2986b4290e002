import { maskPhone } from '../../../shared/schemas/common.js';
import type { z } from 'zod';
import type { Buyer, Order, PublicOrder } from '../../../shared/schemas/orders.js';
import { refundedFenOf, toFulfilments } from '../fulfilments/fulfilments.js';
import type { OrderRecord } from './store.js';

/** The buyer's contact as anyone but the bureau and the selling organizations sees it. */
export function maskBuyer(b: Buyer): Buyer {
  const chars = [...b.name];
  return {
    name: chars.length > 1 ? chars[0] + '*'.repeat(chars.length - 1) : '*',
    ...(b.phone ? { phone: maskPhone(b.phone) } : {}),
    ...(b.email ? { email: b.email.replace(/^(.)[^@]*@/, '$1***@') } : {}),
    ...(b.address ? { address: `${[...b.address].slice(0, 6).join('')}****` } : {}),
  };
}

export function toOrder(o: OrderRecord, fullContact: boolean): Order {
  const fulfilments = toFulfilments(o);
  return {
    id: o.id,
    ...(o.orderNo ? { orderNo: o.orderNo } : {}),
    status: o.status,
    lines: o.lines,
    totalFen: o.totalFen,
    fulfilments,
    refundedFen: refundedFenOf(fulfilments),
    buyer: fullContact ? o.buyer : maskBuyer(o.buyer),
    buyerOrganizationId: o.buyerOrganizationId,
    expiresAt: o.expiresAt,
    paidAt: o.paidAt,
    shipment: o.shipment,
    shippedAt: o.shippedAt,
    deliveredAt: o.deliveredAt,
    refundedAt: o.refundedAt,
    ...(o.latePayment ? { latePayment: o.latePayment } : {}),
    ...(o.campaignId ? { campaignId: o.campaignId } : {}),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

/** The buyer's own page (through the order token): status, lines, parcels, shipping; the contact masked, no seller's fee. */
export function toPublicOrder(o: OrderRecord): z.infer<typeof PublicOrder> {
  const { buyerOrganizationId: _b, fulfilments, ...rest } = toOrder(o, false);
  return { ...rest, fulfilments: fulfilments.map(({ feeFen: _fee, ...f }) => f) };
}

/**
 * The order as one selling organization sees it: its own parcel's lines, amount, status and
 * shipping, the buyer's full contact (to ship), never another seller's lines or money. Before the
 * order is paid it has no parcels yet: its own lines, the order's status.
 */
export function toSellerOrder(o: OrderRecord, organizationId: string): Order {
  const whole = toOrder(o, true);
  const lines = o.lines.filter((l) => l.organizationId === organizationId);
  const own = whole.fulfilments.find((f) => f.sellerOrganizationId === organizationId);
  const totalFen = lines.reduce((s, l) => s + l.priceFen * l.quantity, 0);
  if (!own) {
    return {
      ...whole,
      lines,
      totalFen,
      fulfilments: [],
      refundedFen: 0,
      ...(whole.latePayment ? { latePayment: { ...whole.latePayment, amountFen: totalFen } } : {}),
    };
  }
  return {
    ...whole,
    status: own.status,
    lines: own.lines,
    totalFen: own.totalFen,
    fulfilments: [own],
    refundedFen: own.status === 'refunded' ? own.totalFen : 0,
    shipment: own.shipment,
    shippedAt: own.shippedAt,
    deliveredAt: own.deliveredAt,
    refundedAt: own.refundedAt,
    ...(whole.latePayment ? { latePayment: { ...whole.latePayment, amountFen: own.totalFen } } : {}),
  };
}
