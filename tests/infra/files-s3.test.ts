import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3FileStore } from '../../functions/adapters/files-s3.js';

/**
 * functions/adapters/files-s3.ts loads the S3 SDK on first use (infra/bundling.ts leaves it to the
 * runtime, imported only then): the commands it sends are still the SDK's, with the bucket, key,
 * body and content type, and a missing key is null. The client here is a stand-in for `send`.
 */
function stubClient(answer: (command: unknown) => unknown) {
  const sent: unknown[] = [];
  const client = {
    send: async (command: unknown) => {
      sent.push(command);
      return answer(command);
    },
  } as unknown as S3Client;
  return { client, sent };
}

describe('S3FileStore', () => {
  it('puts, gets and deletes with the SDK’s commands', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const { client, sent } = stubClient((c) =>
      c instanceof GetObjectCommand ? { Body: { transformToByteArray: async () => bytes }, ContentType: 'image/png' } : {},
    );
    const store = new S3FileStore('bucket-1', client);
    await store.put('t1/photos/p1', { bytes, contentType: 'image/png' });
    expect(await store.get('t1/photos/p1')).toEqual({ bytes, contentType: 'image/png' });
    await store.delete('t1/photos/p1');
    expect(sent.map((c) => c?.constructor)).toEqual([PutObjectCommand, GetObjectCommand, DeleteObjectCommand]);
    expect((sent[0] as PutObjectCommand).input).toEqual({ Bucket: 'bucket-1', Key: 't1/photos/p1', Body: bytes, ContentType: 'image/png' });
    expect((sent[1] as GetObjectCommand).input).toEqual({ Bucket: 'bucket-1', Key: 't1/photos/p1' });
  });

  it('answers null for a missing key and rethrows any other error', async () => {
    const missing = new S3FileStore(
      'bucket-1',
      stubClient(() => {
        throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
      }).client,
    );
    expect(await missing.get('t1/photos/none')).toBeNull();
    const denied = new S3FileStore(
      'bucket-1',
      stubClient(() => {
        throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
      }).client,
    );
    await expect(denied.get('t1/photos/p1')).rejects.toThrow('Access Denied');
  });
});
