import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Id, Page } from '../../../shared/schemas/common.js';
import { PhotoUploaded } from '../../../shared/schemas/produce.js';
import {
  Compliance,
  ComplianceGrid,
  ComplianceGridQuery,
  ComplianceQuery,
  Report,
  ReportInput,
  ReportingStanding,
  ReportQuery,
  StandingQuery,
} from '../../../shared/schemas/reports.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonBody, jsonOk } from '../../http/openapi.js';
import { IdParams } from '../../http/params.js';
import { PhotoForm } from '../produce/routes.js';
import { serviceContext } from '../../http/service-context.js';
import { complianceGrid, reportingStanding, weeklyCompliance } from './compliance.js';
import { addReportPhoto, reportPhotoFile } from './photos.js';
import { fileReport, getReport, listReports } from './service.js';

const tags = ['reports'];

const compliance = createRoute({
  method: 'get',
  path: '/reports/compliance',
  operationId: 'getCompliance',
  description: access('compliance.read'),
  tags,
  summary: 'Rule 3: a week’s compliance per expected organization (default: the latest week whose deadline has passed)',
  security: BEARER,
  middleware: [authorize('compliance.read')] as const,
  request: { query: ComplianceQuery },
  responses: { 200: jsonOk(Compliance, 'the week'), ...ERRORS },
});

const grid = createRoute({
  method: 'get',
  path: '/reports/compliance/grid',
  operationId: 'getComplianceGrid',
  description: access('compliance.read'),
  tags,
  summary: 'Organizations × weeks (default: the 8 weeks to the current one)',
  security: BEARER,
  middleware: [authorize('compliance.read')] as const,
  request: { query: ComplianceGridQuery },
  responses: { 200: jsonOk(ComplianceGrid, 'the grid'), ...ERRORS },
});

const standing = createRoute({
  method: 'get',
  path: '/reports/standing',
  operationId: 'getReportingStanding',
  description: access('report.read'),
  tags,
  summary: 'Rule 10: an organization’s place on the reporting ladder (an org_member: its own)',
  security: BEARER,
  middleware: [authorize('report.read')] as const,
  request: { query: StandingQuery },
  responses: { 200: jsonOk(ReportingStanding, 'the standing'), ...ERRORS },
});

const list = createRoute({
  method: 'get',
  path: '/reports',
  operationId: 'listReports',
  description: access('report.read'),
  tags,
  summary: 'Weekly reports, newest first (an org_member: its own organization’s)',
  security: BEARER,
  middleware: [authorize('report.read')] as const,
  request: { query: ReportQuery },
  responses: { 200: jsonOk(Page(Report), 'reports'), ...ERRORS },
});

const create = createRoute({
  method: 'post',
  path: '/reports',
  operationId: 'fileReport',
  description: access('report.write'),
  tags,
  summary: 'File a weekly report (or save a draft, or submit a saved draft)',
  security: BEARER,
  middleware: [authorize('report.write')] as const,
  request: { body: jsonBody(ReportInput) },
  responses: { 201: jsonOk(Report, 'the report'), ...ERRORS },
});

const get = createRoute({
  method: 'get',
  path: '/reports/{id}',
  operationId: 'getReport',
  description: access('report.read'),
  tags,
  summary: 'One weekly report',
  security: BEARER,
  middleware: [authorize('report.read')] as const,
  request: { params: IdParams },
  responses: { 200: jsonOk(Report, 'the report'), ...ERRORS },
});

const photo = createRoute({
  method: 'post',
  path: '/reports/{id}/photos',
  operationId: 'uploadReportPhoto',
  description: access('report.write'),
  tags,
  summary: 'Upload a photo of the week’s work (multipart field `file`), at most 9 a report',
  security: BEARER,
  middleware: [authorize('report.write')] as const,
  request: { params: IdParams, body: { content: { 'multipart/form-data': { schema: PhotoForm } }, required: true } },
  responses: { 201: jsonOk(PhotoUploaded, 'the photo'), ...ERRORS },
});

const photoFile = createRoute({
  method: 'get',
  path: '/reports/{id}/photos/{photoId}',
  operationId: 'getReportPhoto',
  description: access('report.read'),
  tags,
  summary: 'A report’s photo (the bureau and the organization only)',
  security: BEARER,
  middleware: [authorize('report.read')] as const,
  request: { params: z.object({ id: Id, photoId: Id }) },
  responses: {
    200: { content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } }, description: 'the image' },
    ...ERRORS,
  },
});

export const reportRoutes = new OpenAPIHono<Env>()
  .openapi(compliance, async (c) => c.json(await weeklyCompliance(serviceContext(c), c.req.valid('query')), 200))
  .openapi(grid, async (c) => c.json(await complianceGrid(serviceContext(c), c.req.valid('query')), 200))
  .openapi(standing, async (c) => c.json(await reportingStanding(serviceContext(c), c.req.valid('query')), 200))
  .openapi(list, async (c) => c.json(await listReports(serviceContext(c), c.req.valid('query')), 200))
  .openapi(create, async (c) => c.json(await fileReport(serviceContext(c), c.req.valid('json')), 201))
  .openapi(get, async (c) => c.json(await getReport(serviceContext(c), c.req.valid('param').id), 200))
  .openapi(photo, async (c) => {
    const file = c.req.valid('form').file;
    const upload = { bytes: new Uint8Array(await file.arrayBuffer()), declaredType: file.type };
    return c.json(await addReportPhoto(serviceContext(c), c.var.deps.files, c.req.valid('param').id, upload), 201);
  })
  .openapi(photoFile, async (c) => {
    const { id, photoId } = c.req.valid('param');
    const f = await reportPhotoFile(serviceContext(c), c.var.deps.files, id, photoId);
    return c.body(f.bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': f.contentType,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
  });
