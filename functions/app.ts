import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { randomUUID } from 'node:crypto';
import { MAX_PHOTO_BYTES } from '../shared/schemas/produce.js';
import { AppError } from './errors.js';
import { authenticate } from './http/auth.js';
import type { AppDeps, Env } from './http/context.js';
import { errorResponse, onError, validationHook } from './http/errors.js';
import { idempotency } from './http/idempotency.js';
import { noStoreForTokens } from './http/access-token.js';
import { originSecret } from './http/origin-secret.js';
import { securityHeaders } from './http/security-headers.js';
import { RECEIPT_SCRIPT_PATH, receiptScript } from './http/page-scripts.js';
import { applicationLimit, checkoutLimit, donateLimit, orderLookupLimit } from './http/rate-limit.js';
import { jsonOk, NO_ACCOUNT, OPENAPI_DOCUMENT } from './http/openapi.js';
import { activityRoutes } from './modules/activities/routes.js';
import { publicCampaignRoutes } from './modules/campaigns/public-routes.js';
import { helperRoutes } from './modules/helpers/routes.js';
import { dashboardRoutes } from './modules/dashboard/routes.js';
import { identityRoutes } from './modules/identity/routes.js';
import { organizationRoutes } from './modules/organizations/routes.js';
import { pairingRoutes } from './modules/pairings/routes.js';
import { LocalPayments } from './adapters/payments/local.js';
import { donationPayments } from './modules/donations/payment-kind.js';
import { publicDonationRoutes } from './modules/donations/public-routes.js';
import { donationRoutes } from './modules/donations/routes.js';
import { transparencyRoutes } from './modules/transparency/routes.js';
import { needRoutes } from './modules/needs/routes.js';
import { MAX_IMPORT_BYTES } from '../shared/schemas/imports.js';
import { reportRoutes } from './modules/reports/routes.js';
import { visitRoutes } from './modules/visits/routes.js';
import { fileRoutes } from './modules/donations/file-routes.js';
import { orderPayments } from './modules/orders/payment-kind.js';
import { publicOrderRoutes } from './modules/orders/public-routes.js';
import { orderRoutes } from './modules/orders/routes.js';
import type { PaymentKinds } from './modules/payments/kinds.js';
import { localCheckoutRoutes } from './modules/payments/local-checkout-routes.js';
import { paymentRoutes } from './modules/payments/routes.js';
import { produceRoutes } from './modules/produce/routes.js';
import { shopRoutes } from './modules/shop/routes.js';
import { villageRoutes } from './modules/villages/routes.js';
import { globalStoreUnscoped } from './store/tenant-store.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/** A photo upload's body: the 5 MB file plus room for the multipart framing. */
const PHOTO_UPLOAD =
  /^\/api\/(produce\/[^/]+\/photos|reports\/[^/]+\/photos|activities\/[^/]+\/photos|stories\/[^/]+\/photos|donations\/[^/]+\/voucher|expenditures\/[^/]+\/evidence|payouts\/[^/]+\/evidence)$/;
const MAX_PHOTO_BODY_BYTES = MAX_PHOTO_BYTES + 64 * 1024;
/** An import upload's body: the 10 MB file plus room for the multipart framing (413 before parsing). */
const IMPORT_UPLOAD = /^\/api\/imports\/(villages|organizations)$/;
const MAX_IMPORT_BODY_BYTES = MAX_IMPORT_BYTES + 64 * 1024;
/** An application's body: up to three 5 MB documents plus the form's fields (413 before parsing). */
const APPLICATION_UPLOAD = /^\/api\/public\/[^/]+\/applications$/;
// (shared/schemas/accounts.ts MAX_APPLICATION_DOCUMENTS × MAX_DOCUMENT_BYTES, written out: that module's
// schemas would otherwise come into the api bundle)
const MAX_APPLICATION_BODY_BYTES = 3 * 5 * 1024 * 1024 + 256 * 1024;

const health = createRoute({
  method: 'get',
  path: '/health',
  operationId: 'getHealth',
  description: NO_ACCOUNT,
  tags: ['health'],
  summary: 'Answers once the database does',
  responses: {
    200: jsonOk(z.object({ ok: z.literal(true) }), 'the database answered'),
    503: jsonOk(z.object({ ok: z.literal(false) }), 'the database did not answer'),
  },
});

const healthRoutes = new OpenAPIHono<Env>().openapi(health, async (c) => {
  try {
    const g = globalStoreUnscoped(c.var.deps.doc, c.var.deps.tableName);
    await g.get(g.globalPk('HEALTH'), 'HEALTH', false);
    return c.json({ ok: true as const }, 200);
  } catch {
    return c.json({ ok: false as const }, 503);
  }
});

/** What is paid through Stripe Checkout, by metadata.kind ('order', 'donation'). */
export const PAYMENT_KINDS: PaymentKinds = { order: orderPayments, donation: donationPayments };

/** The api Lambda's app: everything but the ledger routes (functions/app-full.ts mountLedgerRoutes, served by the ledger function). */
export function buildApiApp(deps: AppDeps) {
  return assembleApp(deps, (api) => api);
}

/**
 * The app with `mountExtra` routes beside the api's own: buildApiApp adds none; buildApp
 * (functions/app-full.ts: local mode, tests, the ledger function) adds the ledger routes.
 */
