import { notifyTx } from '../outbox/outbox.js';
import { dateInZone } from '../../../shared/dates.js';
import type { LatePayment } from '../../../shared/schemas/orders.js';
import { AppError } from '../../errors.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { purchasedTx } from '../commitments/store.js';
import { closeHoldsTx, sellReleasedHoldsTx } from '../holds/store.js';
import { releaseHeldTx, sellHeldTx, sellUnreservedTx } from '../produce/store.js';
import { movesTx, orderMoves } from '../counters/store.js';
import { monthOfDate } from '../counters/store.js';
import { settlementPaidTx } from '../settlements/store.js';
import { storedFulfilmentsOf } from '../fulfilments/fulfilments.js';
import { markOrderTx, salesTx, transitionOrderTx, villageSalesTx, type OrderRecord } from './store.js';
import { tenantTimeZone } from '../tenant/settings.js';
import { logger } from '../../adapters/logger.js';
import { campaignLinesOf, campaignOrderMoves } from '../campaigns/store.js';

/**
 * The payment-driven moves of an order. Each is one transaction written from the statuses it may
 * come from (the order's condition), with the holds closed only if still open: an event delivered
 * twice, late or out of order finds the order moved on and the transaction changes nothing.
 */

/** Raised by a move whose order had already left the expected status: nothing was written. */
export class AlreadyMoved extends Error {}

const linesOf = (o: OrderRecord) => o.lines.map((l) => ({ produceId: l.produceId, quantity: l.quantity }));

/** rule 9: the year (in the tenant's time zone) a member's purchase counts toward. */
async function commitmentYear(store: TenantStore, at: Date): Promise<number> {
  const tz = await tenantTimeZone(store);
  return Number(dateInZone(at, tz).slice(0, 4));
}

/**
 * What every payment adds: the sales totals, the buyer organization's purchases (rule 9), and each
 * seller's settlement for the month (its parcel's amount and share of the payment fee).
 */
async function paidTotalsTx(store: TenantStore, o: OrderRecord, year: number, now: Date, feeFen: number): Promise<TxItem[]> {
  const tx = [salesTx(store, 1, o.totalFen), ...villageSalesTx(store, o, 1)];
  if (o.buyerOrganizationId) tx.push(purchasedTx(store, year, o.buyerOrganizationId, o.totalFen));
  // the dashboard: the month it was paid in (tenant's time zone) and the year's commitments
  const tz = await tenantTimeZone(store);
  const date = dateInZone(now, tz);
  tx.push(...movesTx(store, orderMoves(o, 1, date, year)));
  // bought through a campaign: its money counts toward the campaign only now it is received
  if (o.campaignId) tx.push(...movesTx(store, campaignOrderMoves(o.campaignId, campaignLinesOf(o, o.lines), 1)));
  tx.push(...settlementPaidTx(store, monthOfDate(date), { feeFen }, storedFulfilmentsOf(o)));
  // each seller hears of its own parcel (the worker reads the order's parcels: one item, any number of sellers)
  tx.push(
    notifyTx(
      { store, now },
      'order_paid',
      { to: 'sellers', orderId: o.id },
      { orderId: o.id, ...(o.orderNo ? { orderNo: o.orderNo } : {}) },
      { link: '/orders' },
    ),
  );
  return tx;
}

/** The payment fee of a paid order: Stripe's own (from its balance transaction) or the tenant's rate. */
export type PaymentFee = { feeFen: number };

