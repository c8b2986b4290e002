/**
 * The webhooks Lambda, on its own HTTP API route (POST /api/webhooks/stripe): Stripe's events are
 * verified with the endpoint's signing secret and handled by the same route as in the API app.
 * A function of its own, so a burst of events never waits behind the API (and vice versa).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { handle } from 'hono/aws-lambda';
import { systemClock } from '../adapters/clock.js';
import { StripePayments } from '../adapters/payments/stripe.js';
import { buildWebhookApp } from '../app.js';
import { webhooksEnv } from './env.js';

const env = webhooksEnv();

const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});

export const handler = handle(
  buildWebhookApp({
    doc,
    tableName: env.TABLE_NAME,
    // the secret key is for refunds of payments that came too late to be sold (never to oversell)
    payments: new StripePayments({ secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET }),
    clock: systemClock,
  }),
);
