import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError, type core } from 'zod';
import { AppError, fieldErrors } from '../errors.js';
import { RateLimitError } from '../store/rate-limit.js';
import { logger } from '../adapters/logger.js';

export function errorResponse(c: Context, err: AppError) {
  const body: { error: { code: string; message: string; details?: unknown } } = {
    error: { code: err.code, message: err.message },
  };
  if (err.details !== undefined) body.error.details = err.details;
  if (err instanceof RateLimitError) c.header('Retry-After', String(err.retryAfterSeconds));
  // the rest of an oversized body is never read: close the connection rather than leave a keep-alive client stuck sending it
  if (err.status === 413) c.header('Connection', 'close');
  return c.json(body, err.status);
}

/** The single place errors become HTTP: AppError as is, ZodError as 400, anything else a logged 500. */
export function onError(err: Error, c: Context) {
  if (err instanceof AppError) return errorResponse(c, err);
  if (err instanceof ZodError) return errorResponse(c, AppError.validation(fieldErrors(err.issues)));
  if (err instanceof HTTPException) {
    if (err.status === 413) return errorResponse(c, new AppError('payload_too_large', 413, '请求内容过大'));
    if (err.status === 400) {
      return errorResponse(c, AppError.validation([{ path: '(body)', code: 'invalid_json', message: '请求体不是有效的 JSON' }], '请求体不是有效的 JSON'));
    }
    if (err.status === 401) return errorResponse(c, AppError.unauthenticated());
    // a body that is not JSON (zod-openapi's media-type gate): the client's error, not a 500
    if (err.status === 415) {
      return errorResponse(
        c,
        AppError.validation(
          [{ path: '(body)', code: 'unsupported_media_type', message: '请求体必须是 JSON（Content-Type: application/json）' }],
          '请求体必须是 JSON',
        ),
      );
    }
  }
  logger.error('request failed', { requestId: c.get('requestId'), path: c.req.path, error: err });
  return errorResponse(c, new AppError('internal', 500, '服务器内部错误，请稍后重试'));
}

/** Validation failures of the route schemas (@hono/zod-openapi's defaultHook). */
export function validationHook(result: { success: boolean; error?: { issues: readonly core.$ZodIssue[] }; target?: string }, c: Context) {
  if (!result.success && result.error) {
    const prefix = result.target === 'json' ? undefined : result.target;
    return errorResponse(c, AppError.validation(fieldErrors(result.error.issues, prefix)));
  }
}
