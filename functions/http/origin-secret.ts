import type { Context, Next } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';
import { errorResponse } from './errors.js';

/**
 * The header CloudFront adds to every request it sends the HTTP API (infra/constructs/web.ts, the
 * /api/* origin). A viewer's own header of that name is overwritten by CloudFront.
 */
export const ORIGIN_SECRET_HEADER = 'x-origin-verify';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * On AWS the HTTP API's execute-api address is public: without this check anyone could call the
 * functions around CloudFront and its WAF (rate rule, managed rules). With `secret` set (the
 * functions' ORIGIN_SECRET, the same Secrets Manager value CloudFront sends in
 * ORIGIN_SECRET_HEADER) a request without the right header is a 403 before anything else runs;
 * without it (local mode, tests) the check is off. Compared as SHA-256 digests in constant time.
 */
export function originSecret(secret: string | undefined) {
  if (!secret) return (_c: Context, next: Next) => next();
  const expected = digest(secret);
  return async (c: Context, next: Next) => {
    const sent = c.req.header(ORIGIN_SECRET_HEADER);
    if (sent === undefined || !timingSafeEqual(digest(sent), expected)) return errorResponse(c, AppError.forbidden('请通过网站地址访问'));
    await next();
  };
}
