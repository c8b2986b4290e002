import type { S3Client } from '@aws-sdk/client-s3';
import { createHmac } from 'node:crypto';
import type { FileStore, PostPolicy, StoredFile } from './files.js';
import { loadOnce } from './load-once.js';

/** The S3 SDK, loaded on the first photo read or write: most cold starts serve no photo and never pay for it. */
type S3Sdk = typeof import('@aws-sdk/client-s3');
const loadSdk = loadOnce(() => import('@aws-sdk/client-s3'));

const hmac = (key: Uint8Array | string, data: string) => createHmac('sha256', key).update(data).digest();
const iso8601 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A presigned POST (SigV4 POST policy), made as @aws-sdk/s3-presigned-post's createPresignedPost
 * makes it — field for field, signature for signature (tests/infra/photos-presign.test.ts compares
 * the two) — with node:crypto. That package imports @aws-sdk/client-s3 statically, which would put
 * the S3 SDK into the api function's cold start (infra/bundling.ts LAZY_AWS_SDK); this one needs
 * only the credentials and region the lazily loaded client resolves.
 */
export function signPost(
  input: { bucket: string; key: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }; now: Date },
  post: ReturnType<typeof postConditions>,
): { url: string; fields: Record<string, string> } {
  const date = iso8601(input.now).replace(/[-:]/g, '');
  const shortDate = date.slice(0, 8);
  const { accessKeyId, secretAccessKey, sessionToken } = input.credentials;
  const fields: Record<string, string> = {
    ...post.Fields,
    bucket: input.bucket,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${accessKeyId}/${shortDate}/${input.region}/s3/aws4_request`,
    'X-Amz-Date': date,
    ...(sessionToken ? { 'X-Amz-Security-Token': sessionToken } : {}),
  };
  // each condition once, in the SDK's order: the given ones, the fields, the key
  const conditions = [
    ...new Set([...post.Conditions, ...Object.entries(fields).map(([k, v]) => ({ [k]: v })), { key: input.key }].map((c) => JSON.stringify(c))),
  ].map((c) => JSON.parse(c) as unknown);
  const expiration = iso8601(new Date(input.now.valueOf() + post.Expires * 1000));
  const policy = Buffer.from(JSON.stringify({ expiration, conditions }), 'utf8').toString('base64');
  let signingKey = hmac(`AWS4${secretAccessKey}`, shortDate);
  for (const part of [input.region, 's3', 'aws4_request']) signingKey = hmac(signingKey, part);
  return {
    url: `https://${input.bucket}.s3.${input.region}.amazonaws.com/`,
    fields: { ...fields, key: input.key, Policy: policy, 'X-Amz-Signature': hmac(signingKey, policy).toString('hex') },
  };
}

/**
 * The policy of a browser's POST straight to the bucket: exactly `key` (createPresignedPost adds
 * the bucket and key conditions), exactly `contentType` (one of the policy's types), 1 B to
 * `maxBytes`. Exported for the tests, which check the conditions S3 enforces.
 */
export function postConditions(key: string, contentType: string, policy: PostPolicy) {
  if (!policy.types.includes(contentType)) throw new Error(`content type ${contentType} is not one of ${policy.types.join(', ')}`);
  return {
    Key: key,
    Fields: { 'Content-Type': contentType },
    Conditions: [['content-length-range', 1, policy.maxBytes] as ['content-length-range', number, number], { 'Content-Type': contentType }],
    Expires: policy.expiresInSeconds,
  };
}

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

  async presignPost(key: string, policy: PostPolicy): Promise<{ url: string; fields: Record<string, string> }> {
    const post = postConditions(key, policy.contentType, policy);
    const { client } = await this.s3();
    const [region, credentials] = await Promise.all([client.config.region(), client.config.credentials()]);
    return signPost({ bucket: this.bucket, key, region, credentials, now: new Date(Date.now() + (client.config.systemClockOffset ?? 0)) }, post);
  }

  async delete(key: string): Promise<void> {
    const { sdk: s, client } = await this.s3();
    await client.send(new s.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
