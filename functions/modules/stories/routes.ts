import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Id } from '../../../shared/schemas/common.js';
import { PhotoUploaded } from '../../../shared/schemas/produce.js';
import { Story, StoryInput, StoryPatch, StoryQuery } from '../../../shared/schemas/stories.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { PhotoForm } from '../produce/routes.js';
import { binary } from '../shop/routes.js';
import { addStoryPhoto, removeStoryPhoto, storyPhotoFile } from './photos.js';
import { createStory, getStory, listStories, updateStory } from './service.js';

const tags = ['stories'];
const IdParams = z.object({ id: Id });
const PhotoParams = z.object({ id: Id, photoId: Id });

const list = createRoute({
  method: 'get',
  path: '/stories',
  operationId: 'listStories',
  description: access('story.read'),
  tags,
  summary: 'The tenant’s stories (典型经验), drafts and published, latest change first (?status=)',
  security: BEARER,
  middleware: [authorize('story.read')] as const,
  request: { query: StoryQuery },
  responses: { 200: jsonOk(z.object({ items: z.array(Story) }), 'the stories'), ...ERRORS },
});

const create = createRoute({
  method: 'post',
  path: '/stories',
  operationId: 'createStory',
  description: access('story.write'),
  tags,
  summary: 'Write a story: title, summary, plain-text body, draft or published, this tenant’s villages, organizations and pairings (audited)',
  security: BEARER,
  middleware: [authorize('story.write')] as const,
  request: { body: jsonBody(StoryInput) },
  responses: { 201: jsonOk(Story, 'the story'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/stories/{id}',
  operationId: 'getStory',
  description: access('story.read'),
  tags,
  summary: 'One story',
  security: BEARER,
  middleware: [authorize('story.read')] as const,
  request: { params: IdParams },
  responses: { 200: jsonOk(Story, 'the story'), ...ERRORS },
});

const patch = createRoute({
  method: 'patch',
  path: '/stories/{id}',
  operationId: 'updateStory',
  description: access('story.write'),
  tags,
  summary: 'Change a story, publish it or take it back to a draft (`status`); the same checks as on creation; audited',
  security: BEARER,
  middleware: [authorize('story.write')] as const,
  request: { params: IdParams, body: jsonBody(StoryPatch) },
  responses: { 200: jsonOk(Story, 'the story'), ...ERRORS },
});

const photo = createRoute({
  method: 'post',
  path: '/stories/{id}/photos',
  operationId: 'uploadStoryPhoto',
  description: access('story.write'),
  tags,
  summary: 'Upload a photo of the story (multipart field `file`; JPEG, PNG or WebP, at most 5 MB), at most 9 a story; public once it is published',
  security: BEARER,
  middleware: [authorize('story.write')] as const,
  request: { params: IdParams, body: { content: { 'multipart/form-data': { schema: PhotoForm } }, required: true } },
  responses: { 201: jsonOk(PhotoUploaded, 'the photo'), ...ERRORS },
});

const photoFile = createRoute({
  method: 'get',
  path: '/stories/{id}/photos/{photoId}',
  operationId: 'getStoryPhoto',
  description: access('story.read'),
  tags,
  summary: 'A story’s photo for the bureau, draft or published; `size` w320 or w800 for its WebP size once made',
  security: BEARER,
  middleware: [authorize('story.read')] as const,
  request: { params: PhotoParams, query: z.object({ size: z.enum(['w320', 'w800'], { error: '尺寸只能是 w320 或 w800' }).optional() }) },
  responses: { 200: binary('image/*', 'the photo'), ...ERRORS },
});

const removePhoto = createRoute({
  method: 'delete',
  path: '/stories/{id}/photos/{photoId}',
  operationId: 'deleteStoryPhoto',
  description: access('story.write'),
  tags,
  summary: 'Take a photo off the story (draft or published) and delete its files; audited',
  security: BEARER,
  middleware: [authorize('story.write')] as const,
  request: { params: PhotoParams },
  responses: { 204: { description: 'removed' }, ...ERRORS },
});

const makeStoryRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(list, async (c) => c.json(await listStories(serviceContext(c), c.req.valid('query').status), 200))
    .openapi(create, async (c) => c.json(await createStory(serviceContext(c), c.req.valid('json')), 201))
    .openapi(get, async (c) => c.json(await getStory(serviceContext(c), c.req.valid('param').id), 200))
    .openapi(patch, async (c) => c.json(await updateStory(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(photo, async (c) => {
      const file = c.req.valid('form').file;
      const upload = { bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type };
      return c.json(await addStoryPhoto(serviceContext(c), c.var.deps.files, c.req.valid('param').id, upload), 201);
    })
    .openapi(photoFile, async (c) => {
      const { id, photoId } = c.req.valid('param');
      const f = await storyPhotoFile(serviceContext(c), c.var.deps.files, id, photoId, c.req.valid('query').size);
      return c.body(f.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': f.contentType,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      });
    })
    .openapi(removePhoto, async (c) => {
      const { id, photoId } = c.req.valid('param');
      await removeStoryPhoto(serviceContext(c), c.var.deps.files, id, photoId);
      return c.body(null, 204);
    });

/** The bureau's story routes: mounted with the ledger routes (functions/app-full.ts). */
export const storyRoutes = /* @__PURE__ */ makeStoryRoutes();
