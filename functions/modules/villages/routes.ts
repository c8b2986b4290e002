import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Page } from '../../../shared/schemas/common.js';
import { Village, VillageInput, VillagePatch, VillageQuery } from '../../../shared/schemas/villages.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { getVillage, listVillages, registerVillage, updateVillage } from './service.js';

const tags = ['villages'];

const list = createRoute({
  method: 'get',
  path: '/villages',
  operationId: 'listVillages',
  description: access('village.read'),
  tags,
  summary: 'Villages, supervised villages without an active pairing first (rule 1)',
  security: BEARER,
  middleware: [authorize('village.read')] as const,
  request: { query: VillageQuery },
  responses: { 200: jsonOk(Page(Village), 'villages'), ...ERRORS },
});

const create = createRoute({
  method: 'post',
  path: '/villages',
  operationId: 'createVillage',
  description: access('village.write'),
  tags,
  summary: 'Register a village (bureau_admin)',
  security: BEARER,
  middleware: [authorize('village.write')] as const,
  request: { body: jsonBody(VillageInput) },
  responses: { 201: jsonOk(Village, 'the village'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/villages/{id}',
  operationId: 'getVillage',
  description: access('village.read'),
  tags,
  summary: 'One village',
  security: BEARER,
  middleware: [authorize('village.read')] as const,
  request: { params: IdParams },
  responses: { 200: jsonOk(Village, 'the village'), ...ERRORS },
});

const patch = createRoute({
  method: 'patch',
  path: '/villages/{id}',
  operationId: 'updateVillage',
  description: access('village.write'),
  tags,
  summary: 'Edit a village (bureau_admin)',
  security: BEARER,
  middleware: [authorize('village.write')] as const,
  request: { params: IdParams, body: jsonBody(VillagePatch) },
  responses: { 200: jsonOk(Village, 'the village'), ...ERRORS },
});

export const villageRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => c.json(await listVillages(serviceContext(c), c.req.valid('query')), 200))
  .openapi(create, async (c) => c.json(await registerVillage(serviceContext(c), c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await getVillage(serviceContext(c), c.req.valid('param').id), 200))
  .openapi(patch, async (c) => c.json(await updateVillage(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200));
