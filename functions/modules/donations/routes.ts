import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Id, Page } from '../../../shared/schemas/common.js';
import { Donation, DonationInput, DonationQuery, DonationRefundInput } from '../../../shared/schemas/donations.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { bureauReceiptHtml } from './receipt.js';
import { createDonation, getDonation, listDonations, refundDonation } from './service.js';

const tags = ['donations'];
const IdParams = z.object({ id: Id });

const list = createRoute({
  method: 'get',
  path: '/donations',
  operationId: 'listDonations',
  description: access('donation.read'),
  tags,
  summary: 'Donations newest first (the bureau all; a member its own organization’s)',
  security: BEARER,
  middleware: [authorize('donation.read')] as const,
  request: { query: DonationQuery },
  responses: { 200: jsonOk(Page(Donation), 'a page of donations'), ...ERRORS },
});

const post = createRoute({
  method: 'post',
  path: '/donations',
  operationId: 'logDonation',
  description: access('donation.write'),
  tags,
  summary:
    'Log an offline cash or goods donation (goods at an estimated value, with a description): the bureau’s is confirmed and counted in the same transaction; an org_member’s is pending (counted nowhere) until the bureau confirms it',
  security: BEARER,
  middleware: [authorize('donation.write')] as const,
  request: { body: jsonBody(DonationInput) },
  responses: { 201: jsonOk(Donation, 'the donation, confirmed (bureau) or pending (org_member)'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/donations/{id}',
  operationId: 'getDonation',
  description: access('donation.read'),
  tags,
  summary: 'One donation',
  security: BEARER,
  middleware: [authorize('donation.read')] as const,
  request: { params: IdParams },
  responses: { 200: jsonOk(Donation, 'the donation'), ...ERRORS },
});

const refund = createRoute({
  method: 'post',
  path: '/donations/{id}/refund',
  operationId: 'refundDonation',
  description: access('donation.refund'),
  tags,
  summary:
    'Give a confirmed donation back (cash only while the village’s balance covers it: else 409; an online gift’s money goes back through Stripe first, once per donation: 503 if Stripe refuses, nothing changed)',
  security: BEARER,
  middleware: [authorize('donation.refund')] as const,
  request: { params: IdParams, body: jsonBody(DonationRefundInput) },
  responses: { 200: jsonOk(Donation, 'the donation, refunded'), ...ERRORS },
});

const receipt = createRoute({
  method: 'get',
  path: '/donations/{id}/receipt',
  operationId: 'getDonationReceipt',
  description: access('donation.read'),
  tags,
  summary: 'The printable receipt of any of the tenant’s confirmed donations (HTML; pending or rejected: 409)',
  security: BEARER,
  middleware: [authorize('donation.read')] as const,
  request: { params: IdParams },
  responses: { 200: { content: { 'text/html': { schema: z.string() } }, description: 'the receipt page' }, ...ERRORS },
});

export const donationRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => c.json(await listDonations(serviceContext(c), c.req.valid('query')), 200))
  .openapi(post, async (c) => c.json(await createDonation(serviceContext(c), c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await getDonation(serviceContext(c), c.req.valid('param').id), 200))
  .openapi(refund, async (c) =>
    c.json(await refundDonation(serviceContext(c), c.get('deps').payments, c.req.valid('param').id, c.req.valid('json').reason), 200),
  )
  .openapi(receipt, async (c) => {
    return c.html(await bureauReceiptHtml(serviceContext(c), c.req.valid('param').id), 200);
  });
