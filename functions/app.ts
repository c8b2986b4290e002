import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { randomUUID } from 'node:crypto';
import { AppError } from './errors.js';
import { authenticate } from './http/auth.js';
import type { AppDeps, Env } from './http/context.js';
import { errorResponse, onError, validationHook } from './http/errors.js';
import { idempotency } from './http/idempotency.js';
import { jsonOk } from './http/openapi.js';
import { activityRoutes } from './modules/activities/routes.js';
import { auditRoutes } from './modules/audit/routes.js';
import { dashboardRoutes } from './modules/dashboard/routes.js';
import { identityRoutes } from './modules/identity/routes.js';
import { organizationRoutes } from './modules/organizations/routes.js';
import { pairingRoutes } from './modules/pairings/routes.js';
import { villageRoutes } from './modules/villages/routes.js';
import { globalStoreUnscoped } from './store/tenant-store.js';

export const MAX_BODY_BYTES = 1024 * 1024;

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  summary: 'Answers once the database does',
  responses: {
    200: jsonOk(z.object({ ok: z.literal(true) }), 'the database answered'),
    503: jsonOk(z.object({ ok: z.literal(false) }), 'the database did not answer'),
  },
});

const healthRoutes = new OpenAPIHono<Env>().openapi(health, async (c) => {
  try {
    const g = globalStoreUnscoped(c.var.deps.doc, c.var.deps.tableName);
    await g.get(g.globalPk('HEALTH'), 'HEALTH', false);
    return c.json({ ok: true as const }, 200);
  } catch {
    return c.json({ ok: false as const }, 503);
  }
});

/** The whole API as one Hono app; the same on Lambda and on @hono/node-server. */
export function buildApp(deps: AppDeps) {
  const api = new OpenAPIHono<Env>({ defaultHook: validationHook as never });
  api.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('requestId', c.req.header('x-request-id') ?? randomUUID());
    await next();
  });
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => errorResponse(c, new AppError('payload_too_large', 413, '请求内容过大（最大 1 MB）')),
    }),
  );
  api.use('*', authenticate);
  api.use('*', idempotency);
  api.onError(onError);
  api.notFound((c) => errorResponse(c, new AppError('not_found', 404, '接口不存在')));

  const routes = api
    .route('/', healthRoutes)
    .route('/', identityRoutes)
    .route('/', villageRoutes)
    .route('/', organizationRoutes)
    .route('/', pairingRoutes)
    .route('/', activityRoutes)
    .route('/', auditRoutes)
    .route('/', dashboardRoutes);

  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Bangfu (帮扶通) API', version: '1.0.0', description: 'HTTP contract v1; see API.md' },
    servers: [{ url: '/api' }],
  });

  const app = new OpenAPIHono<Env>().route('/api', routes);
  app.onError(onError);
  return app;
}

export type AppType = ReturnType<typeof buildApp>;
