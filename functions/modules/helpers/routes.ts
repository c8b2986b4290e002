import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Helper, HelperInput, HelperPatch, TeamInput } from '../../../shared/schemas/helpers.js';
import { Pairing } from '../../../shared/schemas/pairings.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { addHelper, editHelper, listHelpers } from './service.js';
import { setPairingTeam } from './team.js';

const tags = ['helpers'];

const list = createRoute({
  method: 'get',
  path: '/organizations/{id}/helpers',
  operationId: 'listHelpers',
  description: access('organization.read'),
  tags,
  summary: "An organization's helpers (帮扶责任人 / 帮扶队员), phones in full (the bureau, or the organization's own members)",
  security: BEARER,
  middleware: [authorize('organization.read')] as const,
  request: { params: IdParams },
  responses: { 200: jsonOk(z.object({ items: z.array(Helper) }), 'the helpers, active first'), ...ERRORS },
});

const create = createRoute({
  method: 'post',
  path: '/organizations/{id}/helpers',
  operationId: 'addHelper',
  description: access('organization.update'),
  tags,
  summary: 'Add a helper (name, role, mainland mobile phone)',
  security: BEARER,
  middleware: [authorize('organization.update')] as const,
  request: { params: IdParams, body: jsonBody(HelperInput) },
  responses: { 201: jsonOk(Helper, 'the helper'), ...ERRORS },
});

const patch = createRoute({
  method: 'patch',
  path: '/helpers/{id}',
  operationId: 'updateHelper',
  description: access('organization.update'),
  tags,
  summary: 'Edit a helper, or take it off with `active: false` (never deleted: activities name it)',
  security: BEARER,
  middleware: [authorize('organization.update')] as const,
  request: { params: IdParams, body: jsonBody(HelperPatch) },
  responses: { 200: jsonOk(Helper, 'the helper'), ...ERRORS },
});

const team = createRoute({
  method: 'put',
  path: '/pairings/{id}/team',
  operationId: 'setPairingTeam',
  description: access('activity.write'),
  tags,
  summary: "The pairing's team (帮扶工作组): active helpers of the pairing's organization",
  security: BEARER,
  middleware: [authorize('activity.write')] as const,
  request: { params: IdParams, body: jsonBody(TeamInput) },
  responses: { 200: jsonOk(Pairing, 'the pairing with its team'), ...ERRORS },
});

export const helperRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => c.json(await listHelpers(serviceContext(c), c.req.valid('param').id), 200))
  .openapi(create, async (c) => c.json(await addHelper(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(patch, async (c) => c.json(await editHelper(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(team, async (c) => c.json(await setPairingTeam(serviceContext(c), c.req.valid('param').id, c.req.valid('json').helperIds), 200));
