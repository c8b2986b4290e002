import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Application, ApplicationCreated, ApplicationQuery, ApplicationStatusView, DecisionInput } from '../../../shared/schemas/accounts.js';
import { Id, Page } from '../../../shared/schemas/common.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk, NO_ACCOUNT } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { publicContext, SlugParams } from '../../http/public.js';
import { serviceContext } from '../../http/service-context.js';
import type { UploadedDocument } from './documents.js';
import {
  applicationDocument,
  applicationStatus,
  approveApplication,
  getApplication,
  listApplications,
  rejectApplication,
  submitApplication,
} from './service.js';

const FIELDS = ['name', 'kind', 'creditCode', 'contactName', 'contactPhone', 'email', 'description', 'locale'] as const;

/**
 * Applications to join (申请加入): the public form and status page, the bureau's review.
 * The back office's (ledger) function on AWS, built in a factory marked pure so the api bundle
 * leaves them out (functions/app-full.ts mountLedgerRoutes).
 */
function makeApplicationRoutes() {
  const tags = ['applications'];
  // inside the factory: a schema built at module level would keep this module in the api bundle
  const binary = { content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } }, description: 'the file' };
  const submit = createRoute({
    method: 'post',
    path: '/public/{tenantSlug}/applications',
    operationId: 'submitApplication',
    description: NO_ACCOUNT,
    tags,
    summary:
      'Apply to join (no account; multipart: name, kind, creditCode, contactName, contactPhone, email, villageIds (repeated), description?, locale?, and 1–3 `documents`: PDF, JPEG or PNG, ≤ 5 MB each); rate-limited per client; Idempotency-Key honoured',
    request: { params: SlugParams },
    responses: { 201: jsonOk(ApplicationCreated, 'the application and the token that reads its status'), ...ERRORS },
  });
  const status = createRoute({
    method: 'get',
    path: '/public/{tenantSlug}/applications/{id}',
    operationId: 'getPublicApplication',
    description: NO_ACCOUNT,
    tags,
    summary: 'The applicant’s view of its application, with its status token in the X-Status-Token header (a wrong token is a 404)',
    request: { params: SlugParams.extend({ id: Id }) },
    responses: { 200: jsonOk(ApplicationStatusView, 'the status'), ...ERRORS },
  });
  const list = createRoute({
    method: 'get',
    path: '/applications',
    operationId: 'listApplications',
    description: access('application.read'),
    tags,
    summary: 'Applications to join, newest first (bureau)',
    security: BEARER,
    middleware: [authorize('application.read')] as const,
    request: { query: ApplicationQuery },
    responses: { 200: jsonOk(Page(Application), 'applications'), ...ERRORS },
  });
  const get = createRoute({
    method: 'get',
    path: '/applications/{id}',
    operationId: 'getApplication',
    description: access('application.read'),
    tags,
    summary: 'One application with its documents and villages (bureau)',
    security: BEARER,
    middleware: [authorize('application.read')] as const,
    request: { params: IdParams },
    responses: { 200: jsonOk(Application, 'the application'), ...ERRORS },
  });
  const document = createRoute({
    method: 'get',
    path: '/applications/{id}/documents/{documentId}',
    operationId: 'getApplicationDocument',
    description: access('application.read'),
    tags,
    summary: 'One of an application’s registration documents (bureau; never public)',
    security: BEARER,
    middleware: [authorize('application.read')] as const,
    request: { params: IdParams.extend({ documentId: Id }) },
    responses: { 200: binary, ...ERRORS },
  });
  const approve = createRoute({
    method: 'post',
    path: '/applications/{id}/approve',
    operationId: 'approveApplication',
    description: access('application.review'),
    tags,
    summary: 'Approve: the organization (approved) and its first member’s invitation, in one go; once (409 after)',
    security: BEARER,
    middleware: [authorize('application.review')] as const,
    request: { params: IdParams, body: jsonBody(DecisionInput) },
    responses: { 200: jsonOk(Application, 'the application'), ...ERRORS },
  });
  const reject = createRoute({
    method: 'post',
    path: '/applications/{id}/reject',
    operationId: 'rejectApplication',
    description: access('application.review'),
    tags,
    summary: 'Reject with a reason the applicant is told; once (409 after)',
    security: BEARER,
    middleware: [authorize('application.review')] as const,
    request: { params: IdParams, body: jsonBody(DecisionInput) },
    responses: { 200: jsonOk(Application, 'the application'), ...ERRORS },
  });

  return new OpenAPIHono<Env>()
    .openapi(submit, async (c) => {
      const pub = await publicContext(c, c.req.valid('param').tenantSlug);
      if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data'))
        throw AppError.field('body', '请以表单（multipart/form-data）提交');
      let form: Record<string, string | File | (string | File)[]>;
      try {
        form = await c.req.parseBody({ all: true });
      } catch {
        throw AppError.field('body', '表单内容无法解析');
      }
      const all = (k: string) => {
        const v = form[k];
        return v === undefined ? [] : Array.isArray(v) ? v : [v];
      };
      const fields: Record<string, unknown> = {};
      for (const k of FIELDS) {
        const v = all(k).find((x) => typeof x === 'string');
        if (v !== undefined && !(k === 'description' && v === '')) fields[k] = v;
      }
      fields.villageIds = all('villageIds').filter((x): x is string => typeof x === 'string' && x !== '');
      const documents: UploadedDocument[] = [];
      for (const f of all('documents')) {
        if (typeof f === 'string') continue;
        documents.push({ fileName: f.name, declaredType: f.type, bytes: new Uint8Array(await f.arrayBuffer()) });
      }
      return c.json(await submitApplication(pub, c.var.deps.files, { fields, documents }), 201);
    })
    .openapi(status, async (c) => {
      const p = c.req.valid('param');
      const pub = await publicContext(c, p.tenantSlug);
      c.header('cache-control', 'no-store');
      return c.json(await applicationStatus(pub, p.id, c.req.header('x-status-token')), 200);
    })
    .openapi(list, async (c) => c.json(await listApplications(serviceContext(c), c.req.valid('query')), 200))
    .openapi(get, async (c) => c.json(await getApplication(serviceContext(c), c.req.valid('param').id), 200))
    .openapi(document, async (c) => {
      const p = c.req.valid('param');
      const f = await applicationDocument(serviceContext(c), c.var.deps.files, p.id, p.documentId);
      return c.body(f.bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': f.contentType,
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(f.fileName)}`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      });
    })
    .openapi(approve, async (c) => c.json(await approveApplication(serviceContext(c), c.req.valid('param').id, c.req.valid('json').reason), 200))
    .openapi(reject, async (c) => c.json(await rejectApplication(serviceContext(c), c.req.valid('param').id, c.req.valid('json').reason), 200));
}

export const applicationRoutes = /* @__PURE__ */ makeApplicationRoutes();
