import { maskPhone } from '../../../shared/schemas/common.js';
import type { Buyer, Order } from '../../../shared/schemas/orders.js';
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
  return {
    id: o.id,
    status: o.status,
    lines: o.lines,
    totalFen: o.totalFen,
    buyer: fullContact ? o.buyer : maskBuyer(o.buyer),
    buyerOrganizationId: o.buyerOrganizationId,
    expiresAt: o.expiresAt,
    paidAt: o.paidAt,
    shipment: o.shipment,
    shippedAt: o.shippedAt,
    deliveredAt: o.deliveredAt,
    refundedAt: o.refundedAt,
    ...(o.latePayment ? { latePayment: o.latePayment } : {}),
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

/** The buyer's own page (through the order token): status, lines, shipping; the contact masked. */
export function toPublicOrder(o: OrderRecord): Omit<Order, 'buyerOrganizationId'> {
  const { buyerOrganizationId: _b, ...rest } = toOrder(o, false);
  return rest;
}
