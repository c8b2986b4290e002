import {
  MAX_PHOTO_BYTES,
  MAX_PHOTOS,
  PHOTO_TYPES,
  PHOTO_WIDTHS,
  type PhotoUploaded,
  type PhotoUploadTicket,
  type PhotoWidth,
} from '../../../shared/schemas/produce.js';
import type { FileStore } from '../../adapters/files.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { getTenant } from '../tenant/store.js';
import { photoOriginalKey, photoSizeKey } from '../photos/keys.js';
import { sniffImageType } from '../photos/sniff.js';
import { editable } from './service.js';
import { addPhotoTx, getPhotoRecord, type PhotoRecord } from './store.js';
import { photoUrl } from './views.js';

export { sniffImageType };

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

/** How long a presigned POST may be used, in seconds. */
export const UPLOAD_TICKET_SECONDS = 300;

/** An original and whatever sizes were made of it. */
async function removePhotoFiles(files: FileStore, originalKey: string): Promise<void> {
  const keys = [originalKey, ...(originalKey.endsWith('/original') ? PHOTO_WIDTHS.map((w) => photoSizeKey(originalKey, w)) : [])];
  await Promise.all(keys.map((k) => files.delete(k).catch(() => undefined)));
}

const tooMany = () => AppError.conflict(`每个商品最多 ${MAX_PHOTOS} 张照片`, { reason: 'too_many_photos', max: MAX_PHOTOS });

/**
 * The photo recorded on the listing, its original already stored at its key: one transaction with
 * the listing's append (at most 9), the seller's checks and the audit event. The WebP sizes are
 * made beside the original by the bucket's event (the photos function) or, locally, by the store.
 */
async function recordPhoto(
  ctx: ServiceContext,
  files: FileStore,
  produceId: string,
  photo: PhotoRecord,
  before: { photos: string[] },
  checks: Parameters<ServiceContext['store']['transact']>[0],
) {
  try {
    await ctx.store.transact([
      ...addPhotoTx(ctx.store, photo, MAX_PHOTOS, photo.createdAt),
      ...checks,
      auditPut(ctx, 'produce', produceId, 'add_photo', { photos: before.photos }, { photos: [...before.photos, photo.photoId] }),
    ]);
  } catch (e) {
    // nothing refers to it — unless this very photo was recorded already (a confirm sent twice)
    if (!(await getPhotoRecord(ctx.store, photo.photoId).catch(() => null))) await removePhotoFiles(files, photo.fileKey);
    throw e;
  }
  const slug = (await getTenant(ctx.store))?.slug ?? '';
  return { photoId: photo.photoId, url: photoUrl(slug, photo.photoId) };
}

/** A photo for a listing the caller may edit: a real JPEG, PNG or WebP of at most 5 MB, at most 9 a listing. */
export async function addPhoto(
  ctx: ServiceContext,
  files: FileStore,
  produceId: string,
  upload: { bytes: Uint8Array; declaredType: string },
): Promise<PhotoUploaded> {
  const { record, checks } = await editable(ctx, produceId);
  const type = checkedImageType(upload);
  if (record.photos.length >= MAX_PHOTOS) throw tooMany();
  const photoId = newId('pho');
  const photo: PhotoRecord = {
    photoId,
    produceId,
    contentType: type,
    bytes: upload.bytes.length,
    fileKey: photoOriginalKey(ctx.store.tenantId, photoId),
    createdAt: ctx.now.toISOString(),
    sizes: [...PHOTO_WIDTHS],
  };
  await files.put(photo.fileKey, { bytes: upload.bytes, contentType: type });
  return recordPhoto(ctx, files, produceId, photo, record, checks);
}

/**
 * Where the browser may put a new photo of a listing the caller may edit (the same checks as an
 * upload through the API): on AWS a presigned POST to the bucket for one new key under the
 * tenant's photos, the declared type pinned, at most 5 MB, for 5 minutes; locally `direct`.
 */
export async function photoUploadTicket(ctx: ServiceContext, files: FileStore, produceId: string, contentType: string): Promise<PhotoUploadTicket> {
  const { record } = await editable(ctx, produceId);
  if (!(PHOTO_TYPES as readonly string[]).includes(contentType)) throw AppError.field('contentType', '只能上传 JPEG、PNG 或 WebP 图片');
  if (record.photos.length >= MAX_PHOTOS) throw tooMany();
  if (!files.presignPost) return { mode: 'direct', url: `/api/produce/${produceId}/photos` };
  const photoId = newId('pho');
  const key = photoOriginalKey(ctx.store.tenantId, photoId);
  const post = await files.presignPost(key, { types: PHOTO_TYPES, contentType, maxBytes: MAX_PHOTO_BYTES, expiresInSeconds: UPLOAD_TICKET_SECONDS });
  return { mode: 's3', ...post, key, photoId, maxBytes: MAX_PHOTO_BYTES, expiresInSeconds: UPLOAD_TICKET_SECONDS };
}

/**
 * A photo the browser posted to the bucket with a ticket, recorded on the listing: the key must be
 * one of this tenant's new photo keys; the object is checked as an upload through the API is (its
 * bytes a JPEG, PNG or WebP of at most 5 MB, agreeing with its type) and removed when refused.
 */
export async function confirmPhotoUpload(ctx: ServiceContext, files: FileStore, produceId: string, key: string): Promise<PhotoUploaded> {
  const { record, checks } = await editable(ctx, produceId);
  const photoId = /^([A-Za-z0-9_-]+)\/photos\/(pho_[a-z0-9]+)\/original$/.exec(key);
  if (!photoId || photoId[1] !== ctx.store.tenantId) throw AppError.field('key', '照片的存储位置无效');
  if (record.photos.length >= MAX_PHOTOS) throw tooMany();
  if (record.photos.includes(photoId[2]) || (await getPhotoRecord(ctx.store, photoId[2])))
    throw AppError.conflict('这张照片已经添加过了', { reason: 'photo_recorded' });
  const file = await files.get(key);
  if (!file) throw AppError.field('key', '没有找到上传的照片，请重新上传');
  let type: string;
  try {
    type = checkedImageType({ bytes: file.bytes, declaredType: file.contentType });
  } catch (e) {
    await removePhotoFiles(files, key);
    throw e instanceof AppError && e.status === 400 ? AppError.field('key', e.message) : e;
  }
  const photo: PhotoRecord = {
    photoId: photoId[2],
    produceId,
    contentType: type,
    bytes: file.bytes.length,
    fileKey: key,
    createdAt: ctx.now.toISOString(),
    sizes: [...PHOTO_WIDTHS],
  };
  return recordPhoto(ctx, files, produceId, photo, record, checks);
}

/**
 * A tenant's photo by id, for the public; null when unknown. `size` (w320, w800): its WebP size
 * when it has one and it is made; else the original (`fallback`: not to be cached for long, the
 * size may be made a moment later).
 */
export async function photoFile(store: TenantStore, files: FileStore, photoId: string, size?: `w${PhotoWidth}`) {
  const rec = await getPhotoRecord(store, photoId);
  if (!rec) return null;
  const width = size ? (Number(size.slice(1)) as PhotoWidth) : undefined;
  if (width && rec.sizes?.includes(width)) {
    const sized = await files.get(photoSizeKey(rec.fileKey, width));
    if (sized) return { ...sized, fallback: false };
  }
  const original = await files.get(rec.fileKey);
  return original && { ...original, fallback: !!width };
}
