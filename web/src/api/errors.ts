import type { FieldError } from '../../../shared/schemas/common';

/** An error answer of the API: {error:{code,message,details}}, kept whole for the screens. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The field errors of a 400 validation_failed, or none. */
  get fieldErrors(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter((d): d is FieldError => typeof d === 'object' && d !== null && typeof d.path === 'string' && typeof d.message === 'string');
  }

  /** details.reason of a 409 (over_limit, duplicate_pairing …). */
  get reason(): string | undefined {
    const d = this.details as { reason?: unknown } | undefined;
    return typeof d?.reason === 'string' ? d.reason : undefined;
  }
}

/** The network itself failed: no answer to show. */
export class NetworkError extends Error {}

export async function errorFrom(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  return errorOfBody(res.status, res.statusText, body);
}

/** The ApiError of a parsed error body (an XMLHttpRequest's, which has no Response). */
export function errorOfBody(status: number, statusText: string, body: unknown): ApiError {
  const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
  return new ApiError(status, e?.code ?? `http_${status}`, e?.message ?? statusText, e?.details);
}
