import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { AuditEvent, AuditQuery } from '../../../shared/schemas/audit.js';
import { Page } from '../../../shared/schemas/common.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonOk } from '../../http/openapi.js';
import { readAudit } from './log.js';

/**
 * The bureau's reading of the audit trail: one record's, or the tenant's whole log. A back-office
 * route: the ledger function serves it on AWS, built in a factory marked pure so the api bundle
 * leaves it out (see functions/app-full.ts mountLedgerRoutes); auditPut itself stays in every write.
 */
function makeAuditRoutes() {
  const listAudit = createRoute({
    method: 'get',
    path: '/audit',
    operationId: 'listAuditEvents',
    description: access('audit.read'),
    tags: ['audit'],
    summary:
      'With entity and id: the trail of one record, oldest first. Without id: the tenant’s events, newest first, by actor (a user id, public, payment-provider), entity and from/to (a date is the whole day in the tenant’s time zone) (bureau_admin)',
    security: BEARER,
    middleware: [authorize('audit.read')] as const,
    request: { query: AuditQuery },
    responses: { 200: jsonOk(Page(AuditEvent), 'events'), ...ERRORS },
  });
  return new OpenAPIHono<Env>().openapi(listAudit, async (c) => {
    return c.json(await readAudit(c.var.store, c.req.valid('query')), 200);
  });
}

export const auditRoutes = /* @__PURE__ */ makeAuditRoutes();
