/**
 * The API on AWS Lambda, behind API Gateway's HTTP API: the same Hono app as `npm start`, wired to
 * the real DynamoDB table and Cognito. Dependencies are built once per cold start; a bad
 * environment fails the cold start (see env.ts) instead of the first request.
 */
import { documentClient, makeDynamoClient } from '../adapters/dynamo-client.js';
import { handle } from 'hono/aws-lambda';
import { systemClock } from '../adapters/clock.js';
import { CognitoVerifier } from '../adapters/cognito.js';
import { CognitoDirectory } from '../adapters/cognito-directory.js';
import { S3FileStore } from '../adapters/files-s3.js';
import { StripePayments } from '../adapters/payments/stripe.js';
import { buildApiApp } from '../app.js';
import type { AppDeps } from '../http/context.js';
import { DEFAULT_RATE_LIMITS, lambdaEnv } from './env.js';
import { withLambdaContext } from '../adapters/logger.js';
import { handlerMadeAtColdStart, readStripeSecret } from './stripe-secret.js';

const env = lambdaEnv();

// the pool sized for a Lambda container (one request at a time: adapters/dynamo-client.ts)
const doc = documentClient(makeDynamoClient());

const pool = { userPoolId: env.USER_POOL_ID, clientId: env.USER_POOL_CLIENT_ID };

const deps: Omit<AppDeps, 'payments'> = {
  doc,
  tableName: env.TABLE_NAME,
  verifier: new CognitoVerifier(pool),
  // sign-in and new users go to Cognito, which issues the tokens the verifier accepts
  directory: new CognitoDirectory(pool),
  // no issuer: the server signs nothing and serves an empty JWKS
  clock: systemClock,
  rateLimits: DEFAULT_RATE_LIMITS,
  files: new S3FileStore(env.FILES_BUCKET),
  publicUrl: env.PUBLIC_URL,
  checkoutTtlSeconds: env.CHECKOUT_TTL_SECONDS,
  originSecret: env.ORIGIN_SECRET,
};

// everything but /api/exports/* and /api/imports/*, which the ledger function serves (functions/entries/ledger.ts)
export const handler = withLambdaContext(
  handlerMadeAtColdStart(async () => {
    const stripe = await readStripeSecret(env.STRIPE_SECRET_ID);
    return handle(buildApiApp({ ...deps, payments: new StripePayments(stripe) } satisfies AppDeps));
  }),
);
