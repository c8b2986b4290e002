import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_TYPES, type PhotoUploaded } from '../../../shared/schemas/produce.js';
import type { FileStore } from '../../adapters/files.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { getTenant } from '../identity/store.js';
import { editable } from './service.js';
import { addPhotoTx, getPhotoRecord, type PhotoRecord } from './store.js';
import { photoUrl } from './views.js';

type PhotoType = (typeof PHOTO_TYPES)[number];

/** The image type the bytes really are (their magic numbers), whatever the upload claimed. */
export function sniffImageType(b: Uint8Array): PhotoType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((v, i) => b[i] === v)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const fileKey = (tenantId: string, photoId: string) => `${tenantId}/photos/${photoId}`;

/** An uploaded photo's real type: a non-empty JPEG, PNG or WebP of at most 5 MB whose declared type (if any) agrees. */
export function checkedImageType(upload: { bytes: Uint8Array; declaredType: string }): string {
  if (upload.bytes.length === 0) throw AppError.field('file', '请选择图片文件');
  if (upload.bytes.length > MAX_PHOTO_BYTES) throw new AppError('payload_too_large', 413, '照片不能超过 5 MB');
  const type = sniffImageType(upload.bytes);
  if (!type) throw AppError.field('file', '只能上传 JPEG、PNG 或 WebP 图片');
  const declared = upload.declaredType.split(';')[0].trim().toLowerCase();
  if (declared && declared !== 'application/octet-stream' && declared !== type) {
    throw AppError.field('file', `文件内容是 ${type}，与声明的类型 ${declared} 不符`);
  }
  return type;
}

/** A photo for a listing the caller may edit: a real JPEG, PNG or WebP of at most 5 MB, at most 9 a listing. */
export async function addPhoto(ctx: ServiceContext, files: FileStore, produceId: string, upload: { bytes: Uint8Array; declaredType: string }): Promise<PhotoUploaded> {
  const { record, checks } = await editable(ctx, produceId);
  const type = checkedImageType(upload);
  if (record.photos.length >= MAX_PHOTOS) throw AppError.conflict(`每个商品最多 ${MAX_PHOTOS} 张照片`, { reason: 'too_many_photos', max: MAX_PHOTOS });
  const at = ctx.now.toISOString();
  const photo: PhotoRecord = { photoId: newId('pho'), produceId, contentType: type, bytes: upload.bytes.length, fileKey: fileKey(ctx.store.tenantId, ''), createdAt: at };
  photo.fileKey = fileKey(ctx.store.tenantId, photo.photoId);
  await files.put(photo.fileKey, { bytes: upload.bytes, contentType: type });
  try {
    await ctx.store.transact([
      ...addPhotoTx(ctx.store, photo, MAX_PHOTOS, at),
      ...checks,
      auditPut(ctx, 'produce', produceId, 'add_photo', { photos: record.photos }, { photos: [...record.photos, photo.photoId] }),
    ]);
  } catch (e) {
    await files.delete(photo.fileKey).catch(() => undefined); // nothing refers to it
    throw e;
  }
  const slug = (await getTenant(ctx.store))?.slug ?? '';
  return { photoId: photo.photoId, url: photoUrl(slug, photo.photoId) };
}

/** A tenant's photo by id, for the public; null when unknown. */
export async function photoFile(store: TenantStore, files: FileStore, photoId: string) {
  const rec = await getPhotoRecord(store, photoId);
  if (!rec) return null;
  return files.get(rec.fileKey);
}
