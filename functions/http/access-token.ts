import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.js';
import type { Env } from './context.js';

/**
 * The secret of a buyer's order, a donor's receipt. Links now carry it in the
 * URL's fragment (`…/orders/<id>#token=…`), which the browser never sends, and the pages send it in
 * this header, so it lands in no access log, proxy log or Referer. `?token=` still works for the
 * links already sent (docs/API.md's contract).
 */
export const ACCESS_TOKEN_HEADER = 'x-access-token';

/** The request's token: the header, else the old `?token=`; neither is a 400 on `token`. */
export function accessToken(c: Context, query: { token?: string }): string {
  const token = c.req.header(ACCESS_TOKEN_HEADER) ?? query.token;
  if (!token || token.length > 200) throw AppError.field('token', '缺少凭证，请从原链接打开');
  return token;
}

/** Whether a request carries a secret of its own: a token header or `?token=`. */
const bearsToken = (c: Context) =>
  c.req.header(ACCESS_TOKEN_HEADER) !== undefined || c.req.header('x-status-token') !== undefined || new URL(c.req.url).searchParams.has('token');

/**
 * An answer to a token-bearing request is for that person only: never stored by a browser or a
 * shared cache (`Cache-Control: no-store`).
 */
export const noStoreForTokens: MiddlewareHandler<Env> = async (c, next) => {
  await next();
  if (!bearsToken(c)) return;
  c.res.headers.set('cache-control', 'no-store');
};
