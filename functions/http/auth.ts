import { createMiddleware } from 'hono/factory';
import { can, type Action } from '../../shared/permissions.js';
import { AppError } from '../errors.js';
import { TenantStore } from '../store/tenant-store.js';
import { userKey, type UserItem } from '../modules/identity/store.js';
import { MFA_ENROLMENT_PATHS, mfaEnrolmentRequired, mustEnrolMfa } from '../modules/identity/mfa-policy.js';
import { claimsCacheOf } from './claims-cache.js';
import type { Env } from './context.js';

/** Paths any visitor may call; everything else under /api needs a valid token. */
const PUBLIC_PATHS = [
  /^\/api\/health$/,
  /^\/api\/auth\/login$/,
  /^\/api\/auth\/(invitations|password-reset)(\/|$)/,
  /^\/api\/openapi\.json$/,
  /^\/api\/\.well-known\/jwks\.json$/,
  /^\/api\/public\//,
  /^\/api\/webhooks\//,
];

export const isPublicPath = (path: string) => PUBLIC_PATHS.some((re) => re.test(path));

/** Verifies the bearer token and puts the caller and its tenant-scoped store in the context. */
export const authenticate = createMiddleware<Env>(async (c, next) => {
  if (isPublicPath(c.req.path)) return next();
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw AppError.unauthenticated();
  let claims;
  try {
    claims = await claimsCacheOf(c.get('deps').verifier).verify(m[1]);
  } catch {
    throw AppError.unauthenticated('登录已失效，请重新登录');
  }
  c.set('caller', {
    userId: claims.sub,
    email: claims.email,
    role: claims.role,
    tenantId: claims.tenantId,
    organizationId: claims.organizationId,
  });
  const store = new TenantStore(c.get('deps').doc, c.get('deps').tableName, claims.tenantId);
  // a user the bureau disabled is refused at once, whatever its token's expiry (one strongly consistent
  // read per request: a disabled flag set on another instance a moment ago counts)
  const k = userKey(store, claims.sub);
  const user = await store.get<UserItem>(k.pk, k.sk);
  if (user?.disabled) throw AppError.unauthenticated('账号已停用，请联系管理员');
  // who must use two-step verification and has not set it up may set it up, nothing else
  if (user && !MFA_ENROLMENT_PATHS.test(c.req.path) && (await mustEnrolMfa(store, user))) throw mfaEnrolmentRequired();
  c.set('store', store);
  await next();
});

/** The role × action check of shared/permissions.ts, declared once per route. */
export const authorize = (action: Action) =>
  createMiddleware<Env>(async (c, next) => {
    const caller = c.get('caller');
    if (!caller) throw AppError.unauthenticated();
    if (!can(caller.role, action)) throw AppError.forbidden();
    await next();
  });
