import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Id } from '../../../shared/schemas/common.js';
import type { Env } from '../../http/context.js';
import { publicRef, SlugParams } from '../../http/public.js';
import { binary, PUBLIC_ERRORS } from './routes.js';
import { listingQrPng, villageQrPng } from './qr.js';
import { NO_ACCOUNT } from '../../http/openapi.js';

/**
 * The listing's and the village's QR codes: printed for a stall, rarely asked for, and its encoder (~20 KB) would weigh
 * on every cold start of the api function, so it is served by the back office's (ledger) function
 * (functions/app-full.ts mountLedgerRoutes; LEDGER_PATHS, LEDGER_ROUTES). Built in a pure factory.
 */
function makeQrRoutes() {
  const qr = createRoute({
    method: 'get',
    path: '/public/{tenantSlug}/produce/{id}/qr.png',
    operationId: 'getPublicProduceQr',
    description: NO_ACCOUNT,
    tags: ['public'],
    summary: 'A PNG QR code that opens the listing’s page',
    request: { params: SlugParams.extend({ id: Id }) },
    responses: { 200: binary('image/png', 'the QR code'), ...PUBLIC_ERRORS },
  });
  const villageQr = createRoute({
    method: 'get',
    path: '/public/{tenantSlug}/villages/{id}/qr.png',
    operationId: 'getPublicVillageQr',
    description: NO_ACCOUNT,
    tags: ['public'],
    summary: 'A PNG QR code that opens the village’s public page',
    request: { params: SlugParams.extend({ id: Id }) },
    responses: { 200: binary('image/png', 'the QR code'), ...PUBLIC_ERRORS },
  });
  const png = (bytes: Uint8Array) => ({
    body: bytes as Uint8Array<ArrayBuffer>,
    headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=3600' },
  });
  return new OpenAPIHono<Env>()
    .openapi(qr, async (c) => {
      const { tenantSlug, id } = c.req.valid('param');
      const r = png(await listingQrPng(await publicRef(c, tenantSlug), id));
      return c.body(r.body, 200, r.headers);
    })
    .openapi(villageQr, async (c) => {
      const { tenantSlug, id } = c.req.valid('param');
      const r = png(await villageQrPng(await publicRef(c, tenantSlug), id));
      return c.body(r.body, 200, r.headers);
    });
}

export const qrRoutes = /* @__PURE__ */ makeQrRoutes();
