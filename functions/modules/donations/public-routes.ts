import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Id } from '../../../shared/schemas/common.js';
import { DonateInput, DonateResult, PublicDonationStatus, ReceiptQuery } from '../../../shared/schemas/donations.js';
import type { Env } from '../../http/context.js';
import { accessToken } from '../../http/access-token.js';
import { jsonBody, jsonOk, NO_ACCOUNT } from '../../http/openapi.js';
import { publicContext, SlugParams } from '../../http/public.js';
import { holdSeconds } from '../orders/public-routes.js';
import { PUBLIC_ERRORS } from '../shop/routes.js';
import { receiptHtml } from './receipt.js';
import { donate, donationByToken, publicDonationStatus } from './service.js';

const tags = ['public'];
const DonationParams = SlugParams.extend({ id: Id });

const post = createRoute({
  method: 'post',
  path: '/public/{tenantSlug}/donate',
  operationId: 'donate',
  description: NO_ACCOUNT,
  tags,
  summary: 'Donate online: a pending donation and its payment page (confirmed only by the signed webhook; Idempotency-Key honoured)',
  request: { params: SlugParams, body: jsonBody(DonateInput) },
  responses: { 201: jsonOk(DonateResult, 'the donation, its payment page and the receipt token'), ...PUBLIC_ERRORS },
});

const status = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/donations/{id}',
  operationId: 'getPublicDonation',
  description: NO_ACCOUNT,
  tags,
  summary: 'The donor’s own donation through its receipt token (status; a wrong token is a 404)',
  request: { params: DonationParams, query: ReceiptQuery },
  responses: { 200: jsonOk(PublicDonationStatus, 'the donation’s status'), ...PUBLIC_ERRORS },
});

const receipt = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/donations/{id}/receipt',
  operationId: 'getPublicDonationReceipt',
  description: NO_ACCOUNT,
  tags,
  summary: 'The donor’s printable receipt (HTML; a wrong token is a 404)',
  request: { params: DonationParams, query: ReceiptQuery },
  responses: { 200: { content: { 'text/html': { schema: z.string() } }, description: 'the receipt page' }, ...PUBLIC_ERRORS },
});

export const publicDonationRoutes = new OpenAPIHono<Env>()
  .openapi(post, async (c) => {
    const deps = c.var.deps;
    const ctx = await publicContext(c, c.req.valid('param').tenantSlug);
    return c.json(
      await donate(ctx, { payments: deps.payments, ttlSeconds: holdSeconds(deps.checkoutTtlSeconds, deps.payments.mode) }, c.req.valid('json')),
      201,
    );
  })
  .openapi(status, async (c) => {
    const { tenantSlug, id } = c.req.valid('param');
    const ctx = await publicContext(c, tenantSlug);
    const token = accessToken(c, c.req.valid('query'));
    return c.json(publicDonationStatus(ctx, await donationByToken(ctx, id, token), token), 200);
  })
  .openapi(receipt, async (c) => {
    const { tenantSlug, id } = c.req.valid('param');
    const ctx = await publicContext(c, tenantSlug);
    const d = await donationByToken(ctx, id, accessToken(c, c.req.valid('query')));
    c.header('cache-control', 'private, no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.html(receiptHtml(d, ctx.tenant, { showDonor: false }), 200);
  });
