import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { RecognitionList } from '../../../shared/schemas/transparency.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { recognition } from './service.js';

const get = createRoute({
  method: 'get',
  path: '/recognition',
  operationId: 'listRecognition',
  description: access('recognition.read'),
  tags: ['recognition'],
  summary: 'Rule 6: organizations whose donations (cash + goods) reach the tenant’s threshold for their kind, with their totals',
  security: BEARER,
  middleware: [authorize('recognition.read')] as const,
  responses: { 200: jsonOk(RecognitionList, 'largest first, and the thresholds applied'), ...ERRORS },
});

export const recognitionRoutes = new OpenAPIHono<Env>().openapi(get, async (c) => c.json(await recognition(serviceContext(c)), 200));
