import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Dashboard } from '../../../shared/schemas/dashboard.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { dashboard } from './service.js';

const get = createRoute({
  method: 'get',
  path: '/dashboard',
  operationId: 'getDashboard',
  description: access('dashboard.read'),
  tags: ['dashboard'],
  summary: "The bureau's overview: coverage first, then rule flags",
  security: BEARER,
  middleware: [authorize('dashboard.read')] as const,
  responses: { 200: jsonOk(Dashboard, 'the dashboard'), ...ERRORS },
});

export const dashboardRoutes = new OpenAPIHono<Env>().openapi(get, async (c) => c.json(await dashboard(serviceContext(c)), 200));
