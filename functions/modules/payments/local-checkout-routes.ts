import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { LocalPayments, LocalSession } from '../../adapters/payments/local.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../http/context.js';
import { errorResponse, onError } from '../../http/errors.js';
import { tenantStoreOf } from '../../http/service-context.js';
import type { PaymentKinds } from './kinds.js';
import { localSessionView } from './local-session.js';

/** Hands a signed event to /api/webhooks/stripe exactly as an HTTP delivery would. */
export type Deliver = (payload: string, signature: string) => Promise<Response>;

const localId = (prefix: string) => `${prefix}_local_${randomBytes(12).toString('hex')}`;

/**
 * The local checkout page's buttons, outside /api (scripts press `POST <checkoutUrl>/pay|cancel`):
 * the server plays Stripe — it closes the session, builds the Stripe-shaped event, signs it with
 * the local webhook secret through the stripe SDK and delivers it to the webhook route, which
 * verifies it with the same call as on AWS. Pressing a button again re-delivers the same event.
 */
export function localCheckoutRoutes(deps: AppDeps & { payments: LocalPayments }, kinds: PaymentKinds, deliver: Deliver) {
  const payments = deps.payments;

  async function send(s: LocalSession, type: 'checkout.session.completed' | 'checkout.session.expired', eventId: string, paymentIntent?: string) {
    const { payload, header } = payments.signedEvent(s, type, eventId, paymentIntent);
    const res = await deliver(payload, header);
    if (!res.ok) throw new Error(`local webhook delivery answered ${res.status}: ${await res.text()}`);
  }

  async function answer(c: Context, sessionId: string, url: (s: LocalSession) => string) {
    const s = (await payments.getSessionUnscoped(sessionId))!;
    const view = localSessionView(s, deps.clock());
    // a browser's plain form post goes on to the order page; a script or the web app gets JSON
    if ((c.req.header('accept') ?? '').includes('text/html')) return c.redirect(url(s), 303);
    return c.json({ sessionId, status: view.status, returnUrl: url(s) }, 200);
  }

  async function session(id: string): Promise<LocalSession> {
    const s = await payments.getSessionUnscoped(id);
    if (!s) throw AppError.notFound('支付会话');
    return s;
  }

  const app = new Hono();
  app.onError(onError);
  app.notFound((c) => errorResponse(c, AppError.notFound('页面')));

  app.post('/checkout/:sessionId/pay', async (c) => {
    const id = c.req.param('sessionId');
    let s = await session(id);
    if (s.status === 'open' && s.expiresAt > deps.clock().toISOString()) {
      const eventId = localId('evt');
      const pi = localId('pi');
      await payments.closeSessionUnscoped(id, 'complete', eventId, pi);
      s = await session(id);
    }
    if (s.status !== 'complete' || !s.completedEventId)
      throw AppError.conflict('支付已超时或已取消，请重新下单', { status: localSessionView(s, deps.clock()).status });
    await send(s, 'checkout.session.completed', s.completedEventId, s.paymentIntent);
    return answer(c, id, (x) => x.successUrl);
  });

  app.post('/checkout/:sessionId/cancel', async (c) => {
    const id = c.req.param('sessionId');
    let s = await session(id);
    if (s.status === 'open') {
      const kind = kinds[s.kind];
      if (kind) await kind.cancelRequested(tenantStoreOf(deps, s.tenantId), s.refId, deps.clock());
      await payments.closeSessionUnscoped(id, 'expired', localId('evt'));
      s = await session(id);
    }
    if (s.status === 'complete') throw AppError.conflict('订单已支付，不能取消', { status: 'complete' });
    if (s.expiredEventId) await send(s, 'checkout.session.expired', s.expiredEventId);
    return answer(c, id, (x) => x.cancelUrl);
  });

  return app;
}
