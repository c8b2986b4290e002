import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A stored file's bytes and content type. */
export type StoredFile = { bytes: Uint8Array; contentType: string };

/**
 * Where uploaded files (listing photos) live: a folder under DATA_DIR locally, a private S3 bucket
 * on AWS (functions/adapters/files-s3.ts). Keys are built by the caller and start with the tenant id.
 */
export interface FileStore {
  put(key: string, file: StoredFile): Promise<void>;
  /** null when there is no such file */
  get(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
  /**
   * A browser's upload straight to the store (S3 only: a presigned POST whose policy allows exactly
   * `key`, one of `types`, at most `maxBytes`, for `expiresInSeconds`). Absent locally: uploads go
   * through the API.
   */
  presignPost?(key: string, policy: PostPolicy): Promise<{ url: string; fields: Record<string, string> }>;
}

/** `contentType`: the one type the upload must declare (the policy pins it); one of `types` */
export type PostPolicy = { types: readonly string[]; contentType: string; maxBytes: number; expiresInSeconds: number };

/**
 * What the bucket's event does on AWS (the photos function, infra/constructs/photos.ts), done here
 * after a put: a listing photo's original gets its WebP sizes beside it. Loaded on the first such
 * put, so sharp stays out of whatever never stores a photo.
 */
async function afterPut(store: FileStore, key: string): Promise<void> {
  const { isPhotoOriginalKey } = await import('../modules/photos/keys.js');
  if (!isPhotoOriginalKey(key)) return;
  const { makePhotoSizes, NotAnImage } = await import('../modules/photos/resize.js');
  try {
    await makePhotoSizes(store, key);
  } catch (e) {
    // as on AWS: the original stays and is served in place of the sizes
    if (!(e instanceof NotAnImage)) throw e;
  }
}

const SAFE_KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;

function assertKey(key: string): void {
  // keys are ours (tenant id / kind / generated id), but a path must never climb out of the root
  if (!SAFE_KEY.test(key) || key.split('/').some((p) => p === '..' || p === '.')) throw new Error(`bad file key ${key}`);
}

/** Files under `<root>/<key>`, with the content type beside them in `<key>.type`. */
export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    assertKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, file: StoredFile): Promise<void> {
    const target = this.file(key);
    await mkdir(path.dirname(target), { recursive: true });
    // write then rename, so a reader never sees half a file
    const tmp = `${target}.${process.pid}.tmp`;
    await writeFile(tmp, file.bytes);
    await writeFile(`${target}.type`, file.contentType);
    await rename(tmp, target);
    await afterPut(this, key);
  }

  async get(key: string): Promise<StoredFile | null> {
    const target = this.file(key);
    try {
      const [bytes, contentType] = await Promise.all([readFile(target), readFile(`${target}.type`, 'utf8')]);
      return { bytes: new Uint8Array(bytes), contentType };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    const target = this.file(key);
    await Promise.all([rm(target, { force: true }), rm(`${target}.type`, { force: true })]);
  }
}
