import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Id, Page } from '../../../shared/schemas/common.js';
import { FulfilInput, Need, NeedInput, NeedQuery, NeedSummary, PledgeInput, WithdrawInput } from '../../../shared/schemas/needs.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { createNeed, fulfilNeed, getNeed, listNeeds, needSummary, pledgeNeed, withdrawNeed } from './service.js';

const tags = ['needs'];
const params = z.object({ id: Id });

const list = createRoute({
  method: 'get',
  path: '/needs',
  operationId: 'listNeeds',
  description: access('need.read'),
  tags,
  summary: 'Village needs (需求对接) newest first; `paired` (org_member) keeps its actively paired villages or the others',
  security: BEARER,
  middleware: [authorize('need.read')] as const,
  request: { query: NeedQuery },
  responses: { 200: jsonOk(Page(Need), 'a page of needs'), ...ERRORS },
});

const summary = createRoute({
  method: 'get',
  path: '/needs/summary',
  operationId: 'getNeedsSummary',
  description: access('need.read'),
  tags,
  summary: 'Unmet needs (open, pledged) per village, the most first (bureau)',
  security: BEARER,
  middleware: [authorize('need.read')] as const,
  responses: { 200: jsonOk(NeedSummary, 'per village'), ...ERRORS },
});

const post = createRoute({
  method: 'post',
  path: '/needs',
  operationId: 'createNeed',
  description: access('need.write'),
  tags,
  summary: 'Post a need: the bureau, or an approved organization actively paired with the village',
  security: BEARER,
  middleware: [authorize('need.write')] as const,
  request: { body: jsonBody(NeedInput) },
  responses: { 201: jsonOk(Need, 'the need, open'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/needs/{id}',
  operationId: 'getNeed',
  description: access('need.read'),
  tags,
  summary: 'One need with its pledges',
  security: BEARER,
  middleware: [authorize('need.read')] as const,
  request: { params },
  responses: { 200: jsonOk(Need, 'the need'), ...ERRORS },
});

const pledge = createRoute({
  method: 'post',
  path: '/needs/{id}/pledge',
  operationId: 'pledgeNeed',
  description: access('need.pledge'),
  tags,
  summary: 'An approved organization pledges the whole need or a part (409 beyond what is left)',
  security: BEARER,
  middleware: [authorize('need.pledge')] as const,
  request: { params, body: jsonBody(PledgeInput) },
  responses: { 200: jsonOk(Need, 'the need, pledged'), ...ERRORS },
});

const fulfil = createRoute({
  method: 'post',
  path: '/needs/{id}/fulfil',
  operationId: 'fulfilNeed',
  description: access('need.pledge'),
  tags,
  summary:
    'Mark met with evidence: the bureau or an organization that pledged, once the pledges cover the need (else 409 saying what is missing; the bureau may close it with a reason instead)',
  security: BEARER,
  middleware: [authorize('need.pledge')] as const,
  request: { params, body: jsonBody(FulfilInput) },
  responses: { 200: jsonOk(Need, 'the need, met'), ...ERRORS },
});

const withdraw = createRoute({
  method: 'post',
  path: '/needs/{id}/withdraw',
  operationId: 'withdrawNeed',
  description: access('need.write'),
  tags,
  summary: 'Withdraw an open or pledged need: the bureau or the poster (met and withdrawn are final: 409)',
  security: BEARER,
  middleware: [authorize('need.write')] as const,
  request: { params, body: jsonBody(WithdrawInput) },
  responses: { 200: jsonOk(Need, 'the need, withdrawn'), ...ERRORS },
});

export const needRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => c.json(await listNeeds(serviceContext(c), c.req.valid('query')), 200))
  .openapi(summary, async (c) => c.json(await needSummary(serviceContext(c)), 200))
  .openapi(post, async (c) => c.json(await createNeed(serviceContext(c), c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await getNeed(serviceContext(c), c.req.valid('param').id), 200))
  .openapi(pledge, async (c) => c.json(await pledgeNeed(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(fulfil, async (c) => c.json(await fulfilNeed(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(withdraw, async (c) => c.json(await withdrawNeed(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200));
