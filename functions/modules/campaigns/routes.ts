import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Campaign, CampaignInput, CampaignPatch, CampaignQuery } from '../../../shared/schemas/campaigns.js';
import { Id } from '../../../shared/schemas/common.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk, NO_ACCOUNT } from '../../http/openapi.js';
import { publicRef, SlugParams } from '../../http/public.js';
import { serviceContext } from '../../http/service-context.js';
import { binary, PUBLIC_ERRORS } from '../shop/routes.js';
import { campaignQrPng } from './qr.js';
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from './service.js';

const tags = ['campaigns'];
const IdParams = z.object({ id: Id });

const list = createRoute({
  method: 'get',
  path: '/campaigns',
  operationId: 'listCampaigns',
  description: access('campaign.read'),
  tags,
  summary: 'The tenant’s campaigns with their progress: open first, then upcoming, then ended (?status=)',
  security: BEARER,
  middleware: [authorize('campaign.read')] as const,
  request: { query: CampaignQuery },
  responses: { 200: jsonOk(z.object({ items: z.array(Campaign) }), 'the campaigns'), ...ERRORS },
});

const create = createRoute({
  method: 'post',
  path: '/campaigns',
  operationId: 'createCampaign',
  description: access('campaign.write'),
  tags,
  summary: 'Start a campaign: title, dates (tenant’s time zone), target in fen, this tenant’s villages and listings (audited)',
  security: BEARER,
  middleware: [authorize('campaign.write')] as const,
  request: { body: jsonBody(CampaignInput) },
  responses: { 201: jsonOk(Campaign, 'the campaign'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/campaigns/{id}',
  operationId: 'getCampaign',
  description: access('campaign.read'),
  tags,
  summary: 'One campaign and its progress (money received through it, per village)',
  security: BEARER,
  middleware: [authorize('campaign.read')] as const,
  request: { params: IdParams },
  responses: { 200: jsonOk(Campaign, 'the campaign'), ...ERRORS },
});

const patch = createRoute({
  method: 'patch',
  path: '/campaigns/{id}',
  operationId: 'updateCampaign',
  description: access('campaign.write'),
  tags,
  summary: 'Change a campaign (the same checks as on creation; audited)',
  security: BEARER,
  middleware: [authorize('campaign.write')] as const,
  request: { params: IdParams, body: jsonBody(CampaignPatch) },
  responses: { 200: jsonOk(Campaign, 'the campaign'), ...ERRORS },
});

const qr = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/campaigns/{id}/qr.png',
  operationId: 'getPublicCampaignQr',
  description: NO_ACCOUNT,
  tags: ['public'],
  summary: 'A PNG QR code that opens the campaign’s public page (its encoder stays out of the api bundle)',
  request: { params: SlugParams.extend({ id: Id }) },
  responses: { 200: binary('image/png', 'the QR code'), ...PUBLIC_ERRORS },
});

const makeCampaignRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(list, async (c) => c.json(await listCampaigns(serviceContext(c), c.req.valid('query').status), 200))
    .openapi(create, async (c) => c.json(await createCampaign(serviceContext(c), c.req.valid('json')), 201))
    .openapi(get, async (c) => c.json(await getCampaign(serviceContext(c), c.req.valid('param').id), 200))
    .openapi(patch, async (c) => c.json(await updateCampaign(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(qr, async (c) => {
      const { tenantSlug, id } = c.req.valid('param');
      const bytes = await campaignQrPng(await publicRef(c, tenantSlug), id);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'image/png', 'cache-control': 'public, max-age=3600' });
    });

/** The bureau's campaign routes and the campaign's QR code: mounted with the ledger routes (functions/app-full.ts). */
export const campaignRoutes = /* @__PURE__ */ makeCampaignRoutes();
