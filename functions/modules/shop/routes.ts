import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ErrorBody, Id, Page } from '../../../shared/schemas/common.js';
import { PhotoSize, PublicProduce, PublicProduceQuery } from '../../../shared/schemas/produce.js';
import type { Context } from 'hono';
import { PublicTenant } from '../../../shared/schemas/shop.js';
import { AppError } from '../../errors.js';
import type { Env } from '../../http/context.js';
import { jsonOk, NO_ACCOUNT, rateLimited } from '../../http/openapi.js';
import { publicContext, publicRef, SlugParams } from '../../http/public.js';
import { photoFile } from '../produce/photos.js';
import { getPublicProduce, listPublicProduce, publicTenant } from './service.js';

const tags = ['public'];
const err = (description: string) => ({ content: { 'application/json': { schema: ErrorBody } }, description });
/** What a public route can answer besides its result. */
export const PUBLIC_ERRORS = {
  400: err('validation_failed'),
  404: err('not_found (an unknown tenant slug too)'),
  409: err('conflict'),
  413: err('payload_too_large'),
  429: rateLimited,
  500: err('internal'),
} as const;

export const binary = (type: string, description: string) => ({
  content: { [type]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
  description,
});

const tenant = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}',
  operationId: 'getPublicLanding',
  description: NO_ACCOUNT,
  tags,
  summary: 'The programme’s public landing: tenant name, region and figures',
  request: { params: SlugParams },
  responses: { 200: jsonOk(PublicTenant, 'the tenant'), ...PUBLIC_ERRORS },
});

const list = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/produce',
  operationId: 'listPublicProduce',
  description: NO_ACCOUNT,
  tags,
  summary: 'The shop: published listings, newest first, by village and category',
  request: { params: SlugParams, query: PublicProduceQuery },
  responses: { 200: jsonOk(Page(PublicProduce), 'published listings'), ...PUBLIC_ERRORS },
});

const ProduceParams = SlugParams.extend({ id: Id });

const get = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/produce/{id}',
  operationId: 'getPublicProduce',
  description: NO_ACCOUNT,
  tags,
  summary: 'One published listing',
  request: { params: ProduceParams },
  responses: { 200: jsonOk(PublicProduce, 'the listing'), ...PUBLIC_ERRORS },
});

const photoSize = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/photos/{photoId}/{size}',
  operationId: 'getPublicPhotoSize',
  description: NO_ACCOUNT,
  tags,
  summary: 'A listing photo’s WebP size (w320 thumbnail, w800 display); the original while the size is not made yet',
  request: { params: SlugParams.extend({ photoId: Id, size: PhotoSize }) },
  responses: { 200: binary('image/*', 'the photo'), ...PUBLIC_ERRORS },
});

const photo = createRoute({
  method: 'get',
  path: '/public/{tenantSlug}/photos/{photoId}',
  operationId: 'getPublicPhoto',
  description: NO_ACCOUNT,
  tags,
  summary: 'A listing photo’s bytes (long-cached: a photo id never changes content)',
  request: { params: SlugParams.extend({ photoId: Id }) },
  responses: { 200: binary('image/*', 'the photo'), ...PUBLIC_ERRORS },
});

export const shopRoutes = new OpenAPIHono<Env>()
  .openapi(tenant, async (c) => c.json(await publicTenant(await publicContext(c, c.req.valid('param').tenantSlug)), 200))
  .openapi(list, async (c) => c.json(await listPublicProduce(await publicRef(c, c.req.valid('param').tenantSlug), c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    const { tenantSlug, id } = c.req.valid('param');
    return c.json(await getPublicProduce(await publicRef(c, tenantSlug), id), 200);
  })
  .openapi(photo, async (c) => {
    const { tenantSlug, photoId } = c.req.valid('param');
    return servePhoto(c, await photoFile((await publicRef(c, tenantSlug)).store, c.get('deps').files, photoId));
  })
  .openapi(photoSize, async (c) => {
    const { tenantSlug, photoId, size } = c.req.valid('param');
    return servePhoto(c, await photoFile((await publicRef(c, tenantSlug)).store, c.get('deps').files, photoId, size));
  });

/** A photo's bytes, long-cached (a photo id never changes content) — but for an original standing in for a size not made yet. */
function servePhoto(c: Context, file: Awaited<ReturnType<typeof photoFile>>) {
  if (!file) throw AppError.notFound('照片');
  return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': file.contentType,
    'cache-control': file.fallback ? 'public, max-age=60' : 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
  });
}
