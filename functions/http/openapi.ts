import type { z } from 'zod';
import { ErrorBody } from '../../shared/schemas/common.js';

/** JSON request body, required (so a missing or wrong content type is a 400, not a skipped check). */
export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true as const,
});

export const jsonOk = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

const err = (description: string) => ({ content: { 'application/json': { schema: ErrorBody } }, description });

/** The error responses every authenticated route can give (API.md conventions). */
export const ERRORS = {
  400: err('validation_failed: details lists the field paths'),
  401: err('unauthenticated'),
  403: err('forbidden'),
  404: err('not_found (also for another tenant’s record)'),
  409: err('conflict'),
  413: err('payload_too_large'),
  429: err('rate_limited'),
  500: err('internal'),
} as const;

export const BEARER = [{ bearerAuth: [] }];
