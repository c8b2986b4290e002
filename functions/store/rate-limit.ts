import { AppError } from '../errors.js';
import type { TenantStore } from './tenant-store.js';

/** The limits a deployment sets (environment; functions/entries/env.ts), read by the middleware and the services. */
export type RateLimits = {
  /**
   * failed logins of one email from all clients per window, past which every failing client of that
   * email is slowed from its first failure (functions/modules/identity/login-throttle.ts); never a lock
   */
  loginFailuresPerEmail: number;
  /** failed logins of one email from one client before that pair is slowed down (default 5) */
  loginFreeFailuresPerPair?: number;
  /** login attempts per client per window */
  loginAttemptsPerClient: number;
  windowSeconds: number;
  /** public concerns per client per minute (default 20) */
  concernsPerClientPerMinute?: number;
  /** reads of a concern's status page per client per tenant per minute (default 60) */
  concernStatusReadsPerClientPerMinute?: number;
  /** public checkouts per client per tenant per minute (default 60) */
  checkoutsPerClientPerMinute?: number;
  /** public donations per client per tenant per minute (default 30) */
  donationsPerClientPerMinute?: number;
};

/*
 * Fixed-window rate limits kept in the table (so they hold across Lambda instances). The HTTP
 * middleware that applies them per client is functions/http/rate-limit.ts; services (invitations,
 * two-step codes) call them directly.
 */

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
export async function hitRateLimit(global: TenantStore, bucket: string, key: string, limit: number, windowSeconds: number, now: Date): Promise<void> {
  const count = await countInWindow(global, bucket, key, windowSeconds, now, 1);
  if (count > limit) throw new RateLimitError(secondsUntilWindowEnds(windowSeconds, now));
}

async function countInWindow(global: TenantStore, bucket: string, key: string, windowSeconds: number, now: Date, by: number): Promise<number> {
  const window = Math.floor(now.getTime() / 1000 / windowSeconds);
  const expiresAt = (window + 2) * windowSeconds; // TTL attribute: housekeeping only
  return global.increment(global.pk('RATE', bucket), `${key}#${window}`, 'count', by, { expiresAt });
}