/** pending_payment → paid: the holds become sold. */
export async function payOrder(
  store: TenantStore,
  o: OrderRecord,
  now: Date,
  paymentRef: string | undefined,
  extra: TxItem[] = [],
  fee: PaymentFee = { feeFen: 0 },
): Promise<boolean> {
  const at = now.toISOString();
  const year = await commitmentYear(store, now);
  return store
    .transact([
      ...transitionOrderTx(
        store,
        o,
        ['pending_payment'],
        'paid',
        { paidAt: at, updatedAt: at, paymentRef: paymentRef ?? null, commitmentYear: year, feeFen: fee.feeFen },
        new AlreadyMoved(),
      ),
      ...closeHoldsTx(store, o.id, linesOf(o), o.expiresAt, 'sold', at),
      ...linesOf(o).map((l) => sellHeldTx(store, l)),
      ...(await paidTotalsTx(store, o, year, now, fee.feeFen)),
      ...extra,
    ])
    .then(
      () => true,
      (e) => {
        passAlreadyMoved(e);
        return false;
      },
    );
}

/**
 * pending_payment → expired (or cancelled, when the buyer pressed Cancel): the holds are released
 * and their units are for sale again — once, since the order's condition lets only one of the
 * webhook, the buyer's cancel and the sweeper through.
 */
export async function expireOrder(store: TenantStore, o: OrderRecord, now: Date, extra: TxItem[] = []): Promise<boolean> {
  const at = now.toISOString();
  const to = o.cancelRequestedAt ? 'cancelled' : 'expired';
  try {
    await store.transact([
      ...transitionOrderTx(store, o, ['pending_payment'], to, { updatedAt: at }, new AlreadyMoved()),
      ...closeHoldsTx(store, o.id, linesOf(o), o.expiresAt, 'released', at),
      ...linesOf(o).map((l) => releaseHeldTx(store, l)),
      ...extra,
    ]);
    return true;
  } catch (e) {
    passAlreadyMoved(e);
    return false;
  }
}

class LateStockGone extends AppError {
  constructor() {
    super('out_of_stock', 409, 'stock gone');
  }
}

/**
 * A payment for an order that had already expired or been cancelled (its stock given back). The
 * payment must not oversell: the order becomes paid only if every unit is still unreserved, taken
 * in the same conditional transaction; otherwise the order stays as it was and the payment is
 * refunded (the outcome is kept on the order for the bureau and the organization to see).
 */
export async function payAfterExpiry(
  store: TenantStore,
  o: OrderRecord,
  now: Date,
  paymentRef: string | undefined,
  refund: () => Promise<unknown>,
  extra: TxItem[] = [],
  fee: PaymentFee = { feeFen: 0 },
): Promise<LatePayment['outcome'] | 'already_moved'> {
  if (o.latePayment) return 'already_moved'; // decided (and refunded, if it was) before
  const at = now.toISOString();
  const year = await commitmentYear(store, now);
  const from = o.status as 'expired' | 'cancelled';
  const late: LatePayment = { at, amountFen: o.totalFen, outcome: 'sold' };
  try {
    await store.transact([
      ...transitionOrderTx(
        store,
        o,
        [from],
        'paid',
        { paidAt: at, updatedAt: at, paymentRef: paymentRef ?? null, commitmentYear: year, latePayment: late, feeFen: fee.feeFen },
        new AlreadyMoved(),
      ),
      ...sellReleasedHoldsTx(store, o.id, linesOf(o), at),
      ...linesOf(o).map((l) => sellUnreservedTx(store, l, new LateStockGone())),
      ...(await paidTotalsTx(store, o, year, now, fee.feeFen)),
      ...extra,
    ]);
    return 'sold';
  } catch (e) {
    if (e instanceof AlreadyMoved) return 'already_moved';
    if (!(e instanceof LateStockGone)) throw e;
  }
  // the stock went to other buyers meanwhile: refund, and say so on the order (once)
  let outcome: LatePayment['outcome'] = 'refunded';
  try {
    await refund();
  } catch (e) {
    outcome = 'refund_due';
    logger.error('late payment refund failed', { orderId: o.id, error: e });
  }
  try {
    await store.transact([markOrderTx(store, o.id, [from], { latePayment: { ...late, outcome }, updatedAt: at }, 'latePayment'), ...extra]);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
  }
  return outcome;
}

function passAlreadyMoved(e: unknown): void {
  if (e instanceof AlreadyMoved) return;
  throw e;
}
