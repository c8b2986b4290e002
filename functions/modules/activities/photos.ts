import { PHOTO_WIDTHS, MAX_PHOTOS, type PhotoUploaded, type PhotoWidth } from '../../../shared/schemas/produce.js';
import type { FileStore, StoredFile } from '../../adapters/files.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { mayReach } from '../own-organization.js';
import { photoOriginalKey, photoSizeKey } from '../photos/keys.js';
import { checkedImageType } from '../produce/photos.js';
import { activityPhotoUrl } from './service.js';
import { addActivityPhotoTx, getActivityById, getActivityPhotoRecord, removeActivityPhotoTx, type ActivityPhotoRecord, type ActivityRecord } from './store.js';

/*
 * An activity's photos (evidence of the help): the upload rules of listing photos (a real JPEG, PNG
 * or WebP of at most 5 MB, at most 9), the original stored where listing photos are, so the same
 * WebP sizes are made beside it; but recorded apart from them (ACTPHOTO), so the public photo route
 * never serves one: they are the bureau's and the organization's only.
 */

/** The activity, when the caller may reach it (the bureau, or a member of its organization); else 404. */
async function reachableActivity(ctx: ServiceContext, id: string): Promise<ActivityRecord> {
  const a = await getActivityById(ctx.store, id);
  if (!a || !mayReach(ctx, a.organizationId)) throw AppError.notFound('帮扶活动');
  return a;
}

const tooMany = () => AppError.conflict(`每条帮扶活动最多 ${MAX_PHOTOS} 张照片`, { reason: 'too_many_photos', max: MAX_PHOTOS });

const filesOf = (fileKey: string) => [fileKey, ...PHOTO_WIDTHS.map((w) => photoSizeKey(fileKey, w))];

export async function addActivityPhoto(
  ctx: ServiceContext,
  files: FileStore,
  activityId: string,
  upload: { bytes: Uint8Array; declaredType: string },
): Promise<PhotoUploaded> {
  const a = await reachableActivity(ctx, activityId);
  const type = checkedImageType(upload);
  const before = a.photoIds ?? [];
  if (before.length >= MAX_PHOTOS) throw tooMany();
  const photoId = newId('aph');
  const photo: ActivityPhotoRecord = {
    photoId,
    activityId,
    contentType: type,
    bytes: upload.bytes.length,
    fileKey: photoOriginalKey(ctx.store.tenantId, photoId),
    createdAt: ctx.now.toISOString(),
  };
  await files.put(photo.fileKey, { bytes: upload.bytes, contentType: type });
  try {
    await ctx.store.transact([
      ...addActivityPhotoTx(ctx.store, a, photo, MAX_PHOTOS),
      auditPut(ctx, 'activity', activityId, 'add_photo', { photos: before }, { photos: [...before, photoId] }),
    ]);
  } catch (e) {
    // nothing refers to the file: take it and its sizes away again
    await Promise.all(filesOf(photo.fileKey).map((k) => files.delete(k).catch(() => undefined)));
    throw e;
  }
  return { photoId, url: activityPhotoUrl(activityId, photoId) };
}

export async function removeActivityPhoto(ctx: ServiceContext, files: FileStore, activityId: string, photoId: string): Promise<void> {
  const a = await reachableActivity(ctx, activityId);
  const before = a.photoIds ?? [];
  if (!before.includes(photoId)) throw AppError.notFound('照片');
  const rec = await getActivityPhotoRecord(ctx.store, photoId);
  await ctx.store.transact([
    ...removeActivityPhotoTx(ctx.store, a, before, photoId),
    auditPut(ctx, 'activity', activityId, 'remove_photo', { photos: before }, { photos: before.filter((p) => p !== photoId) }),
  ]);
  if (rec) await Promise.all(filesOf(rec.fileKey).map((k) => files.delete(k).catch(() => undefined)));
}

/** A photo of the activity (size: its WebP size when made, else the original), for the bureau and the organization. */
export async function activityPhotoFile(
  ctx: ServiceContext,
  files: FileStore,
  activityId: string,
  photoId: string,
  size?: `w${PhotoWidth}`,
): Promise<StoredFile> {
  const a = await reachableActivity(ctx, activityId);
  if (!(a.photoIds ?? []).includes(photoId)) throw AppError.notFound('照片');
  const rec = await getActivityPhotoRecord(ctx.store, photoId);
  if (!rec) throw AppError.notFound('照片');
  if (size) {
    const sized = await files.get(photoSizeKey(rec.fileKey, Number(size.slice(1)) as PhotoWidth));
    if (sized) return sized;
  }
  const original = await files.get(rec.fileKey);
  if (!original) throw AppError.notFound('照片');
  return original;
}
