import { donorConfirmationTx } from './notice.js';
import type { SessionObject } from '../../adapters/payments/port.js';
import { AppError } from '../../errors.js';
import type { PaymentKind, WebhookContext } from '../payments/kinds.js';
import { dateInZone } from '../../../shared/dates.js';
import { confirmedEffectsTx } from './service.js';
import { getDonationRecord, moveDonationTx, nextSerial, type DonationRecord } from './store.js';
import { tenantTimeZone } from '../tenant/settings.js';
import { logger } from '../../adapters/logger.js';

const paymentRefOf = (s: SessionObject) => (typeof s.payment_intent === 'string' ? s.payment_intent : s.payment_intent?.id) ?? undefined;

async function donationOf(ctx: WebhookContext, s: SessionObject): Promise<DonationRecord | null> {
  const id = s.metadata?.donationId;
  const d = id ? await getDonationRecord(ctx.store, id) : null;
  if (!d || (d.sessionId && d.sessionId !== s.id)) return null;
  return d;
}

class Moved extends AppError {
  constructor() {
    super('conflict', 409, 'donation already moved');
  }
}

/**
 * Online donations (metadata.kind 'donation'): confirmed ONLY here, by the signed webhook. The
 * status move, the village's counters, the public list and the event record are one transaction,
 * so a replayed or concurrent delivery counts the money once. A payment that arrives after the
 * session expired still confirms the donation (nothing was held for it, so nothing can oversell).
 */
export const donationPayments: PaymentKind = {
  async completed(ctx, s) {
    const d = await donationOf(ctx, s);
    if (!d) return 'unknown_donation';
    if (s.payment_status !== 'paid') return 'awaiting_payment';
    if (s.amount_total !== d.amountFen || (s.currency ?? '').toLowerCase() !== 'cny') {
      logger.error('payment amount differs from the donation', { donationId: d.id, sessionId: s.id });
      return 'amount_mismatch';
    }
    if (d.status !== 'pending_payment' && d.status !== 'expired') return `already_${d.status}`;
    const at = ctx.now.toISOString();
    const tz = await tenantTimeZone(ctx.store);
    const date = dateInZone(ctx.now, tz);
    const serialNo = await nextSerial(ctx.store, date.slice(0, 4));
    const ref = paymentRefOf(s);
    const confirmed: DonationRecord = { ...d, status: 'confirmed', serialNo, confirmedAt: at, date, updatedAt: at };
    try {
      await ctx.store.transact([
        moveDonationTx(
          ctx.store,
          d.id,
          ['pending_payment', 'expired'],
          { status: 'confirmed', serialNo, confirmedAt: at, date, updatedAt: at, ...(ref ? { paymentRef: ref } : {}) },
          new Moved(),
        ),
        ...confirmedEffectsTx(ctx, confirmed, at),
        ...(await donorConfirmationTx(ctx, confirmed)),
        ctx.recordEvent,
        ctx.audit(
          'donation',
          d.id,
          'confirm',
          { status: d.status },
          { status: 'confirmed', serialNo, confirmedAt: at, date, amountFen: d.amountFen, paymentRef: ref ?? null },
        ),
      ]);
    } catch (e) {
      if (e instanceof Moved) return 'already_moved';
      throw e;
    }
    return d.status === 'expired' ? 'late_payment_confirmed' : 'confirmed';
  },

  async expired(ctx, s) {
    const d = await donationOf(ctx, s);
    if (!d) return 'unknown_donation';
    if (d.status !== 'pending_payment') return `already_${d.status}`;
    const at = ctx.now.toISOString();
    try {
      await ctx.store.transact([
        moveDonationTx(ctx.store, d.id, ['pending_payment'], { status: 'expired', updatedAt: at }, new Moved()),
        ctx.recordEvent,
        ctx.audit('donation', d.id, 'expire', { status: d.status }, { status: 'expired' }),
      ]);
    } catch (e) {
      if (e instanceof Moved) return 'already_moved';
      throw e;
    }
    return 'expired';
  },

  async cancelRequested() {
    // nothing is held for a donation: the session's expiry event marks it expired
  },
};
