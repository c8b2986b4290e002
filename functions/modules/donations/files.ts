import { MAX_PHOTO_BYTES } from '../../../shared/schemas/produce.js';
import type { FileStore, StoredFile } from '../../adapters/files.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { sniffImageType } from '../produce/photos.js';
import { getDonationRecord, getExpenditure, setEvidenceFileTx, setVoucherFileTx } from './store.js';
import { mayReach } from '../own-organization.js';

/** A voucher (凭证) or evidence file: a real JPEG, PNG, WebP or PDF of at most 5 MB. */
export function sniffVoucherType(b: Uint8Array): string | null {
  if (b.length >= 5 && String.fromCharCode(...b.subarray(0, 5)) === '%PDF-') return 'application/pdf';
  return sniffImageType(b);
}

type Upload = { bytes: Uint8Array; declaredType: string };

export function checkedUpload(upload: Upload): string {
  if (upload.bytes.length === 0) throw AppError.field('file', '请选择文件');
  if (upload.bytes.length > MAX_PHOTO_BYTES) throw new AppError('payload_too_large', 413, '文件不能超过 5 MB');
  const type = sniffVoucherType(upload.bytes);
  if (!type) throw AppError.field('file', '只能上传 JPEG、PNG、WebP 图片或 PDF');
  return type;
}

// File keys start with the tenant id: <tenantId>/vouchers/<fileId>, <tenantId>/evidence/<fileId>.
const keyOf = (tenantId: string, kind: 'vouchers' | 'evidence', fileId: string) => `${tenantId}/${kind}/${fileId}`;

/** The bureau, or the member of the donation's organization, attaches the voucher (replacing any). */
export async function attachVoucher(ctx: ServiceContext, files: FileStore, id: string, upload: Upload): Promise<{ fileId: string }> {
  const d = await getDonationRecord(ctx.store, id);
  if (!d || !mayReach(ctx, d.organizationId)) throw AppError.notFound('捐赠');
  const type = checkedUpload(upload);
  const fileId = newId('vch');
  const key = keyOf(ctx.store.tenantId, 'vouchers', fileId);
  await files.put(key, { bytes: upload.bytes, contentType: type });
  const at = ctx.now.toISOString();
  await ctx.store.transact([
    setVoucherFileTx(ctx.store, id, fileId, at),
    auditPut(ctx, 'donation', id, 'attach_voucher', { voucherFileId: d.voucherFileId }, { voucherFileId: fileId }),
  ]);
  return { fileId };
}

export async function voucherFile(ctx: ServiceContext, files: FileStore, id: string): Promise<StoredFile> {
  const d = await getDonationRecord(ctx.store, id);
  if (!d || !mayReach(ctx, d.organizationId) || !d.voucherFileId) throw AppError.notFound('凭证');
  const f = await files.get(keyOf(ctx.store.tenantId, 'vouchers', d.voucherFileId));
  if (!f) throw AppError.notFound('凭证');
  return f;
}

/** Rule 8: an expenditure's evidence is the bureau's only (amounts and purposes are public). */
export async function attachEvidence(ctx: ServiceContext, files: FileStore, id: string, upload: Upload): Promise<{ fileId: string }> {
  const e = await getExpenditure(ctx.store, id);
  if (!e) throw AppError.notFound('支出');
  const type = checkedUpload(upload);
  const fileId = newId('evd');
  await files.put(keyOf(ctx.store.tenantId, 'evidence', fileId), { bytes: upload.bytes, contentType: type });
  await ctx.store.transact([
    setEvidenceFileTx(ctx.store, id, fileId),
    auditPut(ctx, 'expenditure', id, 'attach_evidence', { evidenceFileId: e.evidenceFileId }, { evidenceFileId: fileId }),
  ]);
  return { fileId };
}

export async function evidenceFile(ctx: ServiceContext, files: FileStore, id: string): Promise<StoredFile> {
  const e = await getExpenditure(ctx.store, id);
  if (!e?.evidenceFileId) throw AppError.notFound('凭证');
  const f = await files.get(keyOf(ctx.store.tenantId, 'evidence', e.evidenceFileId));
  if (!f) throw AppError.notFound('凭证');
  return f;
}
