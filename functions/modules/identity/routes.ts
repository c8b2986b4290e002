import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { clientAddress } from '../../http/client-address.js';
import { Page } from '../../../shared/schemas/common.js';
import { LoginInput, LoginResult, Me, SettingsPatch, Tenant, TenantInput } from '../../../shared/schemas/identity.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { assertPairMayTry, clearLoginFailures, recordLoginFailure } from '../../http/login-throttle.js';
import { hitRateLimit } from '../../http/rate-limit.js';
import { serviceContext } from '../../http/service-context.js';
import { globalStoreUnscoped } from '../../store/tenant-store.js';
import { ListQuery } from '../../../shared/schemas/common.js';
import { createTenant, me, signInUnscoped, tenantSettings, updateSettings } from './service.js';
import { listTenantSlugsUnscoped } from './store.js';

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['identity'],
  summary: 'Sign in with email and password (the local identity provider, or Cognito on AWS)',
  request: { body: jsonBody(LoginInput) },
  responses: { 200: jsonOk(LoginResult, 'a token and the user'), ...ERRORS },
});

const jwks = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  tags: ['identity'],
  summary: 'The public keys that verify local tokens',
  responses: { 200: jsonOk(z.object({ keys: z.array(z.record(z.string(), z.unknown())) }), 'JWKS') },
});

const getMe = createRoute({
  method: 'get',
  path: '/me',
  tags: ['identity'],
  summary: 'The current user',
  security: BEARER,
  responses: { 200: jsonOk(Me, 'the user'), ...ERRORS },
});

const postTenant = createRoute({
  method: 'post',
  path: '/admin/tenants',
  tags: ['identity'],
  summary: 'Create a tenant (platform_admin)',
  security: BEARER,
  middleware: [authorize('tenant.create')] as const,
  request: { body: jsonBody(TenantInput) },
  responses: { 201: jsonOk(Tenant, 'the tenant'), ...ERRORS },
});

const listTenants = createRoute({
  method: 'get',
  path: '/admin/tenants',
  tags: ['identity'],
  summary: 'List tenants (platform_admin)',
  security: BEARER,
  middleware: [authorize('tenant.list')] as const,
  request: { query: ListQuery },
  responses: { 200: jsonOk(Page(z.object({ id: z.string(), slug: z.string(), name: z.string() })), 'tenants'), ...ERRORS },
});

const getSettings = createRoute({
  method: 'get',
  path: '/settings',
  tags: ['identity'],
  summary: "The tenant's settings: time zone, report deadline, pairing limit",
  security: BEARER,
  middleware: [authorize('settings.read')] as const,
  responses: { 200: jsonOk(Tenant, 'the tenant and its settings'), ...ERRORS },
});

const patchSettings = createRoute({
  method: 'patch',
  path: '/settings',
  tags: ['identity'],
  summary: "Change the tenant's settings (bureau_admin)",
  security: BEARER,
  middleware: [authorize('settings.write')] as const,
  request: { body: jsonBody(SettingsPatch) },
  responses: { 200: jsonOk(Tenant, 'the tenant and its settings'), ...ERRORS },
});

export const identityRoutes = new OpenAPIHono<Env>()
  .openapi(login, async (c) => {
    const { email, password, code } = c.req.valid('json');
    const { deps } = c.var;
    const global = globalStoreUnscoped(deps.doc, deps.tableName);
    const now = deps.clock();
    const lim = deps.rateLimits;
    const client = clientAddress(c);
    await hitRateLimit(global, 'login-client', client, lim.loginAttemptsPerClient, lim.windowSeconds, now);
    // failures slow down the failing email-and-client pair only, never the owner elsewhere (login-throttle.ts)
    await assertPairMayTry(global, email, client, now);
    const session = await signInUnscoped(global, deps.directory, email, password, code, now).catch(async (e: unknown) => {
      // a wrong second factor is a failure too; being asked for one is not
      if (e instanceof AppError && e.status === 401 && e.code !== 'mfa_required') await recordLoginFailure(global, email, client, lim, now);
      throw e;
    });
    if (!session) {
      await recordLoginFailure(global, email, client, lim, now);
      throw AppError.unauthenticated('邮箱或密码不正确');
    }
    await clearLoginFailures(global, email, client);
    return c.json(session, 200);
  })
  .openapi(jwks, async (c) => c.json({ keys: (c.var.deps.issuer?.jwks().keys ?? []) as Record<string, unknown>[] }, 200))
  .openapi(getMe, async (c) => c.json(await me(serviceContext(c)), 200))
  .openapi(postTenant, async (c) => c.json(await createTenant(serviceContext(c), c.req.valid('json')), 201))
  .openapi(listTenants, async (c) => {
    const q = c.req.valid('query');
    const page = await listTenantSlugsUnscoped(globalStoreUnscoped(c.var.deps.doc, c.var.deps.tableName), q.limit, q.cursor);
    return c.json({ items: page.items.map((t) => ({ id: t.tenantId, slug: t.sk, name: t.name })), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getSettings, async (c) => c.json(await tenantSettings(serviceContext(c)), 200))
  .openapi(patchSettings, async (c) => c.json(await updateSettings(serviceContext(c), c.req.valid('json')), 200));

