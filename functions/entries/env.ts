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
};

/** Cognito user pool ids look like `<region>_<letters and digits>`. */
const USER_POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$/;

export const LambdaEnv = z.object({
  TABLE_NAME: z.string().min(3).max(255),
  USER_POOL_ID: z.string().regex(USER_POOL_ID, 'expected <region>_<id>, e.g. ap-east-1_AbC123'),
  USER_POOL_CLIENT_ID: z.string().min(1).max(128),
});
export type LambdaEnv = z.infer<typeof LambdaEnv>;

/** Parses `source` (process.env by default); throws an Error naming every bad variable. */
export function lambdaEnv(source: NodeJS.ProcessEnv = process.env): LambdaEnv {
  const parsed = LambdaEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`).join('; ');
    throw new Error(`bad Lambda environment: ${problems}`);
  }
  return parsed.data;
}
