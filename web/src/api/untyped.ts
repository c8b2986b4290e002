import { errorFrom, NetworkError } from './errors';
import { sessionExpired, tokenStore } from './token';

/**
 * A console call to a route not yet in AppType (issue 5 lands its routes while the screens are
 * built): same token, same ApiError and same 401 handling as `call`. Replace with the typed
 * client route by route.
 */
export async function untypedCall<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, opts: { json?: unknown; query?: Record<string, string | undefined>; headers?: Record<string, string> } = {}): Promise<T> {
  const token = tokenStore.get();
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== '') qs.set(k, v);
  const url = `/api${path}${qs.size ? `?${qs.toString()}` : ''}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        accept: 'application/json',
        ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...opts.headers,
      },
      body: opts.json !== undefined ? JSON.stringify(opts.json) : undefined,
    });
  } catch (e) {
    throw new NetworkError(String(e));
  }
  if (res.ok) return (await res.json()) as T;
  const err = await errorFrom(res);
  if (err.status === 401 && token) sessionExpired();
  throw err;
}

/** An HTML page of the API behind the session (a receipt to print): fetched with the token. */
export async function untypedHtml(path: string): Promise<string> {
  const token = tokenStore.get();
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { headers: { accept: 'text/html', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  } catch (e) {
    throw new NetworkError(String(e));
  }
  if (!res.ok) throw await errorFrom(res);
  return res.text();
}
