import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Id } from '../../../shared/schemas/common.js';
import { PublicStory, PublicStoryQuery, PublicStorySummary } from '../../../shared/schemas/stories.js';
import type { Env } from '../../http/context.js';
import { jsonOk, NO_ACCOUNT } from '../../http/openapi.js';
import { publicContext, publicRef, SlugParams } from '../../http/public.js';
import { binary, PUBLIC_ERRORS } from '../shop/routes.js';
import { publicStoryPhoto } from './photos.js';
import { publicStories, publicStory } from './service.js';

const tags = ['public'];

const list = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/stories',
  operationId: 'listPublicStories',
  description: NO_ACCOUNT,
  tags,
  summary: 'The published stories (典型经验), newest first; `villageId` for one village’s; no personal data',
  request: { params: SlugParams, query: PublicStoryQuery },
  responses: { 200: jsonOk(z.object({ items: z.array(PublicStorySummary) }), 'the stories'), ...PUBLIC_ERRORS },
});

const one = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/stories/{id}',
  operationId: 'getPublicStory',
  description: NO_ACCOUNT,
  tags,
  summary: 'A published story: the bureau’s text, its villages and organizations by name, its photos; a draft is a 404',
  request: { params: SlugParams.extend({ id: Id }) },
  responses: { 200: jsonOk(PublicStory, 'the story'), ...PUBLIC_ERRORS },
});

const photo = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/stories/{id}/photos/{photoId}',
  operationId: 'getPublicStoryPhoto',
  description: NO_ACCOUNT,
  tags,
  summary: 'A published story’s photo; `size` w320 or w800 for its WebP size once made',
  request: {
    params: SlugParams.extend({ id: Id, photoId: Id }),
    query: z.object({ size: z.enum(['w320', 'w800'], { error: '尺寸只能是 w320 或 w800' }).optional() }),
  },
  responses: { 200: binary('image/*', 'the photo'), ...PUBLIC_ERRORS },
});

const makePublicStoryRoutes = () =>
  new OpenAPIHono<Env>()
    .openapi(list, async (c) => {
      c.header('cache-control', 'public, max-age=60');
      return c.json(await publicStories(await publicContext(c, c.req.valid('param').tenantSlug), c.req.valid('query').villageId), 200);
    })
    .openapi(one, async (c) => {
      const { tenantSlug, id } = c.req.valid('param');
      c.header('cache-control', 'public, max-age=60');
      return c.json(await publicStory(await publicContext(c, tenantSlug), id), 200);
    })
    .openapi(photo, async (c) => {
      const { tenantSlug, id, photoId } = c.req.valid('param');
      const f = await publicStoryPhoto((await publicRef(c, tenantSlug)).store, c.var.deps.files, id, photoId, c.req.valid('query').size);
      // short-cached: a story taken back to a draft stops serving its photos
      return c.body(f.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': f.contentType,
        'cache-control': f.fallback ? 'public, max-age=60' : 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      });
    });

/** The public story pages: served by the ledger function (rarely read; out of the api bundle). */
export const publicStoryRoutes = /* @__PURE__ */ makePublicStoryRoutes();
