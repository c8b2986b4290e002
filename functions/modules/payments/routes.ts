import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorBody } from '../../../shared/schemas/common.js';
import { LocalCheckoutSession } from '../../../shared/schemas/orders.js';
import { LocalPayments } from '../../adapters/payments/local.js';
import { AppError } from '../../errors.js';
import type { Env } from '../../http/context.js';
import { jsonOk, NO_ACCOUNT } from '../../http/openapi.js';
import type { PaymentKinds } from './kinds.js';
import { localSessionView } from './local-session.js';
import { handleStripeEventUnscoped } from './webhooks.js';

const err = (description: string) => ({ content: { 'application/json': { schema: ErrorBody } }, description });

const webhook = createRoute({
  method: 'post',
  path: '/webhooks/stripe',
  operationId: 'receiveStripeWebhook',
  description: 'Called by Stripe, with no account: the Stripe-Signature header authenticates it.',
  tags: ['payments'],
  summary: 'Stripe events (signature verified with a 300 s tolerance; idempotent per event id)',
  request: { headers: z.object({ 'stripe-signature': z.string().max(2000).optional() }) },
  responses: {
    200: jsonOk(z.object({ received: z.literal(true), outcome: z.string() }), 'acknowledged (also for a replay or an event type that is not handled)'),
    400: err('the signature is missing, wrong or older than 300 s: nothing changed'),
    500: err('internal: Stripe retries'),
  },
});

const session = createRoute({
  method: 'get',
  path: '/public/checkout/{sessionId}',
  operationId: 'getLocalCheckoutSession',
  description: NO_ACCOUNT,
  tags: ['payments'],
  summary: 'The local checkout page’s session (only without STRIPE_SECRET_KEY)',
  request: { params: z.object({ sessionId: z.string().min(1).max(100) }) },
  responses: {
    200: jsonOk(LocalCheckoutSession, 'the session: kind order, or kind donation (LocalDonationCheckoutSession, shared/schemas/donations.ts)'),
    404: err('no such session'),
  },
});

/** The Stripe webhook and the local checkout page's session look-up, dispatching by metadata.kind. */
export function paymentRoutes(kinds: PaymentKinds) {
  return new OpenAPIHono<Env>()
    .openapi(webhook, async (c) => {
      const deps = c.var.deps;
      const raw = await c.req.text();
      let event;
      try {
        // the very SDK call the AWS path makes, on the raw bytes, before anything is parsed or written
        event = deps.payments.verifyWebhook(raw, c.req.header('stripe-signature') ?? '');
      } catch {
        throw AppError.field('stripe-signature', 'Stripe 签名无效或已过期');
      }
      return c.json(
        await handleStripeEventUnscoped({ doc: deps.doc, tableName: deps.tableName, payments: deps.payments, now: deps.clock() }, kinds, event),
        200,
      );
    })
    .openapi(session, async (c) => {
      const payments = c.var.deps.payments;
      const s = payments instanceof LocalPayments ? await payments.getSessionUnscoped(c.req.valid('param').sessionId) : null;
      if (!s) throw AppError.notFound('支付会话');
      // a donation's session (kind 'donation') answers LocalDonationCheckoutSession: the page branches on kind
      return c.json(localSessionView(s, c.var.deps.clock()) as z.infer<typeof LocalCheckoutSession>, 200);
    });
}
