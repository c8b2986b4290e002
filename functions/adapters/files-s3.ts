import type { S3Client } from '@aws-sdk/client-s3';
import type { FileStore, StoredFile } from './files.js';
import { loadOnce } from './load-once.js';

/** The S3 SDK, loaded on the first photo read or write: most cold starts serve no photo and never pay for it. */
type S3Sdk = typeof import('@aws-sdk/client-s3');
const loadSdk = loadOnce(() => import('@aws-sdk/client-s3'));

/** Files in a private S3 bucket (listing photos on AWS); the API serves them, the bucket is never public. */
export class S3FileStore implements FileStore {
  constructor(
    private readonly bucket: string,
    private client?: S3Client,
  ) {}

  /** The SDK and this store's one client, both made on first use. */
  private async s3(): Promise<{ sdk: S3Sdk; client: S3Client }> {
    const s = await loadSdk();
    this.client ??= new s.S3Client({});
    return { sdk: s, client: this.client };
  }

  async put(key: string, file: StoredFile): Promise<void> {
    const { sdk: s, client } = await this.s3();
    await client.send(new s.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: file.bytes, ContentType: file.contentType }));
  }

  async get(key: string): Promise<StoredFile | null> {
    const { sdk: s, client } = await this.s3();
    try {
      const out = await client.send(new s.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!out.Body) return null;
      return { bytes: await out.Body.transformToByteArray(), contentType: out.ContentType ?? 'application/octet-stream' };
    } catch (e) {
      if (e instanceof s.NoSuchKey || (e as Error).name === 'NoSuchKey') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    const { sdk: s, client } = await this.s3();
    await client.send(new s.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
