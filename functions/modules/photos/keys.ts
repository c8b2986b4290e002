import { PHOTO_WIDTHS, type PhotoWidth } from '../../../shared/schemas/produce.js';

/**
 * Where a listing photo's files live: the original as uploaded at
 * `<tenantId>/photos/<photoId>/original`, and beside it one WebP per width, `w320.webp`, `w800.webp`.
 * The suffix `/original` is what the bucket's event filter matches (infra/constructs/photos.ts):
 * writing the sizes never triggers another resize. Photos from before issue 16 keep their flat key
 * `<tenantId>/photos/<photoId>` and have no sizes.
 */
export const ORIGINAL = 'original';
export const photoOriginalKey = (tenantId: string, photoId: string) => `${tenantId}/photos/${photoId}/${ORIGINAL}`;
export const photoSizeKey = (originalKey: string, width: PhotoWidth) => originalKey.replace(/\/original$/, `/w${width}.webp`);
/** An original's key, as the bucket's event or the local store sees it: tenant, photos, id, original. */
export const isPhotoOriginalKey = (key: string) => /^[A-Za-z0-9_-]+\/photos\/[A-Za-z0-9_-]+\/original$/.test(key);
export { PHOTO_WIDTHS };
