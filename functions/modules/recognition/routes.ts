import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  AssignCategoryInput,
  CategoryAssignment,
  RecognitionCategory,
  RecognitionCategoryInput,
  RecognitionCategoryList,
  RecognitionCategoryPatch,
  RecognitionList,
  RecognitionQuery,
} from '../../../shared/schemas/recognition.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { assignCategory, createCategory, listCategories, recognition, updateCategory } from './service.js';

const tags = ['recognition'];
const IdParam = z.object({ id: z.string().min(1).max(64) });

const get = createRoute({
  method: 'get',
  path: '/recognition',
  operationId: 'listRecognition',
  description: access('recognition.read'),
  tags,
  summary: 'Rule 6: every organization against its recognition category’s threshold (or its kind’s) over a year, and the most active helpers',
  security: BEARER,
  middleware: [authorize('recognition.read')] as const,
  request: { query: RecognitionQuery },
  responses: { 200: jsonOk(RecognitionList, 'recognized first, largest total first; the categories and kind thresholds applied'), ...ERRORS },
});

const listCats = createRoute({
  method: 'get',
  path: '/recognition/categories',
  operationId: 'listRecognitionCategories',
  description: access('recognition.read'),
  tags,
  summary: 'The tenant’s recognition categories with their thresholds and how many organizations each holds',
  security: BEARER,
  middleware: [authorize('recognition.read')] as const,
  responses: { 200: jsonOk(RecognitionCategoryList, 'oldest first'), ...ERRORS },
});

const createCat = createRoute({
  method: 'post',
  path: '/recognition/categories',
  operationId: 'createRecognitionCategory',
  description: access('recognition.write'),
  tags,
  summary: 'Add a recognition category (name unique in the tenant; at most 20)',
  security: BEARER,
  middleware: [authorize('recognition.write')] as const,
  request: { body: jsonBody(RecognitionCategoryInput) },
  responses: { 201: jsonOk(RecognitionCategory, 'the category'), ...ERRORS },
});

const patchCat = createRoute({
  method: 'patch',
  path: '/recognition/categories/{id}',
  operationId: 'updateRecognitionCategory',
  description: access('recognition.write'),
  tags,
  summary: 'Rename a category or change its threshold (audited)',
  security: BEARER,
  middleware: [authorize('recognition.write')] as const,
  request: { params: IdParam, body: jsonBody(RecognitionCategoryPatch) },
  responses: { 200: jsonOk(RecognitionCategory, 'the category'), ...ERRORS },
});

const assign = createRoute({
  method: 'put',
  path: '/recognition/organizations/{id}/category',
  operationId: 'assignRecognitionCategory',
  description: access('recognition.write'),
  tags,
  summary: 'Put an organization in a recognition category, or out of every category with null (audited)',
  security: BEARER,
  middleware: [authorize('recognition.write')] as const,
  request: { params: IdParam, body: jsonBody(AssignCategoryInput) },
  responses: { 200: jsonOk(CategoryAssignment, 'the organization’s category now'), ...ERRORS },
});

export const recognitionRoutes = new OpenAPIHono<Env>()
  .openapi(get, async (c) => c.json(await recognition(serviceContext(c), c.req.valid('query')), 200))
  .openapi(listCats, async (c) => c.json(await listCategories(serviceContext(c)), 200))
  .openapi(createCat, async (c) => c.json(await createCategory(serviceContext(c), c.req.valid('json')), 201))
  .openapi(patchCat, async (c) => c.json(await updateCategory(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(assign, async (c) => c.json(await assignCategory(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200));
