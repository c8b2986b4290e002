import { z } from 'zod';
import { MAX_LINE_QUANTITY, MOBILE_PHONE_PATTERN, ORDER_NO_PATTERN } from '../formats.js';
import { Id, ListQuery, RequiredText } from './common.js';
import { Month } from './imports.js';

export const ORDER_STATUSES = ['pending_payment', 'paid', 'shipped', 'delivered', 'cancelled', 'expired', 'refunded'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES, { error: '订单状态无效' });

/** A mainland mobile number: 11 digits starting 1[3-9]. */
export const MobilePhone = z.string({ error: '请填写手机号' }).trim().regex(MOBILE_PHONE_PATTERN, { error: '请填写 11 位中国大陆手机号' });

export const CheckoutLine = z.object({
  produceId: Id,
  quantity: z
    .number({ error: '数量必须是数字' })
    .int({ error: '数量必须是整数' })
    .min(1, { error: '数量至少为 1' })
    .max(MAX_LINE_QUANTITY, { error: `每种商品最多 ${MAX_LINE_QUANTITY} 件` }),
});

export const Buyer = z.object({
  name: RequiredText(50, '收货人'),
  phone: MobilePhone.optional(),
  email: z.email({ error: '邮箱格式不正确' }).max(200).optional(),
  address: z.string().trim().max(300).optional(),
});
export type Buyer = z.infer<typeof Buyer>;

/** Lines for the same listing are merged before stock is checked; at most 20 listings, 999 units a line. */
export const CheckoutInput = z.object({
  items: z.array(CheckoutLine).min(1, { error: '购物车是空的' }).max(100, { error: '商品行过多' }),
  buyer: Buyer,
  /** bought through a campaign's link: kept on the order only if the campaign is open that day, else ignored */
  campaignId: Id.optional(),
});
export type CheckoutInput = z.infer<typeof CheckoutInput>;

export const CheckoutResult = z.object({ orderId: Id, checkoutUrl: z.string(), orderToken: z.string() });
export type CheckoutResult = z.infer<typeof CheckoutResult>;

export const OrderLine = z.object({
  produceId: Id,
  name: z.string(),
  unit: z.string(),
  priceFen: z.number().int(),
  quantity: z.number().int(),
  villageId: Id,
  villageName: z.string(),
  organizationId: z.string().nullable(),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Shipment = z.object({
  carrier: RequiredText(30, '快递公司'),
  trackingNo: RequiredText(40, '运单号'),
});
export type Shipment = z.infer<typeof Shipment>;

/**
 * A payment that arrived after the checkout had expired and its stock was given back: the order is
 * paid if the stock is still there (`sold`), otherwise the payment is refunded and the order stays
 * expired or cancelled, so the late payment can never oversell.
 */
export const LatePayment = z.object({
  at: z.string(),
  amountFen: z.number().int(),
  outcome: z.enum(['sold', 'refunded', 'refund_due']),
});
export type LatePayment = z.infer<typeof LatePayment>;

export const FULFILMENT_STATUSES = ['paid', 'shipped', 'delivered', 'refunded'] as const;
export const FulfilmentStatus = z.enum(FULFILMENT_STATUSES, { error: '包裹状态无效' });

/**
 * A parcel (docs/DOMAIN.md "Fulfilment"): the part of a paid order that one seller ships, delivers or
 * refunds: an organization, or the bureau (sellerOrganizationId null) for bureau-listed goods.
 */
export const Fulfilment = z.object({
  id: Id,
  sellerOrganizationId: z.string().nullable(),
  /** the seller's name when the order was placed (the bureau's own name for its listings) */
  sellerName: z.string(),
  lines: z.array(OrderLine),
  totalFen: z.number().int(),
  /** its share of the payment fee (settlement: gross − refunds − fees) */
  feeFen: z.number().int(),
  status: FulfilmentStatus,
  shipment: Shipment.nullable(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  refundedAt: z.string().nullable(),
});
export type Fulfilment = z.infer<typeof Fulfilment>;

/** The number people read out: `<TENANT SLUG UPPER-CASED>-YYYYMMDD-NNNN`, a per-tenant daily sequence. */
export const OrderNo = z
  .string({ error: '请填写订单号' })
  .trim()
  .toUpperCase()
  .max(100, { error: '订单号格式不正确（如 DEMO-20261207-0001）', abort: true })
  .regex(ORDER_NO_PATTERN, { error: '订单号格式不正确（如 DEMO-20261207-0001）' });

export const Order = z.object({
  id: Id,
  /** absent on orders made before order numbers: they are shown by id */
  orderNo: z.string().optional(),
  status: OrderStatus,
  lines: z.array(OrderLine),
  totalFen: z.number().int(),
  /** one per seller once the order is paid (empty before); an org_member sees only its own */
  fulfilments: z.array(Fulfilment),
  /** what has been given back so far (fulfilments refunded) */
  refundedFen: z.number().int(),
  /** the contact is shown in full to the selling organizations and the bureau, masked elsewhere */
  buyer: Buyer,
  /** rule 9: a signed-in org_member's purchase counts toward its organization's commitment */
  buyerOrganizationId: z.string().nullable(),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  shipment: Shipment.nullable(),
  shippedAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  refundedAt: z.string().nullable(),
  /** set only when a payment came after the checkout expired */
  latePayment: LatePayment.optional(),
  /** the campaign it was bought through (counted toward it once paid) */
  campaignId: Id.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof Order>;

/** A parcel as the buyer sees it: seller, lines, status, tracking; not the seller's fee. */
export const PublicFulfilment = Fulfilment.omit({ feeFen: true });

/** The buyer's own view through the order token: its status, lines, parcels and shipping, contact masked. */
export const PublicOrder = Order.omit({ buyerOrganizationId: true }).extend({ fulfilments: z.array(PublicFulfilment) });

export const OrderQuery = ListQuery.extend({
  status: OrderStatus.optional(),
  villageId: Id.optional(),
  produceId: Id.optional(),
  /** paid in this month (YYYY-MM, the tenant's time zone): a seller's statement month */
  paidMonth: Month.optional(),
  /** the order with this number (exact match, case-insensitive) */
  orderNo: OrderNo.optional(),
});

/** Find my order: the buyer's mobile number and the order number. */
export const OrderLookupInput = z.object({ phone: MobilePhone, orderNo: OrderNo });
/** A fresh link to the order page (its token valid 24 h, in the fragment). */
export const OrderLookupResult = z.object({ orderId: Id, url: z.string() });

/** ?token= of the buyer's order page (old links; new ones send the X-Access-Token header): the secret returned by checkout. */
export const PublicOrderQuery = z.object({ token: z.string({ error: '缺少订单凭证' }).min(1).max(200).optional() });

export const FulfilmentParams = z.object({ id: Id, fulfilmentId: Id });

/** POST /api/orders/:id/refund: an optional reason, kept in the audit trail. */
export const RefundInput = z.object({ reason: z.string().trim().max(200).optional() });

/** GET /api/public/checkout/:sessionId — what the local checkout page (no Stripe key) shows. */
export const LocalCheckoutSession = z.object({
  sessionId: z.string(),
  kind: z.literal('order'),
  tenantSlug: z.string(),
  orderId: Id,
  orderToken: z.string(),
  totalFen: z.number().int(),
  lines: z.array(OrderLine),
  expiresAt: z.string(),
  /** open (payable), complete (paid) or expired (timed out or cancelled) */
  status: z.enum(['open', 'complete', 'expired']),
  returnUrl: z.string(),
});
export type LocalCheckoutSession = z.infer<typeof LocalCheckoutSession>;
