import { AppError } from '../errors.js';
import type { TenantStore } from '../store/tenant-store.js';

/**
 * A fixed-window counter kept in the table (so it holds across Lambda instances): the bucket's
 * count for the current window goes up by one; past the limit, 429.
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
  if (count > limit) throw new AppError('rate_limited', 429, '尝试次数过多，请稍后再试');
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
  if (count >= limit) throw new AppError('rate_limited', 429, '尝试次数过多，请稍后再试');
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
