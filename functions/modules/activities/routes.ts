import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Activity, ActivityInput } from '../../../shared/schemas/activities.js';
import { Id, ListQuery, Page } from '../../../shared/schemas/common.js';
import { PhotoUploaded } from '../../../shared/schemas/produce.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { serviceContext } from '../../http/service-context.js';
import { PhotoForm } from '../produce/routes.js';
import { activityPhotoFile, addActivityPhoto, removeActivityPhoto } from './photos.js';
import { listActivities, logActivity } from './service.js';

const tags = ['activities'];

const list = createRoute({
  method: 'get',
  path: '/pairings/{id}/activities',
  operationId: 'listActivities',
  description: access('activity.read'),
  tags,
  summary: "A pairing's help activities, newest first",
  security: BEARER,
  middleware: [authorize('activity.read')] as const,
  request: { params: IdParams, query: ListQuery },
  responses: { 200: jsonOk(Page(Activity), 'activities'), ...ERRORS },
});

const create = createRoute({
  method: 'post',
  path: '/pairings/{id}/activities',
  operationId: 'logActivity',
  description: access('activity.write'),
  tags,
  summary: 'Log a help activity on an active pairing',
  security: BEARER,
  middleware: [authorize('activity.write')] as const,
  request: { params: IdParams, body: jsonBody(ActivityInput) },
  responses: { 201: jsonOk(Activity, 'the activity'), ...ERRORS },
});

const photo = createRoute({
  method: 'post',
  path: '/activities/{id}/photos',
  operationId: 'uploadActivityPhoto',
  description: access('activity.write'),
  tags,
  summary: 'Upload a photo of the activity (multipart field `file`; JPEG, PNG or WebP, at most 5 MB), at most 9 an activity',
  security: BEARER,
  middleware: [authorize('activity.write')] as const,
  request: { params: IdParams, body: { content: { 'multipart/form-data': { schema: PhotoForm } }, required: true } },
  responses: { 201: jsonOk(PhotoUploaded, 'the photo'), ...ERRORS },
});

const PhotoParams = z.object({ id: Id, photoId: Id });

const photoFile = createRoute({
  method: 'get',
  path: '/activities/{id}/photos/{photoId}',
  operationId: 'getActivityPhoto',
  description: access('activity.read'),
  tags,
  summary: 'An activity’s photo (the bureau and the organization only); `size` w320 or w800 for its WebP size once made',
  security: BEARER,
  middleware: [authorize('activity.read')] as const,
  request: { params: PhotoParams, query: z.object({ size: z.enum(['w320', 'w800'], { error: '尺寸只能是 w320 或 w800' }).optional() }) },
  responses: {
    200: { content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } }, description: 'the image' },
    ...ERRORS,
  },
});

const removePhoto = createRoute({
  method: 'delete',
  path: '/activities/{id}/photos/{photoId}',
  operationId: 'deleteActivityPhoto',
  description: access('activity.write'),
  tags,
  summary: 'Take a photo off the activity',
  security: BEARER,
  middleware: [authorize('activity.write')] as const,
  request: { params: PhotoParams },
  responses: { 204: { description: 'removed' }, ...ERRORS },
});

export const activityRoutes = new OpenAPIHono<Env>()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listActivities(serviceContext(c), c.req.valid('param').id, q.limit, q.cursor), 200);
  })
  .openapi(create, async (c) => c.json(await logActivity(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 201))
  .openapi(photo, async (c) => {
    const file = c.req.valid('form').file;
    const upload = { bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type };
    return c.json(await addActivityPhoto(serviceContext(c), c.var.deps.files, c.req.valid('param').id, upload), 201);
  })
  .openapi(photoFile, async (c) => {
    const { id, photoId } = c.req.valid('param');
    const f = await activityPhotoFile(serviceContext(c), c.var.deps.files, id, photoId, c.req.valid('query').size);
    return c.body(f.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': f.contentType,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
  })
  .openapi(removePhoto, async (c) => {
    const { id, photoId } = c.req.valid('param');
    await removeActivityPhoto(serviceContext(c), c.var.deps.files, id, photoId);
    return c.body(null, 204);
  });
