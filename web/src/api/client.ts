import { hc, type ClientResponse } from 'hono/client';
import type { AppType } from '../../../functions/app-full';
import { errorFrom, NetworkError } from './errors';
import { sessionExpired, tokenStore } from './token';

/** The typed client over the whole API; the token rides along on every call. */
export const api = hc<AppType>(typeof window === 'undefined' ? 'http://localhost' : window.location.origin, {
  headers: (): Record<string, string> => {
    const token = tokenStore.get();
    return token ? { authorization: `Bearer ${token}` } : {};
  },
}).api;

type Success = 200 | 201 | 202;
type OkBody<R> = R extends ClientResponse<infer T, infer S, 'json'> ? (S extends Success ? T : never) : never;

/**
 * Awaits a typed call and returns its success body, or throws ApiError with the server's
 * {error:{code,message,details}}. A 401 with a token means the session ended: back to sign-in.
 */
export async function call<R extends ClientResponse<unknown, number, 'json'>>(request: Promise<R>): Promise<OkBody<R>> {
  let res: R;
  try {
    res = await request;
  } catch (e) {
    throw new NetworkError(String(e));
  }
  if (res.ok) return (await res.json()) as OkBody<R>;
  const err = await errorFrom(res as unknown as Response);
  if (err.status === 401 && tokenStore.get()) sessionExpired();
  throw err;
}

// kept here too, so the console's screens import it with the client; the shop imports client-key alone
export { idempotencyKey } from './client-key';
