/**
 * The Lambda functions' environment, parsed once at cold start: a missing or malformed variable
 * stops the function before it serves a request, with every problem named in one message.
 * Importing this file reads nothing; `lambdaEnv()` does.
 */
import { z } from 'zod';
import type { RateLimits } from '../http/context.js';

/**
 * The login rate limits when nothing overrides them. Kept here, not in runtime.ts, so the Lambda
 * bundle does not pull in the local wiring (runtime.ts imports DynamoDB Local's launcher).
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  loginFailuresPerEmail: 10,
  loginAttemptsPerClient: 60,
  windowSeconds: 15 * 60,
  concernsPerClientPerMinute: 20,
};

/** How long a checkout holds its stock when CHECKOUT_TTL_SECONDS is not set (docs/API.md, Payments). */
export const DEFAULT_CHECKOUT_TTL_SECONDS = 1800;

/** Cognito user pool ids look like `<region>_<letters and digits>`. */
const USER_POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$/;

export const LambdaEnv = z.object({
  TABLE_NAME: z.string().min(3).max(255),
  USER_POOL_ID: z.string().regex(USER_POOL_ID, 'expected <region>_<id>, e.g. ap-east-1_AbC123'),
  USER_POOL_CLIENT_ID: z.string().min(1).max(128),
  /** the private bucket of uploaded photos */
  FILES_BUCKET: z.string().min(3).max(63),
  /** the web app's address (CloudFront), for links, QR codes and Stripe's return URL */
  PUBLIC_URL: z.url().optional(),
  CHECKOUT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(DEFAULT_CHECKOUT_TTL_SECONDS),
  /**
   * the name (or ARN) of the Secrets Manager secret with the Stripe keys, read at cold start through
   * the Parameters and Secrets extension (stripe-secret.ts); the keys themselves are never in the env
   */
  STRIPE_SECRET_ID: z.string().min(1).max(2048),
  /**
   * the value CloudFront sends in its origin header (Secrets Manager, resolved at deploy); set, a
   * request that did not come through CloudFront is a 403 (functions/http/origin-secret.ts)
   */
  ORIGIN_SECRET: z.string().min(32).max(512).optional(),
  /** the web app's bucket: its index.html, into which the share pages' tags are written (share-meta.ts) */
  WEB_BUCKET: z.string().min(3).max(63).optional(),
});
export type LambdaEnv = z.infer<typeof LambdaEnv>;

/** The webhooks function's environment: the table and the Stripe secret's id. */
export const WebhooksEnv = LambdaEnv.pick({ TABLE_NAME: true, STRIPE_SECRET_ID: true, ORIGIN_SECRET: true });

/** Parses `source` (process.env by default); throws an Error naming every bad variable. */
export function lambdaEnv(source: NodeJS.ProcessEnv = process.env): LambdaEnv {
  return parseEnv(LambdaEnv, source);
}

/**
 * The jobs function's environment: the table; for the notification worker the web app's address
 * (links in emails) and the SES sender (CDK context `mailFrom`; without it emails are not sent and
 * the bell still is).
 */
export const JobsEnv = LambdaEnv.pick({ TABLE_NAME: true, PUBLIC_URL: true }).extend({
  MAIL_FROM: z.string().min(3).max(320).optional(),
});

export function jobsEnv(source: NodeJS.ProcessEnv = process.env): z.infer<typeof JobsEnv> {
  return parseEnv(JobsEnv, source);
}

export function webhooksEnv(source: NodeJS.ProcessEnv = process.env): z.infer<typeof WebhooksEnv> {
  return parseEnv(WebhooksEnv, source);
}

function parseEnv<T extends z.ZodTypeAny>(schema: T, source: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`).join('; ');
    throw new Error(`bad Lambda environment: ${problems}`);
  }
  return parsed.data;
}
