import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { QuarterVisits, VisitQuery } from '../../../shared/schemas/reports.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { quarterVisits } from './service.js';

const list = createRoute({
  method: 'get',
  path: '/visits',
  operationId: 'listVisits',
  description: access('visit.read'),
  tags: ['visits'],
  summary: 'Rule 4: pairings active in a quarter (default the current one), their visits, flagged when none (光说不练)',
  security: BEARER,
  middleware: [authorize('visit.read')] as const,
  request: { query: VisitQuery },
  responses: { 200: jsonOk(QuarterVisits, 'the quarter'), ...ERRORS },
});

export const visitRoutes = new OpenAPIHono<Env>().openapi(list, async (c) => c.json(await quarterVisits(serviceContext(c), c.req.valid('query')), 200));
