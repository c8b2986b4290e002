import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { clientAddress } from '../../http/client-address.js';
import { Page } from '../../../shared/schemas/common.js';
import { LoginInput, LoginResult, Me, SettingsPatch, Tenant, TenantInput } from '../../../shared/schemas/identity.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk, NO_ACCOUNT, SIGNED_IN } from '../../http/openapi.js';
import { globalStore, serviceContext } from '../../http/service-context.js';
import { ListQuery } from '../../../shared/schemas/common.js';
import { login as signIn } from './login.js';
import { createTenant, listTenantsUnscoped, me, tenantSettings, updateSettings } from './service.js';

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  operationId: 'login',
  description: NO_ACCOUNT,
  tags: ['identity'],
  summary: 'Sign in with email and password (the local identity provider, or Cognito on AWS)',
  request: { body: jsonBody(LoginInput) },
  responses: { 200: jsonOk(LoginResult, 'a token and the user'), ...ERRORS },
});

const jwks = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  operationId: 'getJwks',
  description: NO_ACCOUNT,
  tags: ['identity'],
  summary: 'The public keys that verify local tokens',
  responses: { 200: jsonOk(z.object({ keys: z.array(z.record(z.string(), z.unknown())) }), 'JWKS') },
});

const getMe = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  description: SIGNED_IN,
  tags: ['identity'],
  summary: 'The current user',
  security: BEARER,
  responses: { 200: jsonOk(Me, 'the user'), ...ERRORS },
});

const postTenant = createRoute({
  method: 'post',
  path: '/admin/tenants',
  operationId: 'createTenant',
  description: access('tenant.create'),
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
  operationId: 'listTenants',
  description: access('tenant.list'),
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
  operationId: 'getSettings',
  description: access('settings.read'),
  tags: ['identity'],
  summary: "The tenant's settings: time zone, report deadline, pairing limit",
  security: BEARER,
  middleware: [authorize('settings.read')] as const,
  responses: { 200: jsonOk(Tenant, 'the tenant and its settings'), ...ERRORS },
});

const patchSettings = createRoute({
  method: 'patch',
  path: '/settings',
  operationId: 'updateSettings',
  description: access('settings.write'),
  tags: ['identity'],
  summary: "Change the tenant's settings (bureau_admin)",
  security: BEARER,
  middleware: [authorize('settings.write')] as const,
  request: { body: jsonBody(SettingsPatch) },
  responses: { 200: jsonOk(Tenant, 'the tenant and its settings'), ...ERRORS },
});

export const identityRoutes = new OpenAPIHono<Env>()
  .openapi(login, async (c) => {
    const { deps } = c.var;
    return c.json(await signIn(globalStore(c), deps.directory, c.req.valid('json'), clientAddress(c), deps.rateLimits, deps.clock()), 200);
  })
  .openapi(jwks, async (c) => c.json({ keys: (c.var.deps.issuer?.jwks().keys ?? []) as Record<string, unknown>[] }, 200))
  .openapi(getMe, async (c) => c.json(await me(serviceContext(c)), 200))
  .openapi(postTenant, async (c) => c.json(await createTenant(serviceContext(c), c.req.valid('json')), 201))
  .openapi(listTenants, async (c) => {
    return c.json(await listTenantsUnscoped(globalStore(c), c.req.valid('query')), 200);
  })
  .openapi(getSettings, async (c) => c.json(await tenantSettings(serviceContext(c)), 200))
  .openapi(patchSettings, async (c) => c.json(await updateSettings(serviceContext(c), c.req.valid('json')), 200));
