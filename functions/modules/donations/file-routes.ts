import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { Id } from '../../../shared/schemas/common.js';
import { VoucherUploaded } from '../../../shared/schemas/donations.js';
import { authorize } from '../../http/auth.js';
import type { Env } from '../../http/context.js';
import { access, BEARER, ERRORS, jsonOk } from '../../http/openapi.js';
import { serviceContext } from '../../http/service-context.js';
import { attachEvidence, attachVoucher, evidenceFile, voucherFile } from './files.js';

const IdParams = z.object({ id: Id });
/** A voucher or evidence upload (multipart field `file`): also the payouts' bank slips (settlements/routes.ts). */
export const FileForm = z.object({
  file: z
    .custom<File>((v) => v instanceof File, { error: '请上传文件（表单字段 file）' })
    .openapi({ type: 'string', format: 'binary', description: 'image/jpeg, image/png, image/webp or application/pdf, at most 5 MB' }),
});
export const upload = { content: { 'multipart/form-data': { schema: FileForm } }, required: true as const };
const binary = { content: { 'application/octet-stream': { schema: z.string().openapi({ type: 'string', format: 'binary' }) } }, description: 'the file' };

const postVoucher = createRoute({
  method: 'post',
  path: '/donations/{id}/voucher',
  operationId: 'uploadDonationVoucher',
  description: access('donation.write'),
  tags: ['donations'],
  summary: 'Attach a donation’s voucher (凭证; multipart field `file`: an image or a PDF)',
  security: BEARER,
  middleware: [authorize('donation.write')] as const,
  request: { params: IdParams, body: upload },
  responses: { 201: jsonOk(VoucherUploaded, 'the file'), ...ERRORS },
});
const getVoucher = createRoute({
  method: 'get',
  path: '/donations/{id}/voucher',
  operationId: 'getDonationVoucher',
  description: access('donation.read'),
  tags: ['donations'],
  summary: 'A donation’s voucher (never public)',
  security: BEARER,
  middleware: [authorize('donation.read')] as const,
  request: { params: IdParams },
  responses: { 200: binary, ...ERRORS },
});
const postEvidence = createRoute({
  method: 'post',
  path: '/expenditures/{id}/evidence',
  operationId: 'uploadExpenditureEvidence',
  description: access('expenditure.write'),
  tags: ['expenditures'],
  summary: 'Attach an expenditure’s evidence file (bureau only; multipart field `file`)',
  security: BEARER,
  middleware: [authorize('expenditure.write')] as const,
  request: { params: IdParams, body: upload },
  responses: { 201: jsonOk(VoucherUploaded, 'the file'), ...ERRORS },
});
const getEvidence = createRoute({
  method: 'get',
  path: '/expenditures/{id}/evidence',
  operationId: 'getExpenditureEvidence',
  description: access('expenditure.read'),
  tags: ['expenditures'],
  summary: 'An expenditure’s evidence (bureau only; rule 8)',
  security: BEARER,
  middleware: [authorize('expenditure.read')] as const,
  request: { params: IdParams },
  responses: { 200: binary, ...ERRORS },
});

const send = (f: { bytes: Uint8Array; contentType: string }) => ({
  body: f.bytes as Uint8Array<ArrayBuffer>,
  headers: { 'content-type': f.contentType, 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' },
});

export const fileRoutes = new OpenAPIHono<Env>()
  .openapi(postVoucher, async (c) => {
    const file = c.req.valid('form').file;
    return c.json(
      await attachVoucher(serviceContext(c), c.var.deps.files, c.req.valid('param').id, {
        bytes: new Uint8Array(await file.arrayBuffer()),
        declaredType: file.type,
      }),
      201,
    );
  })
  .openapi(getVoucher, async (c) => {
    const r = send(await voucherFile(serviceContext(c), c.var.deps.files, c.req.valid('param').id));
    return c.body(r.body, 200, r.headers);
  })
  .openapi(postEvidence, async (c) => {
    const file = c.req.valid('form').file;
    return c.json(
      await attachEvidence(serviceContext(c), c.var.deps.files, c.req.valid('param').id, {
        bytes: new Uint8Array(await file.arrayBuffer()),
        declaredType: file.type,
      }),
      201,
    );
  })
  .openapi(getEvidence, async (c) => {
    const r = send(await evidenceFile(serviceContext(c), c.var.deps.files, c.req.valid('param').id));
    return c.body(r.body, 200, r.headers);
  });
