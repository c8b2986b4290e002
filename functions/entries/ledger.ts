/**
 * The ledger Lambda: /api/exports/* (the monthly Excel ledger, settlement statements) and
 * /api/imports/* (villages and organizations from .xlsx or .csv), the routes that need exceljs, and
 * the back office's money — /api/settlements, /api/payouts (Stripe transfers, evidence files) and
 * the organizations' payout accounts — the back office of people (the bell and notification
 * settings, invitations, password resets, disabling users, applications to join), and the rarely
 * used pages (commitments, expenditures and village funds, concerns, recognition) — in a function of their own with more memory and time, so
 * they stay out of the api Lambda's bundle (see functions/app.ts buildApiApp). The same app and middleware stack as everywhere (deps, body limits, auth,
 * idempotency, errors); any other path is a 404 here (the HTTP API never sends one).
 *
 * Limits on AWS: a Lambda request payload is at most 6 MB, and API Gateway base64-encodes a binary
 * body, so an upload larger than about 4.4 MB is refused by AWS (413) before it reaches the app's
 * own 10 MB limit (MAX_IMPORT_BYTES, which holds locally); the response (the workbook) is at most
 * 6 MB too, and the HTTP API gives up after 30 seconds.
 */
import { documentClient, makeDynamoClient } from '../adapters/dynamo-client.js';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { systemClock } from '../adapters/clock.js';
import { CognitoVerifier } from '../adapters/cognito.js';
import { CognitoEnrolmentDirectory } from '../adapters/cognito-enrolment.js';
import { buildApp } from '../app-full.js';
import { AppError } from '../errors.js';
import type { AppDeps } from '../http/context.js';
import { errorResponse } from '../http/errors.js';
import { S3FileStore } from '../adapters/files-s3.js';
import { StripePayments } from '../adapters/payments/stripe.js';
import { DEFAULT_CHECKOUT_TTL_SECONDS, DEFAULT_RATE_LIMITS, LambdaEnv } from './env.js';
import { handlerMadeAtColdStart, readStripeSecret } from './stripe-secret.js';
import { cachedIndex, shareRoutes, type IndexHtml } from '../http/share-meta.js';
import { originSecret } from '../http/origin-secret.js';
import { securityHeaders } from '../http/security-headers.js';
import { withLambdaContext } from '../adapters/logger.js';

/** The paths this function serves (infra/constructs/ledger.ts routes the same ones here). */
export const LEDGER_PATHS =
  /^\/api\/((exports|imports|payouts)\/|(settlements|payouts)$|organizations\/[^/]+\/payout-account$|notifications(\/|$)|me\/notification-settings$|me\/mfa\/totp(\/confirm)?$|invitations$|auth\/invitations\/|auth\/password-reset(\/|$)|audit$|users$|users\/[^/]+\/(disable|enable)$|applications(\/|$)|organization-changes(\/|$)|public\/[^/]+\/applications(\/|$)|donations\/[^/]+\/(confirm|reject)$|needs\/[^/]+\/close$|public\/[^/]+\/(produce|villages|campaigns)\/[^/]+\/qr\.png$|commitments$|campaigns(\/[^/]+)?$|stories(\/[^/]+(\/photos(\/[^/]+)?)?)?$|public\/[^/]+\/stories(\/[^/]+(\/photos\/[^/]+)?)?$|recognition(\/|$)|assessments(\/|$)|expenditures(\/[^/]+)?$|villages\/[^/]+\/funds$|concerns(\/[^/]+)?$|public\/[^/]+\/concerns(\/[^/]+)?$)/;

const LedgerEnv = LambdaEnv.pick({
  TABLE_NAME: true,
  USER_POOL_ID: true,
  USER_POOL_CLIENT_ID: true,
  FILES_BUCKET: true,
  STRIPE_SECRET_ID: true,
  ORIGIN_SECRET: true,
  PUBLIC_URL: true,
  WEB_BUCKET: true,
});

function ledgerEnv(source: NodeJS.ProcessEnv = process.env) {
  const parsed = LedgerEnv.safeParse(source);
  if (!parsed.success) throw new Error(`ledger function environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** A dependency the ledger routes never use: any use is a bug, and fails loudly. */
const absent = <T extends object>(name: string): T =>
  new Proxy({} as T, {
    get: (_t, prop) => {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      throw new Error(`the ledger function has no ${name} (${String(prop)})`);
    },
  });

export function ledgerDeps(env = ledgerEnv(), payments: AppDeps['payments'] = absent('payments')): AppDeps {
  const doc = documentClient(makeDynamoClient());
  return {
    doc,
    tableName: env.TABLE_NAME,
    verifier: new CognitoVerifier({ userPoolId: env.USER_POOL_ID, clientId: env.USER_POOL_CLIENT_ID }),
    // invitations, password resets and disabling users go through the pool
    // with enrolment in software-token MFA (/api/me/mfa/*)
    directory: new CognitoEnrolmentDirectory({ userPoolId: env.USER_POOL_ID, clientId: env.USER_POOL_CLIENT_ID }),
    clock: systemClock,
    rateLimits: DEFAULT_RATE_LIMITS,
    // payout evidence (the bank slips), in the same private bucket as the API's files
    files: new S3FileStore(env.FILES_BUCKET),
    // stripe_transfer payouts
    payments,
    checkoutTtlSeconds: DEFAULT_CHECKOUT_TTL_SECONDS,
    originSecret: env.ORIGIN_SECRET,
    // QR codes and share tags name the web app's address, not the HTTP API's (the request's own host here)
    publicUrl: env.PUBLIC_URL,
  };
}

/**
 * The app, answering only the ledger paths, and with `index` the share pages (/shop/…: a listing's,
 * a village's, the transparency page's index.html with its Open Graph tags, functions/http/share-meta.ts;
 * CloudFront sends them here, infra/constructs/web.ts) behind the same headers and origin check.
 */
export function ledgerApp(deps: AppDeps, index?: () => Promise<IndexHtml | undefined>) {
  const app = buildApp(deps);
  const share = index && new Hono().use('*', securityHeaders).use('*', originSecret(deps.originSecret)).route('/', shareRoutes(deps, index));
  return new Hono().all('*', (c) =>
    LEDGER_PATHS.test(c.req.path)
      ? app.fetch(c.req.raw, c.env)
      : share && c.req.path.startsWith('/shop/')
        ? share.fetch(c.req.raw, c.env)
        : errorResponse(c as never, new AppError('not_found', 404, '接口不存在')),
  );
}

// the Stripe keys come from Secrets Manager on the first invocation, once (stripe-secret.ts)
export const handler = withLambdaContext(
  handlerMadeAtColdStart(async () => {
    const env = ledgerEnv();
    const stripe = await readStripeSecret(env.STRIPE_SECRET_ID);
    // the web bucket's index.html, read once a minute at most per container (share-meta.ts cachedIndex)
    const webBucket = env.WEB_BUCKET && new S3FileStore(env.WEB_BUCKET);
    const index = webBucket ? cachedIndex(async () => (await webBucket.get('index.html'))?.bytes ?? null) : undefined;
    return handle(ledgerApp(ledgerDeps(env, new StripePayments(stripe)), index));
  }),
);
