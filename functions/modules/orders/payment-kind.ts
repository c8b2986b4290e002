import type { SessionObject } from '../../adapters/payments/port.js';
import { AppError } from '../../errors.js';
import type { PaymentKind, WebhookContext } from '../payments/kinds.js';
import { getOrderRecord, markOrderTx, type OrderRecord } from './store.js';
import { getTenant } from '../tenant/store.js';
import type { TenantStore } from '../../store/tenant-store.js';
import type { Payments } from '../../adapters/payments/port.js';
import { AlreadyMoved, expireOrder, payAfterExpiry, payOrder, type PaymentFee } from './transitions.js';
import { logger } from '../../adapters/logger.js';

const paymentRefOf = (s: SessionObject) => (typeof s.payment_intent === 'string' ? s.payment_intent : s.payment_intent?.id) ?? undefined;

async function orderOf(ctx: WebhookContext, s: SessionObject): Promise<OrderRecord | null> {
  const id = s.metadata?.orderId;
  const o = id ? await getOrderRecord(ctx.store, id) : null;
  // the metadata is ours (the signature proves Stripe sent it back); a session id that disagrees
  // with the one the order was given is not this order's payment
  if (!o || (o.sessionId && o.sessionId !== s.id)) return null;
  return o;
}

/**
 * The payment's fee for settlement: Stripe's actual fee (its balance transaction) with a key; the
 * tenant's rate (basis points, default 0) without one, or when Stripe cannot say (logged).
 */
export async function paymentFeeOf(store: TenantStore, payments: Payments, paymentRef: string | undefined, totalFen: number): Promise<PaymentFee> {
  if (payments.mode === 'stripe' && paymentRef) {
    try {
      const fee = await payments.paymentFee(paymentRef);
      if (fee !== null) return { feeFen: fee };
    } catch (e) {
      logger.error('payment fee not read', { paymentRef, error: e });
    }
  }
  const bps = (await getTenant(store))?.paymentFeeRateBps ?? 0;
  return { feeFen: Math.round((totalFen * bps) / 10_000) };
}

/** Orders paid through Stripe Checkout (or the local checkout page): metadata.kind 'order'. */
export const orderPayments: PaymentKind = {
  async completed(ctx, s) {
    const o = await orderOf(ctx, s);
    if (!o) return 'unknown_order';
    if (s.payment_status !== 'paid') return 'awaiting_payment'; // an async method: its own event follows
    if (s.amount_total !== o.totalFen || (s.currency ?? '').toLowerCase() !== 'cny') {
      logger.error('payment amount differs from the order', { orderId: o.id, sessionId: s.id });
      return 'amount_mismatch';
    }
    const ref = paymentRefOf(s);
    const at = ctx.now.toISOString();
    if (o.status === 'pending_payment') {
      const fee = await paymentFeeOf(ctx.store, ctx.payments, ref, o.totalFen);
      const paid = ctx.audit(
        'order',
        o.id,
        'pay',
        { status: o.status },
        { status: 'paid', paidAt: at, paymentRef: ref ?? null, totalFen: o.totalFen, feeFen: fee.feeFen },
      );
      return (await payOrder(ctx.store, o, ctx.now, ref, [ctx.recordEvent, paid], fee)) ? 'paid' : 'already_moved';
    }
    if (o.status === 'expired' || o.status === 'cancelled') {
      const refund = () =>
        ref
          ? ctx.payments.refund(ref, o.totalFen, { tenantId: ctx.store.tenantId, orderId: o.id, kind: 'order' }, `late-${o.id}`)
          : Promise.reject(new Error('no payment reference'));
      const fee = await paymentFeeOf(ctx.store, ctx.payments, ref, o.totalFen);
      // one event for either outcome (sold after all, or refunded): the order's latePayment says which
      const late = ctx.audit('order', o.id, 'late_payment', null, {
        statusBefore: o.status,
        latePaymentAt: at,
        paymentRef: ref ?? null,
        amountFen: o.totalFen,
      });
      return `late_payment_${await payAfterExpiry(ctx.store, o, ctx.now, ref, refund, [ctx.recordEvent, late], fee)}`;
    }
    return `already_${o.status}`;
  },

  async expired(ctx, s) {
    const o = await orderOf(ctx, s);
    if (!o) return 'unknown_order';
    if (o.status !== 'pending_payment') return `already_${o.status}`;
    const to = o.cancelRequestedAt ? 'cancelled' : 'expired';
    const audit = ctx.audit('order', o.id, o.cancelRequestedAt ? 'cancel' : 'expire', { status: o.status }, { status: to });
    return (await expireOrder(ctx.store, o, ctx.now, [ctx.recordEvent, audit])) ? to : 'already_moved';
  },

  async cancelRequested(store, orderId, now) {
    try {
      await store.transact([markOrderTx(store, orderId, ['pending_payment'], { cancelRequestedAt: now.toISOString() }, 'cancelRequestedAt')]);
    } catch (e) {
      if (!(e instanceof AppError) && !(e instanceof AlreadyMoved)) throw e; // already cancelled, paid or expired: nothing to mark
    }
  },
};
