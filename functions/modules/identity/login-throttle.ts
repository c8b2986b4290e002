import type { TenantStore } from '../../store/tenant-store.js';
import { RateLimitError, type RateLimits } from '../../store/rate-limit.js';
import { clearLoginPair, getLoginPair, loginPairKey, pushLoginPairWait } from './store.js';

/**
 * Sign-in throttling. A lock per email would let anyone lock anyone out (a dozen wrong passwords
 * from anywhere, and the owner's right password refused for 15 minutes), so failures are counted
 * per *pair* of email and client, and only a failing pair is slowed down:
 *
 * - a pair's first `loginFreeFailuresPerPair` failures (default 5) cost nothing; each further failure
 *   makes that pair wait 1 s, 2 s, 4 s … (at most 15 minutes) before its next try, which is a 429 with
 *   Retry-After until then — checked before the password is, so a waiting pair learns nothing;
 * - failures are also counted per email over all clients; past `loginFailuresPerEmail` in a window
 *   (a distributed guess), every failing pair of that email is slowed from its first failure;
 * - a client that has not been failing for that email is never refused because of another client's
 *   failures; its correct password signs in (the per-client attempt limit, login-client, still
 *   stops one client spraying many emails);
 * - a success clears the pair.
 *
 * Items: `_global#LOGINFAIL` / `<email>#<client>` with the pair's failures and the time its next try
 * is allowed (TTL after a day); the per-email count is a rate window (bucket `login-email`).
 */
export const DEFAULT_FREE_FAILURES_PER_PAIR = 5;
export const MAX_DELAY_SECONDS = 15 * 60;
const KEEP_SECONDS = 24 * 3600;

/** The wait after a pair's `failures`-th failure, in seconds (0 while it is within its free ones). */
export function delayAfter(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** Math.min(30, failures - free - 1));
}

/** 429 with Retry-After while the pair must wait. */
export async function assertPairMayTry(global: TenantStore, email: string, client: string, now: Date): Promise<void> {
  const pair = await getLoginPair(global, email, client);
  const waitMs = (pair?.nextAllowedAt ?? 0) - now.getTime();
  if (waitMs > 0) throw new RateLimitError(Math.ceil(waitMs / 1000));
}

/** Count a failure for the pair and the email; set the pair's next allowed try. */
export async function recordLoginFailure(global: TenantStore, email: string, client: string, limits: RateLimits, now: Date): Promise<void> {
  const expiresAt = Math.floor(now.getTime() / 1000) + KEEP_SECONDS;
  const window = Math.floor(now.getTime() / 1000 / limits.windowSeconds);
  const normalized = email.trim().toLowerCase();
  const [pairFailures, emailFailures] = await Promise.all([
    global.increment(global.globalPk('LOGINFAIL'), loginPairKey(email, client), 'failures', 1, { expiresAt }),
    global.increment(global.pk('RATE', 'login-email'), `${normalized}#${window}`, 'count', 1, { expiresAt: (window + 2) * limits.windowSeconds }),
  ]);
  const underAttack = emailFailures > limits.loginFailuresPerEmail;
  const free = underAttack ? 0 : (limits.loginFreeFailuresPerPair ?? DEFAULT_FREE_FAILURES_PER_PAIR);
  const delay = delayAfter(pairFailures, free);
  if (delay > 0) {
    const at = now.getTime() + delay * 1000;
    // two failures at once: the later time wins, never an earlier one
    await pushLoginPairWait(global, email, client, at);
  }
}

/** A success forgets the pair's failures. */
export async function clearLoginFailures(global: TenantStore, email: string, client: string): Promise<void> {
  await clearLoginPair(global, email, client);
}
