import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { Need } from '../../../shared/schemas/needs.js';
import { CloseNeedInput } from '../../../shared/schemas/reviews.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { closeNeed } from './close.js';

/** POST /api/needs/:id/close (bureau), served by the ledger function (a pure factory: see functions/app-full.ts). */
function makeNeedCloseRoutes() {
  const close = createRoute({
    method: 'post',
    path: '/needs/{id}/close',
    operationId: 'closeNeed',
    description: access('need.close'),
    tags: ['needs'],
    summary: 'Close an open or pledged need as met with a reason although the pledges do not cover it (bureau; met and withdrawn are final: 409)',
    security: BEARER,
    middleware: [authorize('need.close')] as const,
    request: { params: IdParams, body: jsonBody(CloseNeedInput) },
    responses: { 200: jsonOk(Need, 'the need, met by the bureau’s closure'), ...ERRORS },
  });
  return new OpenAPIHono<Env>().openapi(close, async (c) => c.json(await closeNeed(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200));
}

export const needCloseRoutes = /* @__PURE__ */ makeNeedCloseRoutes();
