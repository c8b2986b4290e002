import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { PublicCampaign, PublicCampaignSummary } from '../../../shared/schemas/campaigns.js';
import { Id } from '../../../shared/schemas/common.js';
import type { Env } from '../../http/context.js';
import { jsonOk, NO_ACCOUNT } from '../../http/openapi.js';
import { publicContext, SlugParams } from '../../http/public.js';
import { PUBLIC_ERRORS } from '../shop/routes.js';
import { publicCampaign, publicCampaigns } from './service.js';

const tags = ['public'];

const list = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/campaigns',
  operationId: 'listPublicCampaigns',
  description: NO_ACCOUNT,
  tags,
  summary: 'Open and upcoming campaigns, and those ended in the last 90 days, with the money raised',
  request: { params: SlugParams },
  responses: { 200: jsonOk(z.object({ items: z.array(PublicCampaignSummary) }), 'the campaigns'), ...PUBLIC_ERRORS },
});

const one = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/campaigns/{id}',
  operationId: 'getPublicCampaign',
  description: NO_ACCOUNT,
  tags,
  summary: 'A campaign’s public page: raised against the target, per village, days left, its villages’ funds identity; no personal data',
  request: { params: SlugParams.extend({ id: Id }) },
  responses: { 200: jsonOk(PublicCampaign, 'the campaign’s progress'), ...PUBLIC_ERRORS },
});

export const publicCampaignRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => {
    c.header('cache-control', 'public, max-age=30');
    return c.json(await publicCampaigns(await publicContext(c, c.req.valid('param').tenantSlug)), 200);
  })
  .openapi(one, async (c) => {
    const { tenantSlug, id } = c.req.valid('param');
    c.header('cache-control', 'public, max-age=30');
    return c.json(await publicCampaign(await publicContext(c, tenantSlug), id), 200);
  });
