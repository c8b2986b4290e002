import type { z } from 'zod';
import { PERMISSIONS, type Action } from '../../shared/permissions.js';
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

export const err = (description: string) => ({ content: { 'application/json': { schema: ErrorBody } }, description });

/**
 * Every 429 is a RateLimitError, which errorResponse (http/errors.ts) always answers with
 * `Retry-After` in whole seconds: declared here so a client knows to wait rather than retry at once.
 */
export const rateLimited = {
  ...err('rate_limited: wait Retry-After seconds before trying again'),
  headers: {
    'Retry-After': { description: 'whole seconds until the limit frees (at least 1)', required: true, schema: { type: 'integer' as const, minimum: 1 } },
  },
};

/** The error responses every authenticated route can give (docs/API.md conventions). */
export const ERRORS = {
  400: err('validation_failed: details lists the field paths'),
  401: err('unauthenticated'),
  403: err('forbidden'),
  404: err('not_found (also for another tenant’s record)'),
  409: err('conflict'),
  413: err('payload_too_large'),
  429: rateLimited,
  500: err('internal'),
} as const;

export const BEARER = [{ bearerAuth: [] }];

/**
 * An operation's description says who may call it, from the one role × action table
 * (shared/permissions.ts) with the action its `authorize` middleware checks (the lint test holds the two together).
 */
export const access = (action: Action) => `Needs a bearer token of a ${PERMISSIONS[action].join(' or ')} (permission \`${action}\`).`;
export const SIGNED_IN = 'Needs a bearer token of any signed-in user; it acts on the caller’s own account.';
export const NO_ACCOUNT = 'No account needed.';

/** The document's tags, one per module; every operation's tag must be one of them (the lint test checks). */
export const OPENAPI_TAGS = [
  { name: 'health', description: 'Whether the API and its database answer' },
  { name: 'identity', description: 'Sign-in, the current user, tenants and their settings' },
  { name: 'accounts', description: 'Invitations, password resets and the tenant’s users' },
  { name: 'applications', description: 'Organizations applying to join, and the bureau’s review' },
  { name: 'villages', description: 'Villages under the bureau’s supervision' },
  { name: 'organizations', description: 'Helping organizations, their review and changes to their identity' },
  { name: 'pairings', description: 'An organization paired with a village' },
  { name: 'activities', description: 'Help activities logged on a pairing' },
  { name: 'visits', description: 'Visits per pairing and quarter' },
  { name: 'reports', description: 'Weekly reports and reporting compliance' },
  { name: 'needs', description: 'Village needs and organizations’ pledges' },
  { name: 'commitments', description: 'Organizations’ consumption-aid commitments' },
  { name: 'produce', description: 'Village produce listings' },
  { name: 'orders', description: 'Orders of produce and their parcels' },
  { name: 'payments', description: 'Payment provider webhooks and the local checkout page' },
  { name: 'settlements', description: 'Monthly settlements and payouts to sellers' },
  { name: 'donations', description: 'Donations of cash and goods' },
  { name: 'expenditures', description: 'Uses of donated cash' },
  { name: 'recognition', description: 'Recognition categories and the organizations whose donations in a year reach their category’s threshold' },
  { name: 'assessments', description: 'Assessment schemes (考核) and each organization’s scorecard for a period' },
  { name: 'concerns', description: 'Concerns reported by the public and their triage' },
  { name: 'helpers', description: 'An organization’s helpers (帮扶责任人 / 帮扶队员) and the pairings’ teams' },
  { name: 'campaigns', description: 'Time-boxed drives (扶贫日, 年货节) with a target, and the money given through them' },
  { name: 'stories', description: 'The bureau’s case stories (典型经验), linked to villages, organizations and pairings; public once published' },
  { name: 'notifications', description: 'The caller’s notifications and email choices' },
  { name: 'dashboard', description: 'The bureau’s overview' },
  { name: 'audit', description: 'The audit trail' },
  { name: 'exports', description: 'Excel exports (ledger, settlement statement)' },
  { name: 'imports', description: 'Excel and CSV imports of villages and organizations' },
  { name: 'public', description: 'Pages anyone may call without an account: shop, checkout, donations, transparency' },
];

/** The document /api/openapi.json serves (everything but its paths and schemas, which the routes give). */
export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Bangfu (帮扶通) API',
    version: '1.0.0',
    description: 'HTTP contract v1; see docs/API.md. Errors are `{ error: { code, message, details? } }`; a 429 carries Retry-After.',
  },
  servers: [{ url: '/api' }],
  tags: OPENAPI_TAGS,
};
