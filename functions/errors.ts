import type { core } from 'zod';
import type { FieldError } from '../shared/schemas/common.js';

export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  /** a link token used or expired (invitations, password resets) */
  | 'gone'
  /** a second factor (TOTP) is needed to sign in */
  | 'mfa_required'
  /** the caller must set up two-step verification before anything else */
  | 'mfa_enrolment_required'
  | 'out_of_stock'
  | 'payload_too_large'
  | 'rate_limited'
  | 'payment_unavailable'
  | 'internal';

/** The one error type of the API; `onError` maps it to HTTP. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429 | 500 | 503,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  static validation(fields: FieldError[], message = '提交的数据有误'): AppError {
    return new AppError('validation_failed', 400, message, fields);
  }
  static field(path: string, message: string): AppError {
    return AppError.validation([{ path, code: 'custom', message }], message);
  }
  static notFound(what = '记录'): AppError {
    return new AppError('not_found', 404, `${what}不存在`);
  }
  static forbidden(message = '没有权限执行此操作'): AppError {
    return new AppError('forbidden', 403, message);
  }
  static conflict(message: string, details?: unknown): AppError {
    return new AppError('conflict', 409, message, details);
  }
  static unauthenticated(message = '请先登录'): AppError {
    return new AppError('unauthenticated', 401, message);
  }
}

/** zod's issues as the API's field errors: a dotted path (under `prefix`), zod's code, the schema's Chinese message. */
export function fieldErrors(issues: readonly core.$ZodIssue[], prefix?: string): FieldError[] {
  return issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(root)',
    code: i.code,
    message: i.message,
  }));
}
