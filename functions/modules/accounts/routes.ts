import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  Invitation,
  InvitationInput,
  InvitationPreview,
  LinkToken,
  PasswordInput,
  PasswordResetRequest,
  UserQuery,
  UserRow,
} from '../../../shared/schemas/accounts.js';
import { Page } from '../../../shared/schemas/common.js';
import { LoginResult, User, UserInput } from '../../../shared/schemas/identity.js';
import { createUser } from '../identity/service.js';
import { authorize } from '../../http/auth.js';
import { clientAddress } from '../../http/client-address.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk, NO_ACCOUNT } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { limitClient } from '../../http/rate-limit.js';
import { globalStore, serviceContext } from '../../http/service-context.js';
import { acceptInvitation, createInvitation, listUserRows, previewInvitation, requestPasswordReset, resetPassword, setUserEnabled } from './service.js';

/**
 * Every answer to a reset request takes at least this long, so a known email (a transaction and an
 * email in the outbox) and an unknown one (one read) cannot be told apart by timing.
 */
export const RESET_ANSWER_FLOOR_MS = 400;
/** Reset requests per email per hour, and per client per hour; link uses per client per hour. */
export const RESETS_PER_EMAIL_PER_HOUR = 5;
export const RESETS_PER_CLIENT_PER_HOUR = 30;
export const LINK_USES_PER_CLIENT_PER_HOUR = 60;

/**
 * Invitations, password resets and enabling users: the back office's (ledger) function
 * on AWS, with the user directory (Cognito); built in a factory marked pure so the api bundle
 * leaves them out (functions/app-full.ts mountLedgerRoutes).
 */
