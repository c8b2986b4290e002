import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Id } from '../../../shared/schemas/common.js';
import { CheckoutInput, CheckoutResult, OrderLookupInput, OrderLookupResult, PublicOrder, PublicOrderQuery } from '../../../shared/schemas/orders.js';
import { STRIPE_MIN_TTL_SECONDS } from '../../adapters/payments/stripe.js';
import type { Env } from '../../http/context.js';
import { accessToken } from '../../http/access-token.js';
import { jsonBody, jsonOk, NO_ACCOUNT } from '../../http/openapi.js';
import { optionalClaims, publicContext, SlugParams } from '../../http/public.js';
import { PUBLIC_ERRORS } from '../shop/routes.js';
import { checkout } from './checkout.js';
import { lookupOrder, publicOrder } from './service.js';

const tags = ['public'];

const post = createRoute({
  method: 'post',
  path: '/public/{tenantSlug}/checkout',
  operationId: 'checkout',
  description: NO_ACCOUNT,
  tags,
  summary: 'Buy: holds the stock and opens a payment (Idempotency-Key honoured); 409 out_of_stock names the listing',
  request: { params: SlugParams, body: jsonBody(CheckoutInput) },
  responses: { 201: jsonOk(CheckoutResult, 'the order, its payment page and the buyer’s order token'), ...PUBLIC_ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/orders/{orderId}',
  operationId: 'getPublicOrder',
  description: NO_ACCOUNT,
  tags,
  summary: 'The buyer’s order through its token, sent as X-Access-Token (or ?token= from old links; a wrong token is a 404)',
  request: { params: SlugParams.extend({ orderId: Id }), query: PublicOrderQuery },
  responses: { 200: jsonOk(PublicOrder, 'the order, contact masked'), ...PUBLIC_ERRORS },
});

const lookup = createRoute({
  method: 'post',
  path: '/public/{tenantSlug}/orders/lookup',
  operationId: 'lookUpOrder',
  description: NO_ACCOUNT,
  tags,
  summary: 'Find my order: mobile number + order number → a fresh link to the order page (rate-limited; no match is a 404)',
  request: { params: SlugParams, body: jsonBody(OrderLookupInput) },
  responses: { 200: jsonOk(OrderLookupResult, 'the order and a link to its page, valid 24 h'), ...PUBLIC_ERRORS },
});

/**
 * How long a checkout holds its stock. Stripe refuses a session that expires sooner than 30
 * minutes after it receives it, so with Stripe the hold (and the session, which expires with it)
 * lasts at least a minute longer than that, for the request's own travel time.
 */
export function holdSeconds(configured: number, mode: 'stripe' | 'local'): number {
  return mode === 'stripe' ? Math.max(configured, STRIPE_MIN_TTL_SECONDS + 60) : configured;
}

export const publicOrderRoutes = new OpenAPIHono<Env>()
  .openapi(post, async (c) => {
    const deps = c.var.deps;
    const ctx = await publicContext(c, c.req.valid('param').tenantSlug);
    // rule 9: a signed-in member of this tenant buys for its organization's commitment
    const claims = await optionalClaims(c);
    const buyerOrganizationId = claims?.tenantId === ctx.tenant.id && claims.role === 'org_member' ? (claims.organizationId ?? null) : null;
    const ttlSeconds = holdSeconds(deps.checkoutTtlSeconds, deps.payments.mode);
    return c.json(await checkout(ctx, { payments: deps.payments, ttlSeconds, buyerOrganizationId }, c.req.valid('json')), 201);
  })
  .openapi(lookup, async (c) => {
    const ctx = await publicContext(c, c.req.valid('param').tenantSlug);
    return c.json(await lookupOrder(ctx, c.req.valid('json')), 200);
  })
  .openapi(get, async (c) => {
    const { tenantSlug, orderId } = c.req.valid('param');
    return c.json(await publicOrder(await publicContext(c, tenantSlug), orderId, accessToken(c, c.req.valid('query'))), 200);
  });
