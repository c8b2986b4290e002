import type { Context } from 'hono';
import { z } from 'zod';
import type { Claims } from '../adapters/identity.js';
import { AppError } from '../errors.js';
import { findTenantIdBySlugUnscoped } from '../modules/identity/store.js';
import { getTenant } from '../modules/tenant/store.js';
import { globalStoreUnscoped, TenantStore } from '../store/tenant-store.js';
import type { PublicContext, PublicRef } from '../modules/context.js';
import type { Env } from './context.js';

export const SlugParams = z.object({ tenantSlug: z.string().min(1).max(64) });

// A slug names one tenant for good (no route renames it), so a found slug may be remembered.
const tenantIdBySlug = new Map<string, string>();

/**
 * The tenant of `/api/public/:tenantSlug/…` from the global slug index; an unknown slug is a 404.
 * The one unscoped read is the slug look-up; everything after goes through the tenant's own store.
 */
export async function publicContext(c: Context<Env>, slug: string): Promise<PublicContext> {
  const deps = c.get('deps');
  const tenantId = await tenantIdOfSlugUnscoped(deps, slug);
  if (!tenantId) throw AppError.notFound('页面');
  const store = new TenantStore(deps.doc, deps.tableName, tenantId);
  const tenant = await getTenant(store);
  if (!tenant) throw AppError.notFound('页面');
  return { store, tenant, now: deps.clock(), origin: publicOrigin(c) };
}

/**
 * `publicContext` without reading the tenant record, for the shop's reads (listing page, one
 * listing, its QR code, a photo): they need the tenant's id and slug only, and the slug index names
 * a tenant written in the same transaction as its record (identity/service.ts createTenant), never
 * deleted, whose slug never changes. An unknown slug is still a 404. One DynamoDB round trip less
 * per page view, and nothing cached beyond the slug → id map already kept above.
 */
export async function publicRef(c: Context<Env>, slug: string): Promise<PublicRef> {
  const deps = c.get('deps');
  const tenantId = await tenantIdOfSlugUnscoped(deps, slug);
  if (!tenantId) throw AppError.notFound('页面');
  return { store: new TenantStore(deps.doc, deps.tableName, tenantId), tenant: { id: tenantId, slug }, now: deps.clock(), origin: publicOrigin(c) };
}

/** The tenant id a public slug names, or null (remembered once found). */
export async function tenantIdOfSlugUnscoped(deps: Pick<Env['Variables']['deps'], 'doc' | 'tableName'>, slug: string): Promise<string | null> {
  if (!PUBLIC_SLUG.test(slug)) return null;
  let tenantId = tenantIdBySlug.get(slug);
  if (!tenantId) {
    tenantId = (await findTenantIdBySlugUnscoped(globalStoreUnscoped(deps.doc, deps.tableName), slug)) ?? undefined;
    if (!tenantId) return null;
    if (tenantIdBySlug.size > 10_000) tenantIdBySlug.clear();
    tenantIdBySlug.set(slug, tenantId);
  }
  return tenantId;
}

/** The shape of a tenant slug (shared/schemas/identity.ts TenantInput). */
export const PUBLIC_SLUG = /^[a-z][a-z0-9-]{1,39}$/;

/** The web app's origin for links and QR codes: the PUBLIC_URL setting, else the request's own. */
export function publicOrigin(c: Context<Env>): string {
  const publicUrl = c.get('deps').publicUrl;
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return new URL(c.req.url).origin;
}

/**
 * A public route's optional signed-in caller (rule 9: a member's purchase counts for its
 * organization). A missing, expired or foreign token makes an anonymous buyer, never an error.
 */
export async function optionalClaims(c: Context<Env>): Promise<Claims | null> {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  if (!m) return null;
  try {
    return await c.get('deps').verifier.verify(m[1]);
  } catch {
    return null;
  }
}
