/**
 * The webhooks Lambda, on its own HTTP API route (POST /api/webhooks/stripe): Stripe's events are
 * verified with the endpoint's signing secret (read from Secrets Manager) and handled by the same route as in the API app.
 * A function of its own, so a burst of events never waits behind the API (and vice versa).
 */
import { documentClient, makeDynamoClient } from '../adapters/dynamo-client.js';
import { handle } from 'hono/aws-lambda';
import { systemClock } from '../adapters/clock.js';
import { StripePayments } from '../adapters/payments/stripe.js';
import { buildWebhookApp } from '../app.js';
import { webhooksEnv } from './env.js';
import { withLambdaContext } from '../adapters/logger.js';
import { handlerMadeAtColdStart, readStripeSecret } from './stripe-secret.js';

const env = webhooksEnv();

const doc = documentClient(makeDynamoClient());

// the keys come from Secrets Manager on the first invocation, once (stripe-secret.ts)
export const handler = withLambdaContext(
  handlerMadeAtColdStart(async () => {
    const stripe = await readStripeSecret(env.STRIPE_SECRET_ID);
    return handle(
      buildWebhookApp({
        doc,
        tableName: env.TABLE_NAME,
        // the secret key is for refunds of payments that came too late to be sold (never to oversell)
        payments: new StripePayments(stripe),
        clock: systemClock,
        originSecret: env.ORIGIN_SECRET,
      }),
    );
  }),
);
