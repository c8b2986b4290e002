import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import { globalStoreUnscoped, type TenantStore } from '../store/tenant-store.js';
import { clientAddress } from './client-address.js';
import type { Env, RateLimits } from './context.js';

export const RATE_LIMITED_MESSAGE = '尝试次数过多，请稍后再试';

/** A 429 that knows when its window frees: errorResponse sends it as `Retry-After` (seconds). */
export class RateLimitError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', 429, RATE_LIMITED_MESSAGE);
  }
}

/** Whole seconds from `now` until the fixed window that holds `now` ends (at least 1). */
export function secondsUntilWindowEnds(windowSeconds: number, now: Date): number {
  const window = Math.floor(now.getTime() / 1000 / windowSeconds);
  return Math.max(1, Math.ceil((window + 1) * windowSeconds - now.getTime() / 1000));
}

/**
 * A fixed-window counter kept in the table (so it holds across Lambda instances): the bucket's
 * count for the current window goes up by one; past the limit, 429 with Retry-After.
 */
export async function hitRateLimit(
  global: TenantStore,
  bucket: string,
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<void> {
  const count = await countInWindow(global, bucket, key, windowSeconds, now, 1);
  if (count > limit) throw new RateLimitError(secondsUntilWindowEnds(windowSeconds, now));
}

export async function assertUnderLimit(
  global: TenantStore,
  bucket: string,
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date,
): Promise<void> {
  const count = await countInWindow(global, bucket, key, windowSeconds, now, 0);
  if (count >= limit) throw new RateLimitError(secondsUntilWindowEnds(windowSeconds, now));
}

async function countInWindow(
  global: TenantStore,
  bucket: string,
  key: string,
  windowSeconds: number,
  now: Date,
  by: number,
): Promise<number> {
  const window = Math.floor(now.getTime() / 1000 / windowSeconds);
  const expiresAt = (window + 2) * windowSeconds; // TTL attribute: housekeeping only
  return global.increment(global.pk('RATE', bucket), `${key}#${window}`, 'count', by, { expiresAt });
}

/** Public checkouts per client per tenant per minute when RateLimits does not say (a flash sale behind one NAT still fits). */
export const DEFAULT_CHECKOUTS_PER_CLIENT_PER_MINUTE = 60;
/** Public donations per client per tenant per minute when RateLimits does not say. */
export const DEFAULT_DONATIONS_PER_CLIENT_PER_MINUTE = 30;

/**
 * A per-client, per-tenant limit on one public POST route ({tenantSlug} in its path), counted before
 * the body is parsed (an invalid body counts too) and before the idempotency key is looked at (a replay
 * counts too; a request over the limit leaves no idempotency record: issue 15, hole 5).
 */
export function publicRouteLimit(bucket: string, limitOf: (l: RateLimits) => number, windowSeconds = 60): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const deps = c.get('deps');
    const slug = c.req.param('tenantSlug') ?? '';
    await hitRateLimit(globalStoreUnscoped(deps.doc, deps.tableName), bucket, `${slug}#${clientAddress(c)}`, limitOf(deps.rateLimits), windowSeconds, deps.clock());
    return next();
  };
}

export const checkoutLimit = publicRouteLimit('checkout-client', (l) => l.checkoutsPerClientPerMinute ?? DEFAULT_CHECKOUTS_PER_CLIENT_PER_MINUTE);
export const donateLimit = publicRouteLimit('donate-client', (l) => l.donationsPerClientPerMinute ?? DEFAULT_DONATIONS_PER_CLIENT_PER_MINUTE);

/** Applications to join per client per tenant per hour (issue 14; a busy office behind one address still fits). */
export const APPLICATIONS_PER_CLIENT_PER_HOUR = 20;
export const applicationLimit = publicRouteLimit('application-client', () => APPLICATIONS_PER_CLIENT_PER_HOUR, 3600);
/** "Find my order" per client per tenant per hour (issue 16): guessing numbers and phones stays slow. */
export const orderLookupLimit = publicRouteLimit('order-lookup-client', () => 10, 3600);
