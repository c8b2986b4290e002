import { MAX_PHOTO_BYTES, MAX_PHOTOS, type PhotoUploaded } from '../../../shared/schemas/produce.js';
import type { FileStore, StoredFile } from '../../adapters/files.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { sniffImageType } from '../produce/photos.js';
import { getReport } from './service.js';
import { addReportPhotoTx, putReportPhotoTx } from './store.js';

export const reportPhotoUrl = (reportId: string, photoId: string) => `/api/reports/${reportId}/photos/${photoId}`;

/** A photo of the report's work (the bureau's or the organization's own report): a real image of at most 5 MB, at most 9. */
export async function addReportPhoto(ctx: ServiceContext, files: FileStore, reportId: string, upload: { bytes: Uint8Array; declaredType: string }): Promise<PhotoUploaded> {
  const report = await getReport(ctx, reportId);
  if (upload.bytes.length === 0) throw AppError.field('file', '请选择图片文件');
  if (upload.bytes.length > MAX_PHOTO_BYTES) throw new AppError('payload_too_large', 413, '照片不能超过 5 MB');
  const type = sniffImageType(upload.bytes);
  if (!type) throw AppError.field('file', '只能上传 JPEG、PNG 或 WebP 图片');
  const declared = upload.declaredType.split(';')[0].trim().toLowerCase();
  if (declared && declared !== 'application/octet-stream' && declared !== type) {
    throw AppError.field('file', `文件内容是 ${type}，与声明的类型 ${declared} 不符`);
  }
  if (report.photos.length >= MAX_PHOTOS) throw AppError.conflict(`每份周报最多 ${MAX_PHOTOS} 张照片`, { reason: 'too_many_photos', max: MAX_PHOTOS });
  const at = ctx.now.toISOString();
  const photoId = newId('rph');
  const fileKey = `${ctx.store.tenantId}/report-photos/${photoId}`;
  await files.put(fileKey, { bytes: upload.bytes, contentType: type });
  try {
    await ctx.store.transact([
      putReportPhotoTx(ctx.store, { photoId, reportId, contentType: type, bytes: upload.bytes.length, fileKey, createdAt: at }),
      addReportPhotoTx(ctx.store, reportId, photoId, MAX_PHOTOS, at),
      auditPut(ctx, 'report', reportId, 'add_photo', { photos: report.photos }, { photos: [...report.photos, photoId] }),
    ]);
  } catch (e) {
    await files.delete(fileKey).catch(() => undefined); // nothing refers to it
    throw e;
  }
  return { photoId, url: reportPhotoUrl(reportId, photoId) };
}

/** A report's photo, for the bureau and the organization only. */
export async function reportPhotoFile(ctx: ServiceContext, files: FileStore, reportId: string, photoId: string): Promise<StoredFile> {
  const report = await getReport(ctx, reportId);
  if (!report.photos.includes(photoId)) throw AppError.notFound('照片');
  const file = await files.get(`${ctx.store.tenantId}/report-photos/${photoId}`);
  if (!file) throw AppError.notFound('照片');
  return file;
}
