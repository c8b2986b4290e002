import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { CommitmentInput, CommitmentProgress, CommitmentQuery } from '../../../shared/schemas/commitments.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { listCommitments, setCommitment } from './service.js';

const tags = ['commitments'];

const list = createRoute({
  method: 'get',
  path: '/commitments',
  operationId: 'listCommitments',
  description: access('commitment.read'),
  tags,
  summary: 'Rule 9: each organization’s consumption-aid commitment and its members’ paid purchases in a year',
  security: BEARER,
  middleware: [authorize('commitment.read')] as const,
  request: { query: CommitmentQuery },
  responses: { 200: jsonOk(z.object({ items: z.array(CommitmentProgress) }), 'per organization, furthest behind first'), ...ERRORS },
});

const put = createRoute({
  method: 'put',
  path: '/commitments',
  operationId: 'setCommitment',
  description: access('commitment.write'),
  tags,
  summary: 'Set a commitment for a year (the bureau for any organization, a member for its own)',
  security: BEARER,
  middleware: [authorize('commitment.write')] as const,
  request: { body: jsonBody(CommitmentInput) },
  responses: { 200: jsonOk(CommitmentProgress, 'the commitment and its progress'), ...ERRORS },
});

export const commitmentRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => c.json(await listCommitments(serviceContext(c), c.req.valid('query').year), 200))
  .openapi(put, async (c) => c.json(await setCommitment(serviceContext(c), c.req.valid('json')), 200));
