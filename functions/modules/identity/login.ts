import type { UserDirectory } from '../../adapters/identity.js';
import { AppError } from '../../errors.js';
import { hitRateLimit, type RateLimits } from '../../store/rate-limit.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { assertPairMayTry, clearLoginFailures, recordLoginFailure } from './login-throttle.js';
import { signInUnscoped } from './service.js';

/**
 * The sign-in policy (docs/RULES.md SEC-1): each client has a number of attempts per window; a
 * failing email-and-client pair is slowed down (login-throttle.ts), never the owner elsewhere; a
 * wrong second factor counts as a failure, being asked for one does not; a success clears the pair.
 */
export async function login(
  global: TenantStore,
  directory: UserDirectory,
  input: { email: string; password: string; code?: string },
  client: string,
  limits: RateLimits,
  now: Date,
) {
  const { email, password, code } = input;
  await hitRateLimit(global, 'login-client', client, limits.loginAttemptsPerClient, limits.windowSeconds, now);
  await assertPairMayTry(global, email, client, now);
  const session = await signInUnscoped(global, directory, email, password, code, now).catch(async (e: unknown) => {
    if (e instanceof AppError && e.status === 401 && e.code !== 'mfa_required') await recordLoginFailure(global, email, client, limits, now);
    throw e;
  });
  if (!session) {
    await recordLoginFailure(global, email, client, limits, now);
    throw AppError.unauthenticated('邮箱或密码不正确');
  }
  await clearLoginFailures(global, email, client);
  return session;
}
