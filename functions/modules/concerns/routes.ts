import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Id, Page } from '../../../shared/schemas/common.js';
import { Concern, ConcernCreated, ConcernInput, ConcernPatch, ConcernQuery, PublicConcern } from '../../../shared/schemas/concerns.js';
import { authorize } from '../../http/auth.js';
import { clientAddress } from '../../http/client-address.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk, NO_ACCOUNT } from '../../http/openapi.js';
import { publicContext, SlugParams } from '../../http/public.js';
import { limitClient } from '../../http/rate-limit.js';
import { serviceContext } from '../../http/service-context.js';
import { PUBLIC_ERRORS } from '../shop/routes.js';
import { createConcern, getConcern, listConcerns, publicConcern, updateConcern } from './service.js';

const tags = ['concerns'];

const post = createRoute({
  method: 'post',
  path: '/public/{tenantSlug}/concerns',
  operationId: 'reportConcern',
  description: NO_ACCOUNT,
  tags: ['public'],
  summary: 'Report a concern (监督举报) about a village, an organization or a listing; no account; rate-limited per client; never shown publicly',
  request: { params: SlugParams, body: jsonBody(ConcernInput) },
  responses: { 201: jsonOk(ConcernCreated, 'the concern, its ticket and status token'), ...PUBLIC_ERRORS },
});

const status = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/concerns/{id}',
  operationId: 'getPublicConcern',
  description: NO_ACCOUNT,
  tags: ['public'],
  summary: 'The reporter’s concern through its X-Status-Token (a wrong token is a 404)',
  request: { params: SlugParams.extend({ id: Id }) },
  responses: { 200: jsonOk(PublicConcern, 'the ticket'), ...PUBLIC_ERRORS },
});

const list = createRoute({
  method: 'get',
  path: '/concerns',
  operationId: 'listConcerns',
  description: access('concern.read'),
  tags,
  summary: 'Concerns newest first, by status (bureau)',
  security: BEARER,
  middleware: [authorize('concern.read')] as const,
  request: { query: ConcernQuery },
  responses: { 200: jsonOk(Page(Concern), 'a page of concerns'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/concerns/{id}',
  operationId: 'getConcern',
  description: access('concern.read'),
  tags,
  summary: 'One concern, with its text and contact (bureau)',
  security: BEARER,
  middleware: [authorize('concern.read')] as const,
  request: { params: z.object({ id: Id }) },
  responses: { 200: jsonOk(Concern, 'the concern'), ...ERRORS },
});

const patch = createRoute({
  method: 'patch',
  path: '/concerns/{id}',
  operationId: 'triageConcern',
  description: access('concern.write'),
  tags,
  summary: 'Triage: open → investigating → resolved | dismissed, with a resolution (a closed concern is final: 409)',
  security: BEARER,
  middleware: [authorize('concern.write')] as const,
  request: { params: z.object({ id: Id }), body: jsonBody(ConcernPatch) },
  responses: { 200: jsonOk(Concern, 'the concern'), ...ERRORS },
});

export const concernRoutes = new OpenAPIHono<Env>()
  .openapi(post, async (c) => {
    const deps = c.var.deps;
    const ctx = await publicContext(c, c.req.valid('param').tenantSlug);
    const limit = deps.rateLimits.concernsPerClientPerMinute ?? 20;
    await limitClient(c, 'concern-client', `${ctx.tenant.id}#${clientAddress(c)}`, limit, 60);
    return c.json(await createConcern(ctx, c.req.valid('json')), 201);
  })
  .openapi(status, async (c) => {
    const deps = c.var.deps;
    const { tenantSlug, id } = c.req.valid('param');
    c.header('cache-control', 'no-store');
    // counted before the slug is looked up: guessing slugs, ids or tokens all count
    const limit = deps.rateLimits.concernStatusReadsPerClientPerMinute ?? 60;
    await limitClient(c, 'concern-status-client', `${tenantSlug}#${clientAddress(c)}`, limit, 60);
    const ctx = await publicContext(c, tenantSlug);
    return c.json(await publicConcern(ctx, id, c.req.header('x-status-token') ?? c.req.header('x-access-token')), 200);
  })
  .openapi(list, async (c) => c.json(await listConcerns(serviceContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => c.json(await getConcern(serviceContext(c), c.req.valid('param').id), 200))
  .openapi(patch, async (c) => c.json(await updateConcern(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200));