export function assembleApp(deps: AppDeps, mountExtra: (api: OpenAPIHono<Env>) => unknown) {
  const api = new OpenAPIHono<Env>({ defaultHook: validationHook as never });
  api.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('requestId', c.req.header('x-request-id') ?? randomUUID());
    await next();
  });
  const jsonLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => errorResponse(c, new AppError('payload_too_large', 413, '请求内容过大（最大 1 MB）')),
  });
  const photoLimit = bodyLimit({
    maxSize: MAX_PHOTO_BODY_BYTES,
    onError: (c) => errorResponse(c, new AppError('payload_too_large', 413, '照片不能超过 5 MB')),
  });
  const applicationBodyLimit = bodyLimit({
    maxSize: MAX_APPLICATION_BODY_BYTES,
    onError: (c) => errorResponse(c, new AppError('payload_too_large', 413, '材料过大：最多 3 个文件，每个不超过 5 MB')),
  });
  const importLimit = bodyLimit({
    maxSize: MAX_IMPORT_BODY_BYTES,
    onError: (c) => errorResponse(c, new AppError('payload_too_large', 413, '导入文件不能超过 10 MB')),
  });
  // a GET or HEAD has no body (fetch semantics: the adapters never hand one on), and asking for it
  // would make @hono/node-server build the full Request object it otherwise skips
  api.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : PHOTO_UPLOAD.test(c.req.path)
        ? photoLimit(c, next)
        : IMPORT_UPLOAD.test(c.req.path)
          ? importLimit(c, next)
          : APPLICATION_UPLOAD.test(c.req.path)
            ? applicationBodyLimit(c, next)
            : jsonLimit(c, next),
  );
  api.use('*', authenticate);
  // the public routes' rate limits before the idempotency key: a request over the limit keeps no record
  api.use('/public/:tenantSlug/checkout', checkoutLimit);
  api.use('/public/:tenantSlug/donate', donateLimit);
  api.use('/public/:tenantSlug/applications', applicationLimit);
  api.use('/public/:tenantSlug/orders/lookup', orderLookupLimit);
  api.use('*', idempotency);
  // answers to a request that carries a token of its own are never cached
  api.use('/public/*', noStoreForTokens);
  api.onError(onError);
  api.notFound((c) => errorResponse(c, new AppError('not_found', 404, '接口不存在')));

  const routes = api
    .route('/', healthRoutes)
    .route('/', identityRoutes)
    .route('/', villageRoutes)
    .route('/', organizationRoutes)
    .route('/', pairingRoutes)
    .route('/', activityRoutes)
    .route('/', helperRoutes)
    .route('/', dashboardRoutes)
    .route('/', produceRoutes)
    .route('/', shopRoutes)
    .route('/', paymentRoutes(PAYMENT_KINDS))
    .route('/', publicOrderRoutes)
    .route('/', orderRoutes)
    .route('/', donationRoutes)
    .route('/', publicDonationRoutes)
    .route('/', transparencyRoutes)
    .route('/', publicCampaignRoutes)
    .route('/', reportRoutes)
    .route('/', visitRoutes)
    .route('/', needRoutes)
    .route('/', fileRoutes);
  mountExtra(api);

  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  api.doc31('/openapi.json', OPENAPI_DOCUMENT);

  // first on the outer app: the API, its errors and 404s, and the local checkout page's answers
  const app = new OpenAPIHono<Env>()
    .use('*', securityHeaders)
    .use('*', originSecret(deps.originSecret))
    .get(RECEIPT_SCRIPT_PATH, receiptScript)
    .route('/api', routes);
  app.onError(onError);
  if (deps.payments instanceof LocalPayments) {
    // the local checkout page's Pay and Cancel, at <checkoutUrl>/pay|cancel: the signed event goes
    // through the webhook route over the same in-process HTTP dispatch a request takes
    const deliver = (payload: string, signature: string) =>
      Promise.resolve(
        app.request('/api/webhooks/stripe', { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload }),
      );
    app.route('/', localCheckoutRoutes({ ...deps, payments: deps.payments }, PAYMENT_KINDS, deliver));
  }
  return app;
}

/** What the webhooks function has: the table, the payments adapter, a clock (no identity, no files). */
export type WebhookDeps = Pick<AppDeps, 'doc' | 'tableName' | 'payments' | 'clock' | 'originSecret'>;

/**
 * The webhooks Lambda's app: POST /api/webhooks/stripe alone, the same route (signature check,
 * event log, dispatch by metadata.kind) as in the full app.
 */
export function buildWebhookApp(deps: WebhookDeps) {
  const api = new OpenAPIHono<Env>();
  api.use('*', async (c, next) => {
    // the webhook route reads only the four dependencies above
    c.set('deps', deps as AppDeps);
    c.set('requestId', c.req.header('x-request-id') ?? randomUUID());
    await next();
  });
  api.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => errorResponse(c, new AppError('payload_too_large', 413, '请求内容过大')) }));
  api.onError(onError);
  api.notFound((c) => errorResponse(c, new AppError('not_found', 404, '接口不存在')));
  api.route('/', paymentRoutes(PAYMENT_KINDS));
  const app = new OpenAPIHono<Env>().use('*', securityHeaders).use('*', originSecret(deps.originSecret)).route('/api', api);
  app.onError(onError);
  return app;
}
