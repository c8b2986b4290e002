import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Page } from '../../../shared/schemas/common.js';
import { PhotoUploaded, Produce, ProduceInput, ProducePatch, ProduceQuery } from '../../../shared/schemas/produce.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { addPhoto } from './photos.js';
import { createProduce, getProduce, listProduce, updateProduce } from './service.js';

const tags = ['produce'];

const list = createRoute({
  method: 'get',
  path: '/produce',
  tags,
  summary: 'Listings, newest first (the bureau sees all; an org_member its own organization’s)',
  security: BEARER,
  middleware: [authorize('produce.read')] as const,
  request: { query: ProduceQuery },
  responses: { 200: jsonOk(Page(Produce), 'listings'), ...ERRORS },
});

const create = createRoute({
  method: 'post',
  path: '/produce',
  tags,
  summary: 'List a village’s produce (the bureau, or an organization actively paired with the village)',
  security: BEARER,
  middleware: [authorize('produce.write')] as const,
  request: { body: jsonBody(ProduceInput) },
  responses: { 201: jsonOk(Produce, 'the listing'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/produce/{id}',
  tags,
  summary: 'One listing',
  security: BEARER,
  middleware: [authorize('produce.read')] as const,
  request: { params: IdParams },
  responses: { 200: jsonOk(Produce, 'the listing'), ...ERRORS },
});

const patch = createRoute({
  method: 'patch',
  path: '/produce/{id}',
  tags,
  summary: 'Edit, publish (draft|delisted → published) or delist (published → delisted) a listing',
  security: BEARER,
  middleware: [authorize('produce.write')] as const,
  request: { params: IdParams, body: jsonBody(ProducePatch) },
  responses: { 200: jsonOk(Produce, 'the listing'), ...ERRORS },
});

/** The multipart body of a photo upload (listings, weekly reports). */
export const PhotoForm = z.object({
  file: z
    .custom<File>((v) => v instanceof File, { error: '请上传图片文件（表单字段 file）' })
    .openapi({ type: 'string', format: 'binary', description: 'image/jpeg, image/png or image/webp, at most 5 MB' }),
});

const photo = createRoute({
  method: 'post',
  path: '/produce/{id}/photos',
  tags,
  summary: 'Upload a photo (multipart field `file`); appended to the listing, at most 9',
  security: BEARER,
  middleware: [authorize('produce.write')] as const,
  request: { params: IdParams, body: { content: { 'multipart/form-data': { schema: PhotoForm } }, required: true } },
  responses: { 201: jsonOk(PhotoUploaded, 'the photo'), ...ERRORS },
});

export const produceRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => c.json(await listProduce(serviceContext(c), c.req.valid('query')), 200))
  .openapi(create, async (c) => c.json(await createProduce(serviceContext(c), c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await getProduce(serviceContext(c), c.req.valid('param').id), 200))
  .openapi(patch, async (c) => c.json(await updateProduce(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200))
  .openapi(photo, async (c) => {
    const file = c.req.valid('form').file;
    const upload = { bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type };
    return c.json(await addPhoto(serviceContext(c), c.var.deps.files, c.req.valid('param').id, upload), 201);
  });
