import type { NewCheckoutSession, Payments } from '../../adapters/payments/port.js';
import { logger } from '../../adapters/logger.js';
import { AppError } from '../../errors.js';
import type { PublicContext } from '../context.js';
import { setSessionIdTx, type PaidEntity } from './store.js';

/**
 * Opens the payment provider's checkout session for a record already written as pending_payment
 * (an order, a donation), the one way both do it: the session carries the tenant and expires with
 * the record's hold; if the provider cannot open one, `undo` gives back what the record held (an
 * order's stock, a donation's pending row) at once and the buyer gets a 503 in words; the session's
 * id is then kept on the record, where the webhook and the expiry sweep find it.
 */
export async function openCheckoutSession(
  ctx: PublicContext,
  payments: Payments,
  record: { entity: PaidEntity; id: string },
  session: Omit<NewCheckoutSession, 'tenantId' | 'tenantSlug' | 'origin' | 'refId'>,
  undo: () => Promise<unknown>,
): Promise<{ sessionId: string; url: string }> {
  let opened;
  try {
    opened = await payments.createCheckoutSession({ ...session, tenantId: ctx.tenant.id, tenantSlug: ctx.tenant.slug, origin: ctx.origin, refId: record.id });
  } catch (e) {
    await undo();
    logger.error('checkout session not created', { kind: session.kind, refId: record.id, error: e });
    throw new AppError('payment_unavailable', 503, '支付通道暂时不可用，请稍后重试');
  }
  await ctx.store.transact([setSessionIdTx(ctx.store, record.entity, record.id, opened.sessionId)]);
  return opened;
}
