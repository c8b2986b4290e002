import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Page } from '../../../shared/schemas/common.js';
import {
  Organization,
  OrganizationInput,
  OrganizationEdited,
  OrganizationPatch,
  OrganizationQuery,
  ReviewInput,
} from '../../../shared/schemas/organizations.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { createOrganization, editOrganization, getOrganization, listOrganizations, reviewOrganization, type Review } from './service.js';

const tags = ['organizations'];

const list = createRoute({
  method: 'get',
  path: '/organizations',
  operationId: 'listOrganizations',
  description: access('organization.read'),
  tags,
  summary: 'Organizations (an org_member sees only its own)',
  security: BEARER,
  middleware: [authorize('organization.read')] as const,
  request: { query: OrganizationQuery },
  responses: { 200: jsonOk(Page(Organization), 'organizations'), ...ERRORS },
});

const create = createRoute({
  method: 'post',
  path: '/organizations',
  operationId: 'createOrganization',
  description: access('organization.create'),
  tags,
  summary: 'Register an organization (pending until approved)',
  security: BEARER,
  middleware: [authorize('organization.create')] as const,
  request: { body: jsonBody(OrganizationInput) },
  responses: { 201: jsonOk(Organization, 'the organization'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/organizations/{id}',
  operationId: 'getOrganization',
  description: access('organization.read'),
  tags,
  summary: 'One organization',
  security: BEARER,
  middleware: [authorize('organization.read')] as const,
  request: { params: IdParams },
  responses: { 200: jsonOk(Organization, 'the organization'), ...ERRORS },
});

const patch = createRoute({
  method: 'patch',
  path: '/organizations/{id}',
  operationId: 'updateOrganization',
  description: access('organization.update'),
  tags,
  summary: 'Edit an organization (an org_member its own: a change of name, kind or credit code once approved is a request for the bureau, 202)',
  security: BEARER,
  middleware: [authorize('organization.update')] as const,
  request: { params: IdParams, body: jsonBody(OrganizationPatch) },
  responses: {
    200: jsonOk(Organization, 'the organization'),
    202: jsonOk(OrganizationEdited, 'the organization and its change request, awaiting review'),
    ...ERRORS,
  },
});

const review = (action: Review, summary: string) =>
  createRoute({
    method: 'post',
    path: `/organizations/{id}/${action}`,
    operationId: `${action}Organization`,
    description: access('organization.review'),
    tags,
    summary,
    security: BEARER,
    middleware: [authorize('organization.review')] as const,
    request: { params: IdParams, body: { content: { 'application/json': { schema: ReviewInput } }, required: false } },
    responses: { 200: jsonOk(Organization, 'the organization'), ...ERRORS },
  });

const approve = review('approve', 'Approve: pending | suspended → approved');
const reject = review('reject', 'Reject: pending → rejected');
const suspend = review('suspend', 'Suspend: approved → suspended');

export const organizationRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => c.json(await listOrganizations(serviceContext(c), c.req.valid('query')), 200))
  .openapi(create, async (c) => c.json(await createOrganization(serviceContext(c), c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await getOrganization(serviceContext(c), c.req.valid('param').id), 200))
  .openapi(patch, async (c) => {
    const out = await editOrganization(serviceContext(c), c.req.valid('param').id, c.req.valid('json'));
    return out.change ? c.json({ organization: out.organization, change: out.change }, 202) : c.json(out.organization, 200);
  })
  .openapi(approve, async (c) => c.json(await reviewOrganization(serviceContext(c), c.req.valid('param').id, 'approve', c.req.valid('json')?.reason), 200))
  .openapi(reject, async (c) => c.json(await reviewOrganization(serviceContext(c), c.req.valid('param').id, 'reject', c.req.valid('json')?.reason), 200))
  .openapi(suspend, async (c) => c.json(await reviewOrganization(serviceContext(c), c.req.valid('param').id, 'suspend', c.req.valid('json')?.reason), 200));
