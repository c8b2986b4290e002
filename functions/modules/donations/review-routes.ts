import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Donation } from '../../../shared/schemas/donations.js';
import { DonationRejectInput } from '../../../shared/schemas/reviews.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { confirmDonation, rejectDonation } from './review.js';

/**
 * The bureau confirms or rejects a donation a member logged. Served by the back
 * office's (ledger) function, built in a factory marked pure so the api bundle leaves it out (see
 * functions/app-full.ts mountLedgerRoutes).
 */
function makeDonationReviewRoutes() {
  const tags = ['donations'];
  const confirm = createRoute({
    method: 'post',
    path: '/donations/{id}/confirm',
    operationId: 'confirmDonation',
    description: access('donation.review'),
    tags,
    summary:
      'Confirm a member’s pending donation (bureau): counted, public and in recognition from now on, in one transaction; cash needs its voucher (409 without); not pending: 409',
    security: BEARER,
    middleware: [authorize('donation.review')] as const,
    request: { params: IdParams },
    responses: { 200: jsonOk(Donation, 'the donation, confirmed'), ...ERRORS },
  });
  const reject = createRoute({
    method: 'post',
    path: '/donations/{id}/reject',
    operationId: 'rejectDonation',
    description: access('donation.review'),
    tags,
    summary: 'Reject a member’s pending donation with the reason (bureau): never counted; not pending: 409',
    security: BEARER,
    middleware: [authorize('donation.review')] as const,
    request: { params: IdParams, body: jsonBody(DonationRejectInput) },
    responses: { 200: jsonOk(Donation, 'the donation, rejected'), ...ERRORS },
  });
  return new OpenAPIHono<Env>()
    .openapi(confirm, async (c) => c.json(await confirmDonation(serviceContext(c), c.req.valid('param').id), 200))
    .openapi(reject, async (c) => c.json(await rejectDonation(serviceContext(c), c.req.valid('param').id, c.req.valid('json').reason), 200));
}

export const donationReviewRoutes = /* @__PURE__ */ makeDonationReviewRoutes();
