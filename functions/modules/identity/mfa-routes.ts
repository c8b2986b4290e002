import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { TotpConfirmed, TotpConfirmInput, TotpEnrolInput, TotpEnrolment } from '../../../shared/schemas/mfa.js';
import type { Env } from '../../http/context.js';
import { BEARER, ERRORS, jsonBody, jsonOk, SIGNED_IN } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { confirmTotpEnrolment, startTotpEnrolment } from './mfa.js';

/**
 * Enrolling the caller's authenticator app: any signed-in user, its own only — also a
 * session that may do nothing else yet (mfa-policy.ts). Served by the ledger function on AWS,
 * built in a factory marked pure so the api bundle leaves it out (functions/app-full.ts).
 */
function makeMfaRoutes() {
  const tags = ['identity'];
  const start = createRoute({
    method: 'post',
    path: '/me/mfa/totp',
    operationId: 'startTotpEnrolment',
    description: SIGNED_IN,
    tags,
    summary: 'Start two-step verification: the password again; a new secret as an otpauth:// address and its QR code',
    security: BEARER,
    request: { body: jsonBody(TotpEnrolInput) },
    responses: { 200: jsonOk(TotpEnrolment, 'the secret for the authenticator app'), ...ERRORS },
  });
  const confirm = createRoute({
    method: 'post',
    path: '/me/mfa/totp/confirm',
    operationId: 'confirmTotpEnrolment',
    description: SIGNED_IN,
    tags,
    summary: 'Confirm with a code from the app: two-step verification is on; the recovery codes, shown this once',
    security: BEARER,
    request: { body: jsonBody(TotpConfirmInput) },
    responses: { 200: jsonOk(TotpConfirmed, 'the recovery codes'), ...ERRORS },
  });
  return new OpenAPIHono<Env>()
    .openapi(start, async (c) => c.json(await startTotpEnrolment(serviceContext(c), c.var.deps.directory, c.req.valid('json').password), 200))
    .openapi(confirm, async (c) => c.json(await confirmTotpEnrolment(serviceContext(c), c.var.deps.directory, c.req.valid('json').code), 200));
}

export const mfaRoutes = /* @__PURE__ */ makeMfaRoutes();
