import type { Context, MiddlewareHandler } from 'hono';
import { hitRateLimit } from '../store/rate-limit.js';
import { globalStoreUnscoped } from '../store/tenant-store.js';
import { clientAddress } from './client-address.js';
import type { Env, RateLimits } from './context.js';

/** Public checkouts per client per tenant per minute when RateLimits does not say (a flash sale behind one NAT still fits). */
export const DEFAULT_CHECKOUTS_PER_CLIENT_PER_MINUTE = 60;
/** Public donations per client per tenant per minute when RateLimits does not say. */
export const DEFAULT_DONATIONS_PER_CLIENT_PER_MINUTE = 30;

/**
 * A per-client, per-tenant limit on one public POST route ({tenantSlug} in its path), counted before
 * the body is parsed (an invalid body counts too) and before the idempotency key is looked at (a replay
 * counts too; a request over the limit leaves no idempotency record).
 */
export function publicRouteLimit(bucket: string, limitOf: (l: RateLimits) => number, windowSeconds = 60): MiddlewareHandler<Env> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const deps = c.get('deps');
    const slug = c.req.param('tenantSlug') ?? '';
    await hitRateLimit(
      globalStoreUnscoped(deps.doc, deps.tableName),
      bucket,
      `${slug}#${clientAddress(c)}`,
      limitOf(deps.rateLimits),
      windowSeconds,
      deps.clock(),
    );
    return next();
  };
}

export const checkoutLimit = publicRouteLimit('checkout-client', (l) => l.checkoutsPerClientPerMinute ?? DEFAULT_CHECKOUTS_PER_CLIENT_PER_MINUTE);
export const donateLimit = publicRouteLimit('donate-client', (l) => l.donationsPerClientPerMinute ?? DEFAULT_DONATIONS_PER_CLIENT_PER_MINUTE);

/** Applications to join per client per tenant per hour (a busy office behind one address still fits). */
export const APPLICATIONS_PER_CLIENT_PER_HOUR = 20;
export const applicationLimit = publicRouteLimit('application-client', () => APPLICATIONS_PER_CLIENT_PER_HOUR, 3600);
/** "Find my order" per client per tenant per hour: guessing numbers and phones stays slow. */
export const orderLookupLimit = publicRouteLimit('order-lookup-client', () => 10, 3600);

/** One request of this client counted in `bucket` (429 with Retry-After past `limit` in the window). */
export async function limitClient(c: Context<Env>, bucket: string, key: string, limit: number, windowSeconds: number): Promise<void> {
  const deps = c.get('deps');
  await hitRateLimit(globalStoreUnscoped(deps.doc, deps.tableName), bucket, key, limit, windowSeconds, deps.clock());
}
