import { MAX_PHOTOS, PHOTO_WIDTHS, type PhotoUploaded, type PhotoWidth } from '../../../shared/schemas/produce.js';
import type { FileStore, StoredFile } from '../../adapters/files.js';
import { AppError } from '../../errors.js';
import { newId } from '../../store/ids.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { auditPut } from '../audit/store.js';
import type { ServiceContext } from '../context.js';
import { photoOriginalKey, photoSizeKey } from '../photos/keys.js';
import { checkedImageType } from '../produce/photos.js';
import { getTenant } from '../tenant/store.js';
import { publishedStory, storyPhotoUrl } from './service.js';
import { addStoryPhotoTx, getStoryRecord, removeStoryPhotoTx } from './store.js';

/*
 * A story's photos: the upload rules of listing photos (a real JPEG, PNG or WebP of at most 5 MB, at
 * most 9), the original stored where listing photos are, so the same WebP sizes are made beside it.
 * The story keeps their ids; the public route serves them only while the story is published.
 */

const filesOf = (fileKey: string) => [fileKey, ...PHOTO_WIDTHS.map((w) => photoSizeKey(fileKey, w))];

const tooMany = () => AppError.conflict(`每篇典型经验最多 ${MAX_PHOTOS} 张照片`, { reason: 'too_many_photos', max: MAX_PHOTOS });

export async function addStoryPhoto(
  ctx: ServiceContext,
  files: FileStore,
  storyId: string,
  upload: { bytes: Uint8Array; declaredType: string },
): Promise<PhotoUploaded> {
  const s = await getStoryRecord(ctx.store, storyId);
  if (!s) throw AppError.notFound('典型经验');
  const type = checkedImageType(upload);
  if (s.photoIds.length >= MAX_PHOTOS) throw tooMany();
  const photoId = newId('sph');
  const fileKey = photoOriginalKey(ctx.store.tenantId, photoId);
  await files.put(fileKey, { bytes: upload.bytes, contentType: type });
  const at = ctx.now.toISOString();
  try {
    await ctx.store.transact([
      addStoryPhotoTx(ctx.store, storyId, photoId, MAX_PHOTOS, at, tooMany()),
      auditPut(ctx, 'story', storyId, 'add_photo', { photos: s.photoIds }, { photos: [...s.photoIds, photoId] }),
    ]);
  } catch (e) {
    // nothing refers to the file: take it and its sizes away again
    await Promise.all(filesOf(fileKey).map((k) => files.delete(k).catch(() => undefined)));
    throw e;
  }
  const slug = (await getTenant(ctx.store))?.slug ?? '';
  return { photoId, url: storyPhotoUrl(slug, storyId, photoId) };
}

/**
 * The bureau takes a photo off a story, draft or published: the story's list and the audit event in
 * one transaction, conditional on the list read; a photo the story does not hold (already removed,
 * another story's, another tenant's story) is a 404. The files go after the write: a failed write
 * leaves the photo whole, and a file left behind by a crash here is unreferenced, never served.
 */
export async function removeStoryPhoto(ctx: ServiceContext, files: FileStore, storyId: string, photoId: string): Promise<void> {
  const s = await getStoryRecord(ctx.store, storyId);
  if (!s) throw AppError.notFound('典型经验');
  if (!s.photoIds.includes(photoId)) throw AppError.notFound('照片');
  const after = s.photoIds.filter((p) => p !== photoId);
  await ctx.store.transact([
    removeStoryPhotoTx(ctx.store, storyId, s.photoIds, photoId, ctx.now.toISOString(), AppError.conflict('照片刚刚发生变化，请刷新后重试')),
    auditPut(ctx, 'story', storyId, 'remove_photo', { photos: s.photoIds }, { photos: after }),
  ]);
  await Promise.all(filesOf(photoOriginalKey(ctx.store.tenantId, photoId)).map((k) => files.delete(k).catch(() => undefined)));
}

/** A story's photo for the bureau, draft or published (its WebP size when made, else the original). */
export async function storyPhotoFile(ctx: ServiceContext, files: FileStore, storyId: string, photoId: string, size?: `w${PhotoWidth}`): Promise<StoredFile> {
  const s = await getStoryRecord(ctx.store, storyId);
  if (!s) throw AppError.notFound('典型经验');
  if (!s.photoIds.includes(photoId)) throw AppError.notFound('照片');
  return photoOf(files, photoOriginalKey(ctx.store.tenantId, photoId), size);
}

/** The WebP size asked for when it is made, else the original (`fallback`); a missing original is a 404. */
async function photoOf(files: FileStore, key: string, size?: `w${PhotoWidth}`): Promise<StoredFile & { fallback: boolean }> {
  if (size) {
    const sized = await files.get(photoSizeKey(key, Number(size.slice(1)) as PhotoWidth));
    if (sized) return { ...sized, fallback: false };
  }
  const original = await files.get(key);
  if (!original) throw AppError.notFound('照片');
  return { ...original, fallback: Boolean(size) };
}

/** A published story's photo (its WebP size when made, else the original); a draft's is a 404 like a missing one. */
export async function publicStoryPhoto(
  store: TenantStore,
  files: FileStore,
  storyId: string,
  photoId: string,
  size?: `w${PhotoWidth}`,
): Promise<StoredFile & { fallback: boolean }> {
  const s = await publishedStory(store, storyId);
  if (!s.photoIds.includes(photoId)) throw AppError.notFound('照片');
  return photoOf(files, photoOriginalKey(store.tenantId, photoId), size);
}
