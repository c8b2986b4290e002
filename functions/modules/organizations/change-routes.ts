import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ListQuery, Page } from '../../../shared/schemas/common.js';
import { OrganizationChange } from '../../../shared/schemas/organizations.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { approveChange, listChanges, rejectChange } from './changes.js';

/**
 * Change requests of organizations' name, kind and credit code: the bureau lists,
 * approves and rejects them; a member lists its own organization's. The back office's (ledger)
 * function on AWS, built in a factory marked pure so the api bundle leaves them out.
 */
function makeOrganizationChangeRoutes() {
  const tags = ['organizations'];
  const Query = ListQuery.extend({
    status: z.enum(['pending', 'approved', 'rejected', 'superseded'], { error: '状态无效' }).optional(),
    organizationId: z.string().max(64).optional(),
  });
  const RejectInput = z.object({
    reason: z.string({ error: '请填写驳回原因' }).trim().min(1, '请填写驳回原因').max(500, '驳回原因不能超过 500 字'),
  });
  const list = createRoute({
    method: 'get',
    path: '/organization-changes',
    operationId: 'listOrganizationChanges',
    description: access('organization.read'),
    tags,
    summary: 'Change requests of organizations’ identity fields, newest first (an org_member: its own organization’s)',
    security: BEARER,
    middleware: [authorize('organization.read')] as const,
    request: { query: Query },
    responses: { 200: jsonOk(Page(OrganizationChange), 'change requests'), ...ERRORS },
  });
  const approve = createRoute({
    method: 'post',
    path: '/organization-changes/{id}/approve',
    operationId: 'approveOrganizationChange',
    description: access('organization.review'),
    tags,
    summary: 'Approve a pending change: it applies (409 if the name or credit code has been taken meanwhile)',
    security: BEARER,
    middleware: [authorize('organization.review')] as const,
    request: { params: IdParams },
    responses: { 200: jsonOk(OrganizationChange, 'the change request'), ...ERRORS },
  });
  const reject = createRoute({
    method: 'post',
    path: '/organization-changes/{id}/reject',
    operationId: 'rejectOrganizationChange',
    description: access('organization.review'),
    tags,
    summary: 'Reject a pending change with a reason: the organization stays as it is',
    security: BEARER,
    middleware: [authorize('organization.review')] as const,
    request: { params: IdParams, body: jsonBody(RejectInput) },
    responses: { 200: jsonOk(OrganizationChange, 'the change request'), ...ERRORS },
  });
  return new OpenAPIHono<Env>()
    .openapi(list, async (c) => c.json(await listChanges(serviceContext(c), c.req.valid('query')), 200))
    .openapi(approve, async (c) => c.json(await approveChange(serviceContext(c), c.req.valid('param').id), 200))
    .openapi(reject, async (c) => c.json(await rejectChange(serviceContext(c), c.req.valid('param').id, c.req.valid('json').reason), 200));
}

export const organizationChangeRoutes = /* @__PURE__ */ makeOrganizationChangeRoutes();
