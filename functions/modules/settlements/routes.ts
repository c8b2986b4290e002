import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Id, Page } from '../../../shared/schemas/common.js';
import { VoucherUploaded } from '../../../shared/schemas/donations.js';
import { Payout, PayoutAccountInput, PayoutInput, PayoutQuery, SettlementQuery, Settlements } from '../../../shared/schemas/settlements.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { upload } from '../donations/file-routes.js';
import { attachPayoutEvidence, createPayout, listPayouts, payoutEvidence, setPayoutAccount } from './payouts.js';
import { monthSettlements } from './service.js';

/**
 * Settlement and payouts are the ledger function's (functions/entries/ledger.ts), beside the
 * exports, not the api Lambda's: built in a factory marked pure, so the api bundle (which must stay
 * under 1 MB) leaves them out (see functions/app-full.ts mountLedgerRoutes).
 */
function makeSettlementRoutes() {
  const tags = ['settlements'];

  const settlements = createRoute({
    method: 'get',
    path: '/settlements',
    operationId: 'listSettlements',
    description: access('settlement.read'),
    tags,
    summary: 'A month’s settlement per seller: gross − refunds − fees = payable = paid out + owed, with per-village figures (an org_member: its own)',
    security: BEARER,
    middleware: [authorize('settlement.read')] as const,
    request: { query: SettlementQuery },
    responses: { 200: jsonOk(Settlements, 'the month’s statements'), ...ERRORS },
  });

  const list = createRoute({
    method: 'get',
    path: '/payouts',
    operationId: 'listPayouts',
    description: access('payout.read'),
    tags,
    summary: 'Payouts to sellers, newest first (an org_member: those it received)',
    security: BEARER,
    middleware: [authorize('payout.read')] as const,
    request: { query: PayoutQuery },
    responses: { 200: jsonOk(Page(Payout), 'payouts'), ...ERRORS },
  });

  const post = createRoute({
    method: 'post',
    path: '/payouts',
    operationId: 'createPayout',
    description: access('payout.write'),
    tags,
    summary:
      'Pay a seller for a month (bureau_admin; Idempotency-Key honoured): never more than owed (409 with owedFen); stripe_transfer goes through Stripe first',
    security: BEARER,
    middleware: [authorize('payout.write')] as const,
    request: { body: jsonBody(PayoutInput) },
    responses: { 201: jsonOk(Payout, 'the payout'), ...ERRORS },
  });

  const postEvidence = createRoute({
    method: 'post',
    path: '/payouts/{id}/evidence',
    operationId: 'uploadPayoutEvidence',
    description: access('payout.write'),
    tags,
    summary: 'Attach a payout’s evidence (bank slip; multipart field `file`, bureau only)',
    security: BEARER,
    middleware: [authorize('payout.write')] as const,
    request: { params: IdParams, body: upload },
    responses: { 201: jsonOk(VoucherUploaded, 'the file'), ...ERRORS },
  });

  const getEvidence = createRoute({
    method: 'get',
    path: '/payouts/{id}/evidence',
    operationId: 'getPayoutEvidence',
    description: access('payout.read'),
    tags,
    summary: 'A payout’s evidence (the bureau, or the organization paid; never public)',
    security: BEARER,
    middleware: [authorize('payout.read')] as const,
    request: { params: IdParams },
    responses: {
      200: { content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } }, description: 'the file' },
      ...ERRORS,
    },
  });

  const putAccount = createRoute({
    method: 'put',
    path: '/organizations/{id}/payout-account',
    operationId: 'setPayoutAccount',
    description: access('payout.write'),
    tags,
    summary: 'The organization’s Stripe connected account for stripe_transfer payouts (bureau_admin; null clears it)',
    security: BEARER,
    middleware: [authorize('payout.write')] as const,
    request: { params: z.object({ id: Id }), body: jsonBody(PayoutAccountInput) },
    responses: { 200: jsonOk(z.object({ organizationId: Id, stripeAccountId: z.string().nullable() }), 'the account'), ...ERRORS },
  });

  return new OpenAPIHono<Env>()
    .openapi(settlements, async (c) => {
      const q = c.req.valid('query');
      return c.json(await monthSettlements(serviceContext(c), q.month, q.organizationId), 200);
    })
    .openapi(list, async (c) => c.json(await listPayouts(serviceContext(c), c.req.valid('query')), 200))
    .openapi(post, async (c) => c.json(await createPayout(serviceContext(c), c.var.deps.payments, c.req.valid('json'), c.req.header('idempotency-key')), 201))
    .openapi(postEvidence, async (c) => {
      const file = c.req.valid('form').file;
      const slip = { bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type };
      return c.json(await attachPayoutEvidence(serviceContext(c), c.var.deps.files, c.req.valid('param').id, slip), 201);
    })
    .openapi(getEvidence, async (c) => {
      const id = c.req.valid('param').id;
      const f = await payoutEvidence(serviceContext(c), c.var.deps.files, id);
      const ext = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' }[f.contentType] ?? 'bin';
      return c.body(f.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': f.contentType,
        'content-disposition': `inline; filename="payout-${id}.${ext}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      });
    })
    .openapi(putAccount, async (c) => c.json(await setPayoutAccount(serviceContext(c), c.req.valid('param').id, c.req.valid('json').stripeAccountId), 200));
}

export const settlementRoutes = /* @__PURE__ */ makeSettlementRoutes();
