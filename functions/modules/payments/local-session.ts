import type { LocalDonationCheckoutSession } from '../../../shared/schemas/donations.js';
import type { LocalCheckoutSession, OrderLine } from '../../../shared/schemas/orders.js';
import type { LocalSession } from '../../adapters/payments/local.js';

/** The page's view of a session: an open session past its expiry is shown expired. */
export function localSessionView(s: LocalSession, now: Date): LocalCheckoutSession | LocalDonationCheckoutSession {
  const status = s.status === 'open' && s.expiresAt <= now.toISOString() ? 'expired' : s.status;
  if (s.kind === 'donation') {
    return {
      sessionId: s.sessionId,
      kind: 'donation',
      tenantSlug: s.tenantSlug,
      donationId: s.refId,
      receiptToken: String(s.page.receiptToken ?? ''),
      villageName: String(s.page.villageName ?? ''),
      totalFen: s.amountFen,
      expiresAt: s.expiresAt,
      status,
      returnUrl: s.successUrl,
    };
  }
  return {
    sessionId: s.sessionId,
    kind: 'order',
    tenantSlug: s.tenantSlug,
    orderId: s.refId,
    orderToken: String(s.page.orderToken ?? ''),
    totalFen: s.amountFen,
    lines: (s.page.lines ?? []) as OrderLine[],
    expiresAt: s.expiresAt,
    status,
    returnUrl: s.successUrl,
  };
}
