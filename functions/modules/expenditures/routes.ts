import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Id, Page } from '../../../shared/schemas/common.js';
import { Expenditure, ExpenditureInput, ExpenditureQuery, VillageFunds } from '../../../shared/schemas/expenditures.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { villageFunds } from '../donations/store.js';
import { getVillageItem } from '../villages/store.js';
import { AppError } from '../../errors.js';
import { createExpenditure, getExpenditure, listExpenditures } from './service.js';

const tags = ['expenditures'];

const list = createRoute({
  method: 'get',
  path: '/expenditures',
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
  .openapi(funds, async (c) => {
    const ctx = serviceContext(c);
    const id = c.req.valid('param').id;
    if (!(await getVillageItem(ctx.store, id))) throw AppError.notFound('村庄');
    const f = await villageFunds(ctx.store, id);
    const { villageId, cashReceivedFen, cashUsedFen, balanceFen, refundedFen, goodsFen } = f;
    return c.json({ villageId, cashReceivedFen, cashUsedFen, balanceFen, refundedFen, goodsFen }, 200);
  });
