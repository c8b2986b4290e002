/**
 * Listing photos resized into their display and thumbnail sizes: WebP, EXIF orientation
 * applied, every piece of metadata (EXIF with its GPS position, XMP, ICC profile, comments) dropped.
 * sharp is native and large: it is imported here only, with import(), and this module is reached
 * only from the photos function (functions/entries/photos.ts, arm64 with sharp in a layer) and from
 * the local file store (functions/adapters/files.ts) — never from the api bundle.
 */
import { PHOTO_WIDTHS, type PhotoWidth } from '../../../shared/schemas/produce.js';
import type { FileStore } from '../../adapters/files.js';
import { sniffImageType } from './sniff.js';
import { photoSizeKey } from './keys.js';

export type PhotoSize = { width: PhotoWidth; bytes: Uint8Array; outWidth: number; outHeight: number };

/** Not a photo we can resize: the bytes are not a JPEG, PNG or WebP, or sharp cannot decode them. */
export class NotAnImage extends Error {
  constructor(reason: string) {
    super(`不是可读取的图片：${reason}`);
    this.name = 'NotAnImage';
  }
}

const WEBP_QUALITY = 78;
/** pixels sharp will decode at most (a 5 MB upload of 50 megapixels is a decompression bomb, not a photo) */
const MAX_INPUT_PIXELS = 50_000_000;

/** One WebP per width of PHOTO_WIDTHS, never wider than the original, upright, without metadata. */
export async function resizePhoto(original: Uint8Array): Promise<PhotoSize[]> {
  if (!sniffImageType(original)) throw new NotAnImage('只接受 JPEG、PNG 或 WebP');
  const { default: sharp } = await import('sharp');
  // .rotate() with no angle applies the EXIF orientation; the output keeps no metadata (sharp drops it unless asked)
  const upright = sharp(original, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
  try {
    return await Promise.all(
      PHOTO_WIDTHS.map(async (width) => {
        const { data, info } = await upright
          .clone()
          .resize({ width, withoutEnlargement: true })
          .webp({ quality: WEBP_QUALITY, effort: 4 })
          .toBuffer({ resolveWithObject: true });
        return { width, bytes: new Uint8Array(data), outWidth: info.width, outHeight: info.height };
      }),
    );
  } catch (e) {
    throw new NotAnImage((e as Error).message);
  }
}

/**
 * Reads an original from the store and writes its sizes beside it (photoSizeKey). What the photos
 * function does for each `…/original` the bucket reports, and the local store after each such put.
 */
export async function makePhotoSizes(files: FileStore, originalKey: string): Promise<PhotoSize[]> {
  const file = await files.get(originalKey);
  if (!file) throw new Error(`no photo at ${originalKey}`);
  const sizes = await resizePhoto(file.bytes);
  for (const s of sizes) await files.put(photoSizeKey(originalKey, s.width), { bytes: s.bytes, contentType: 'image/webp' });
  return sizes;
}