function makeAccountRoutes() {
  const tags = ['accounts'];
  // inside the factory: a schema built at module level would keep this module in the api bundle
  const TokenParams = z.object({ token: LinkToken });
  const GONE = {
    410: {
      content: { 'application/json': { schema: z.object({ error: z.object({ code: z.literal('gone'), message: z.string() }) }) } },
      description: 'the link was used or has expired',
    },
  } as const;
  const invite = createRoute({
    method: 'post',
    path: '/invitations',
    operationId: 'createInvitation',
    description: access('user.invite'),
    tags,
    summary: 'Invite someone by email (bureau: anyone of its tenant; org_member: a colleague); a link valid 72 h, once',
    security: BEARER,
    middleware: [authorize('user.invite')] as const,
    request: { body: jsonBody(InvitationInput) },
    responses: { 201: jsonOk(Invitation, 'the invitation (its link went by email)'), ...ERRORS },
  });
  const preview = createRoute({
    method: 'get',
    path: '/auth/invitations/{token}',
    operationId: 'getInvitation',
    description: NO_ACCOUNT,
    tags,
    summary: 'What an invitation link is for (no account needed); 410 when used or expired',
    request: { params: TokenParams },
    responses: { 200: jsonOk(InvitationPreview, 'the invitation'), ...ERRORS, ...GONE },
  });
  const accept = createRoute({
    method: 'post',
    path: '/auth/invitations/{token}/accept',
    operationId: 'acceptInvitation',
    description: NO_ACCOUNT,
    tags,
    summary: 'Set a password through an invitation link (once) and sign in',
    request: { params: TokenParams, body: jsonBody(PasswordInput) },
    responses: { 201: jsonOk(LoginResult, 'the new account, signed in'), ...ERRORS, ...GONE },
  });
  const requestReset = createRoute({
    method: 'post',
    path: '/auth/password-reset',
    operationId: 'requestPasswordReset',
    description: NO_ACCOUNT,
    tags,
    summary: 'Ask for a reset link (valid 1 h, once); always 202, whether the email has an account or not',
    request: { body: jsonBody(PasswordResetRequest) },
    responses: { 202: jsonOk(z.object({ ok: z.literal(true) }), 'accepted'), ...ERRORS },
  });
  const reset = createRoute({
    method: 'post',
    path: '/auth/password-reset/{token}',
    operationId: 'resetPassword',
    description: NO_ACCOUNT,
    tags,
    summary: 'Set a new password through a reset link (once)',
    request: { params: TokenParams, body: jsonBody(PasswordInput) },
    responses: { 200: jsonOk(z.object({ ok: z.literal(true) }), 'the password is changed'), ...ERRORS, ...GONE },
  });
  // POST /api/users lives here, beside the list, in the back office's function (its password rules
  // carry the common-password list, which the api bundle does without)
  const postUser = createRoute({
    method: 'post',
    path: '/users',
    operationId: 'createUser',
    description: access('user.create'),
    tags: ['identity'],
    summary: 'Create a user (platform_admin for any tenant, bureau_admin for its own)',
    security: BEARER,
    middleware: [authorize('user.create')] as const,
    request: { body: jsonBody(UserInput) },
    responses: { 201: jsonOk(User, 'the user'), ...ERRORS },
  });

  const users = createRoute({
    method: 'get',
    path: '/users',
    operationId: 'listUsers',
    description: access('user.list'),
    tags,
    summary: "The tenant's users (bureau_admin) or the caller's colleagues (org_member), with the invitations still out on the first page",
    security: BEARER,
    middleware: [authorize('user.list')] as const,
    request: { query: UserQuery },
    responses: { 200: jsonOk(Page(UserRow), 'users'), ...ERRORS },
  });
  const disable = createRoute({
    method: 'post',
    path: '/users/{id}/disable',
    operationId: 'disableUser',
    description: access('user.disable'),
    tags,
    summary: 'Disable a user of the tenant: it cannot sign in and its tokens stop working at once (bureau)',
    security: BEARER,
    middleware: [authorize('user.disable')] as const,
    request: { params: IdParams },
    responses: { 200: jsonOk(UserRow, 'the user'), ...ERRORS },
  });
  const enable = createRoute({
    method: 'post',
    path: '/users/{id}/enable',
    operationId: 'enableUser',
    description: access('user.disable'),
    tags,
    summary: 'Enable a disabled user again (bureau)',
    security: BEARER,
    middleware: [authorize('user.disable')] as const,
    request: { params: IdParams },
    responses: { 200: jsonOk(UserRow, 'the user'), ...ERRORS },
  });

  const linkLimit = async (c: Parameters<Parameters<typeof app.openapi>[1]>[0]) => {
    await limitClient(c, 'link-client', clientAddress(c), LINK_USES_PER_CLIENT_PER_HOUR, 3600);
  };
  const app = new OpenAPIHono<Env>();
  return app
    .openapi(invite, async (c) => c.json(await createInvitation(serviceContext(c), c.req.valid('json')), 201))
    .openapi(preview, async (c) => {
      await linkLimit(c);
      const d = c.var.deps;
      return c.json(await previewInvitation(globalStore(c), c.req.valid('param').token, d.clock()), 200);
    })
    .openapi(accept, async (c) => {
      await linkLimit(c);
      const d = c.var.deps;
      const result = await acceptInvitation(globalStore(c), d.directory, c.req.valid('param').token, c.req.valid('json').password, d.clock());
      return c.json(result, 201);
    })
    .openapi(requestReset, async (c) => {
      const started = Date.now();
      const d = c.var.deps;
      const global = globalStore(c);
      const { email, locale } = c.req.valid('json');
      await limitClient(c, 'reset-client', clientAddress(c), RESETS_PER_CLIENT_PER_HOUR, 3600);
      await limitClient(c, 'reset-email', email, RESETS_PER_EMAIL_PER_HOUR, 3600);
      try {
        await requestPasswordReset(global, email, locale, d.clock());
      } finally {
        // the same answer in the same time class, known email or not (and even when the write failed)
        const left = RESET_ANSWER_FLOOR_MS - (Date.now() - started);
        if (left > 0) await new Promise((r) => setTimeout(r, left));
      }
      return c.json({ ok: true as const }, 202);
    })
    .openapi(reset, async (c) => {
      await linkLimit(c);
      const d = c.var.deps;
      await resetPassword(globalStore(c), d.directory, c.req.valid('param').token, c.req.valid('json').password, d.clock());
      return c.json({ ok: true as const }, 200);
    })
    .openapi(postUser, async (c) => c.json(await createUser(serviceContext(c), c.var.deps.directory, c.req.valid('json')), 201))
    .openapi(users, async (c) => c.json(await listUserRows(serviceContext(c), c.req.valid('query')), 200))
    .openapi(disable, async (c) => c.json(await setUserEnabled(serviceContext(c), c.var.deps.directory, c.req.valid('param').id, false), 200))
    .openapi(enable, async (c) => c.json(await setUserEnabled(serviceContext(c), c.var.deps.directory, c.req.valid('param').id, true), 200));
}

export const accountRoutes = /* @__PURE__ */ makeAccountRoutes();
