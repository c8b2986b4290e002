import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { AuditEvent, AuditQuery } from '../../../shared/schemas/audit.js';
import { Page } from '../../../shared/schemas/common.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { BEARER, ERRORS, jsonOk } from '../../http/openapi.js';
import { listAuditEvents } from './store.js';

const listAudit = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary: 'The audit trail of one record (bureau_admin)',
  security: BEARER,
  middleware: [authorize('audit.read')] as const,
  request: { query: AuditQuery },
  responses: { 200: jsonOk(Page(AuditEvent), 'events, oldest first'), ...ERRORS },
});

export const auditRoutes = new OpenAPIHono<Env>().openapi(listAudit, async (c) => {
  const q = c.req.valid('query');
  return c.json(await listAuditEvents(c.var.store, q.entity, q.id, q.limit, q.cursor), 200);
});
