/**
 * The photos function: the bucket reports (through EventBridge) each new listing photo original
 * (`<tenantId>/photos/<photoId>/original`, however it got there: a browser's presigned POST or an
 * upload through the API), and this function writes its WebP sizes beside it. arm64, with sharp's
 * linux-arm64 binaries in a layer (infra/constructs/photos.ts); sharp is external to this bundle.
 * A file that is no image is left as it is (the API refuses it at confirm): no retry would help.
 */
import { S3FileStore } from '../adapters/files-s3.js';
import { isPhotoOriginalKey } from '../modules/photos/keys.js';
import { makePhotoSizes, NotAnImage } from '../modules/photos/resize.js';
import { logger, withLambdaContext } from '../adapters/logger.js';

/** What this function reads of an EventBridge "Object Created" event from the bucket. */
export type ObjectCreated = { detail: { object: { key: string } } };

const store = new S3FileStore(process.env.FILES_BUCKET ?? '');

export const handler = withLambdaContext(async (event: ObjectCreated, _context?: object): Promise<void> => {
  const key = event.detail.object.key;
  if (!isPhotoOriginalKey(key)) return;
  try {
    const sizes = await makePhotoSizes(store, key);
    logger.info('photo sizes made', { key, sizes: sizes.map((s) => ({ width: s.width, bytes: s.bytes.length })) });
  } catch (e) {
    if (e instanceof NotAnImage) logger.warn('not an image: no sizes', { key, reason: e.message });
    else throw e; // EventBridge retries
  }
});
