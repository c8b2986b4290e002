import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Page } from '../../../shared/schemas/common.js';
import {
  PHOTO_TYPES,
  PhotoUploadConfirm,
  PhotoUploaded,
  PhotoUploadTicket,
  Produce,
  ProduceInput,
  ProducePatch,
  ProduceQuery,
} from '../../../shared/schemas/produce.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { addPhoto, confirmPhotoUpload, photoUploadTicket } from './photos.js';
import { createProduce, getProduce, listProduce, updateProduce } from './service.js';

const tags = ['produce'];

const list = createRoute({
  method: 'get',
  path: '/produce',
  operationId: 'listProduce',
  description: access('produce.read'),
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
  operationId: 'createProduce',
  description: access('produce.write'),
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
  operationId: 'getProduce',
  description: access('produce.read'),
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
  operationId: 'updateProduce',
  description: access('produce.write'),
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
  operationId: 'uploadProducePhoto',
  description: access('produce.write'),
  tags,
  summary: 'Upload a photo (multipart field `file`); appended to the listing, at most 9',
  security: BEARER,
  middleware: [authorize('produce.write')] as const,
  request: { params: IdParams, body: { content: { 'multipart/form-data': { schema: PhotoForm } }, required: true } },
  responses: { 201: jsonOk(PhotoUploaded, 'the photo'), ...ERRORS },
});

const presign = createRoute({
  method: 'post',
  path: '/produce/{id}/photos/presign',
  operationId: 'presignProducePhoto',
  description: access('produce.write'),
  tags,
  summary: 'Where to upload a photo: a presigned POST to the bucket (AWS; 5 MB, the type given, 5 minutes) or `direct` (locally)',
  security: BEARER,
  middleware: [authorize('produce.write')] as const,
  request: { params: IdParams, body: jsonBody(z.object({ contentType: z.enum(PHOTO_TYPES, { error: '只能上传 JPEG、PNG 或 WebP 图片' }) })) },
  responses: { 200: jsonOk(PhotoUploadTicket, 'the upload ticket'), ...ERRORS },
});

const confirm = createRoute({
  method: 'post',
  path: '/produce/{id}/photos/confirm',
  operationId: 'confirmProducePhoto',
  description: access('produce.write'),
  tags,
  summary: 'A photo posted to the bucket with a ticket: checked (type, size) and appended to the listing, at most 9',
  security: BEARER,
  middleware: [authorize('produce.write')] as const,
  request: { params: IdParams, body: jsonBody(PhotoUploadConfirm) },
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
  })
  .openapi(presign, async (c) =>
    c.json(await photoUploadTicket(serviceContext(c), c.var.deps.files, c.req.valid('param').id, c.req.valid('json').contentType), 200),
  )
  .openapi(confirm, async (c) => c.json(await confirmPhotoUpload(serviceContext(c), c.var.deps.files, c.req.valid('param').id, c.req.valid('json').key), 201));
