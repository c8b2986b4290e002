import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Page } from '../../../shared/schemas/common.js';
import { ApproveInput, ClaimInput, EndInput, Pairing, PairingQuery, RejectInput } from '../../../shared/schemas/pairings.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { approvePairing, claimPairing, endPairing, listPairings, rejectPairing } from './service.js';
import { pairingWithTeam } from '../helpers/team.js';

const tags = ['pairings'];
const optionalBody = <T extends typeof ApproveInput | typeof RejectInput>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: false as const,
});

const list = createRoute({
  method: 'get',
  path: '/pairings',
  operationId: 'listPairings',
  description: access('pairing.read'),
  tags,
  summary: 'Pairings by village, organization or status (an org_member sees its own)',
  security: BEARER,
  middleware: [authorize('pairing.read')] as const,
  request: { query: PairingQuery },
  responses: { 200: jsonOk(Page(Pairing), 'pairings, newest first'), ...ERRORS },
});

const claim = createRoute({
  method: 'post',
  path: '/pairings',
  operationId: 'claimPairing',
  description: access('pairing.claim'),
  tags,
  summary: 'Claim a pairing (org_member for its own organization, or the bureau for any) → pending',
  security: BEARER,
  middleware: [authorize('pairing.claim')] as const,
  request: { body: jsonBody(ClaimInput) },
  responses: { 201: jsonOk(Pairing, 'the pending pairing'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/pairings/{id}',
  operationId: 'getPairing',
  description: access('pairing.read'),
  tags,
  summary: 'One pairing, with its team (帮扶工作组: name and role)',
  security: BEARER,
  middleware: [authorize('pairing.read')] as const,
  request: { params: IdParams },
  responses: { 200: jsonOk(Pairing, 'the pairing'), ...ERRORS },
});

const approve = createRoute({
  method: 'post',
  path: '/pairings/{id}/approve',
  operationId: 'approvePairing',
  description: access('pairing.review'),
  tags,
  summary: 'Approve: pending → active (bureau_admin); startDate defaults to the proposed one or today',
  security: BEARER,
  middleware: [authorize('pairing.review')] as const,
  request: { params: IdParams, body: optionalBody(ApproveInput) },
  responses: { 200: jsonOk(Pairing, 'the active pairing'), ...ERRORS },
});

const reject = createRoute({
  method: 'post',
  path: '/pairings/{id}/reject',
  operationId: 'rejectPairing',
  description: access('pairing.review'),
  tags,
  summary: 'Reject: pending → rejected (bureau_admin)',
  security: BEARER,
  middleware: [authorize('pairing.review')] as const,
  request: { params: IdParams, body: optionalBody(RejectInput) },
  responses: { 200: jsonOk(Pairing, 'the rejected pairing'), ...ERRORS },
});

const end = createRoute({
  method: 'post',
  path: '/pairings/{id}/end',
  operationId: 'endPairing',
  description: access('pairing.review'),
  tags,
  summary: 'End: active → ended on endDate (bureau_admin)',
  security: BEARER,
  middleware: [authorize('pairing.review')] as const,
  request: { params: IdParams, body: jsonBody(EndInput) },
  responses: { 200: jsonOk(Pairing, 'the ended pairing'), ...ERRORS },
});

export const pairingRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => c.json(await listPairings(serviceContext(c), c.req.valid('query')), 200))
  .openapi(claim, async (c) => c.json(await claimPairing(serviceContext(c), c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await pairingWithTeam(serviceContext(c), c.req.valid('param').id), 200))
  .openapi(approve, async (c) => c.json(await approvePairing(serviceContext(c), c.req.valid('param').id, c.req.valid('json')?.startDate), 200))
  .openapi(reject, async (c) => c.json(await rejectPairing(serviceContext(c), c.req.valid('param').id, c.req.valid('json')?.reason), 200))
  .openapi(end, async (c) => c.json(await endPairing(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200));
