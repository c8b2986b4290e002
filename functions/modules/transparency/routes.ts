import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Id } from '../../../shared/schemas/common.js';
import { Transparency, VillageTransparencyPage } from '../../../shared/schemas/transparency.js';
import type { Env } from '../../http/context.js';
import { jsonOk, NO_ACCOUNT } from '../../http/openapi.js';
import { publicContext, SlugParams } from '../../http/public.js';
import { PUBLIC_ERRORS } from '../shop/routes.js';
import { tenantTransparency, villageTransparency } from './service.js';

const tags = ['public'];

const tenant = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/transparency',
  operationId: 'getTransparency',
  description: NO_ACCOUNT,
  tags,
  summary: 'The public page (公示): tenant totals and per village received, used by purpose, balance, refunded, goods, sales, concerns; no personal data',
  request: { params: SlugParams },
  responses: { 200: jsonOk(Transparency, 'received = used + balance + refunded, to the fen'), ...PUBLIC_ERRORS },
});

const village = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/villages/{id}/transparency',
  operationId: 'getVillageTransparency',
  description: NO_ACCOUNT,
  tags,
  summary: 'One village’s public page (reachable by link and QR code)',
  request: { params: SlugParams.extend({ id: Id }) },
  responses: { 200: jsonOk(VillageTransparencyPage, 'the village’s figures, recent public donations and expenditures'), ...PUBLIC_ERRORS },
});

export const transparencyRoutes = new OpenAPIHono<Env>()
  .openapi(tenant, async (c) => {
    c.header('cache-control', 'public, max-age=30');
    return c.json(await tenantTransparency(await publicContext(c, c.req.valid('param').tenantSlug)), 200);
  })
  .openapi(village, async (c) => {
    const { tenantSlug, id } = c.req.valid('param');
    c.header('cache-control', 'public, max-age=30');
    return c.json(await villageTransparency(await publicContext(c, tenantSlug), id), 200);
  });
