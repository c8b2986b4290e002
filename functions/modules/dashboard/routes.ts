import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { BEARER, ERRORS, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { dashboard } from './service.js';

const Dashboard = z.object({
  villages: z.object({
    total: z.number().int(),
    supervised: z.number().int(),
    covered: z.number().int(),
    uncovered: z.array(z.object({ id: z.string(), name: z.string(), township: z.string(), poorHouseholds: z.number().int() })),
  }),
  pairings: z.object({ active: z.number().int(), pending: z.number().int() }),
  sales: z.object({ paidOrders: z.number().int(), totalFen: z.number().int() }),
  /** cash received (cashFen) = usedFen + balanceFen + refundedFen; goods apart, at estimated value */
  donations: z.object({ cashFen: z.number().int(), usedFen: z.number().int(), balanceFen: z.number().int(), refundedFen: z.number().int(), goodsFen: z.number().int() }),
  flags: z.array(z.object({ kind: z.string() }).passthrough()),
});

const get = createRoute({
  method: 'get',
  path: '/dashboard',
  tags: ['dashboard'],
  summary: "The bureau's overview: coverage first, then rule flags",
  security: BEARER,
  middleware: [authorize('dashboard.read')] as const,
  responses: { 200: jsonOk(Dashboard, 'the dashboard'), ...ERRORS },
});

export const dashboardRoutes = new OpenAPIHono<Env>().openapi(get, async (c) => c.json(await dashboard(serviceContext(c)), 200));
