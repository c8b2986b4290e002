import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Activity, ActivityInput } from '../../../shared/schemas/activities.js';
import { ListQuery, Page } from '../../../shared/schemas/common.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { listActivities, logActivity } from './service.js';

const tags = ['activities'];

const list = createRoute({
  method: 'get',
  path: '/pairings/{id}/activities',
  operationId: 'listActivities',
  description: access('activity.read'),
  tags,
  summary: "A pairing's help activities, newest first",
  security: BEARER,
  middleware: [authorize('activity.read')] as const,
  request: { params: IdParams, query: ListQuery },
  responses: { 200: jsonOk(Page(Activity), 'activities'), ...ERRORS },
});

const create = createRoute({
  method: 'post',
  path: '/pairings/{id}/activities',
  operationId: 'logActivity',
  description: access('activity.write'),
  tags,
  summary: 'Log a help activity on an active pairing',
  security: BEARER,
  middleware: [authorize('activity.write')] as const,
  request: { params: IdParams, body: jsonBody(ActivityInput) },
  responses: { 201: jsonOk(Activity, 'the activity'), ...ERRORS },
});

export const activityRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listActivities(serviceContext(c), c.req.valid('param').id, q.limit, q.cursor), 200);
  })
  .openapi(create, async (c) => c.json(await logActivity(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 201));
