import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Id, Page } from '../../../shared/schemas/common.js';
import { Expenditure, ExpenditureInput, ExpenditureQuery, VillageFunds } from '../../../shared/schemas/expenditures.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { createExpenditure, getExpenditure, listExpenditures, villageFundsSummary } from './service.js';

const tags = ['expenditures'];

const list = createRoute({
  method: 'get',
  path: '/expenditures',
  operationId: 'listExpenditures',
  description: access('expenditure.read'),
  tags,
  summary: 'Uses of donated cash, newest first (bureau)',
  security: BEARER,
  middleware: [authorize('expenditure.read')] as const,
  request: { query: ExpenditureQuery },
  responses: { 200: jsonOk(Page(Expenditure), 'a page of expenditures'), ...ERRORS },
});

const post = createRoute({
  method: 'post',
  path: '/expenditures',
  operationId: 'createExpenditure',
  description: access('expenditure.write'),
  tags,
  summary: 'Record a use of a village’s donated cash; over the balance is a 409 with nothing written',
  security: BEARER,
  middleware: [authorize('expenditure.write')] as const,
  request: { body: jsonBody(ExpenditureInput) },
  responses: { 201: jsonOk(Expenditure, 'the expenditure'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/expenditures/{id}',
  operationId: 'getExpenditure',
  description: access('expenditure.read'),
  tags,
  summary: 'One expenditure (with its evidence: bureau only)',
  security: BEARER,
  middleware: [authorize('expenditure.read')] as const,
  request: { params: z.object({ id: Id }) },
  responses: { 200: jsonOk(Expenditure, 'the expenditure'), ...ERRORS },
});

const funds = createRoute({
  method: 'get',
  path: '/villages/{id}/funds',
  operationId: 'getVillageFunds',
  description: access('donation.read'),
  tags,
  summary: 'A village’s cash and goods counters (rule 8: received = used + balance + refunded)',
  security: BEARER,
  middleware: [authorize('donation.read')] as const,
  request: { params: z.object({ id: Id }) },
  responses: { 200: jsonOk(VillageFunds, 'the counters'), ...ERRORS },
});

export const expenditureRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => c.json(await listExpenditures(serviceContext(c), c.req.valid('query')), 200))
  .openapi(post, async (c) => c.json(await createExpenditure(serviceContext(c), c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await getExpenditure(serviceContext(c), c.req.valid('param').id), 200))
  .openapi(funds, async (c) => c.json(await villageFundsSummary(serviceContext(c), c.req.valid('param').id), 200));
