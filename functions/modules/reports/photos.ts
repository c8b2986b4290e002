import { MAX_PHOTOS, type PhotoUploaded } from '../../../shared/schemas/produce.js';
import type { FileStore, StoredFile } from '../../adapters/files.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { checkedImageType } from '../produce/photos.js';
import { getReport } from './service.js';
import { addReportPhotoTx, putReportPhotoTx } from './store.js';

export const reportPhotoUrl = (reportId: string, photoId: string) => `/api/reports/${reportId}/photos/${photoId}`;

/** A photo of the report's work (the bureau's or the organization's own report): a real image of at most 5 MB, at most 9. */
export async function addReportPhoto(
  ctx: ServiceContext,
  files: FileStore,
  reportId: string,
  upload: { bytes: Uint8Array; declaredType: string },
): Promise<PhotoUploaded> {
  const report = await getReport(ctx, reportId);
  const type = checkedImageType(upload);
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
