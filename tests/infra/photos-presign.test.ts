import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postConditions } from '../../functions/adapters/files-s3.js';
import { MAX_PHOTO_BYTES, PHOTO_TYPES } from '../../shared/schemas/produce.js';
import { BangfuStack } from '../../infra/stack.js';
import { bundleSharpLayer, sharpInstallArgs, sharpLayerPackages } from '../../infra/sharp-layer.js';

// Issue 16, photos on AWS: the photos function (arm64, sharp external, its linux-arm64 binaries in a
// layer) made from the bucket's events; the bucket takes a browser's POST from the web's origin only;
// the presigned POST's policy pins the key, the type and the size.

const env = { account: '111111111111', region: 'ap-east-1' };
let outdir: string;
let stack: BangfuStack;
let template: Template;
const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'bangfu-photos-'));
  const app = new App({ outdir });
  stack = new BangfuStack(app, 'BangfuStack', { env });
  app.synth();
  template = Template.fromStack(stack);
}, 240_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The staged asset folder of a function or layer (cdk.out/asset.<hash>). */
function assetDir(resource: Record<string, any>): string {
  const key = (resource.Properties.Code ?? resource.Properties.Content).S3Key as string;
  return path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
}

describe('the photos function', () => {
  it('runs Node 22 on arm64 with the sharp layer (arm64 only), and is invoked by the bucket’s photo originals alone', () => {
    const fns = template.findResources('AWS::Lambda::Function');
    const fn = fns[id(stack.api.photos.function.fn)].Properties;
    expect(fn).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' });
    expect(fn.MemorySize).toBeGreaterThanOrEqual(1024);
    expect(fn.Environment.Variables.FILES_BUCKET).toEqual({ Ref: id(stack.files.bucket) });
    expect(fn.Layers).toEqual([{ Ref: id(stack.api.photos.layer) }]);
    const layer = template.findResources('AWS::Lambda::LayerVersion')[id(stack.api.photos.layer)].Properties;
    expect(layer.CompatibleArchitectures).toEqual(['arm64']);
    expect(layer.CompatibleRuntimes).toEqual(['nodejs22.x']);

    const bucket = template.findResources('AWS::S3::Bucket')[id(stack.files.bucket)].Properties;
    expect(bucket.NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
    const rule = template.findResources('AWS::Events::Rule')[id(stack.api.photos.rule)].Properties;
    expect(rule.EventPattern).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: [{ Ref: id(stack.files.bucket) }] }, object: { key: [{ suffix: '/original' }] } },
    });
    expect(rule.Targets).toHaveLength(1);
    expect(rule.Targets[0].Arn).toEqual({ 'Fn::GetAtt': [id(stack.api.photos.function.fn), 'Arn'] });
  });

  it('reads only photo originals and writes only their WebP sizes; no table, no other files', () => {
    const roleId = stack.getLogicalId(stack.api.photos.function.fn.role!.node.defaultChild as never);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const s3 = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    const bucketArn = { 'Fn::GetAtt': [id(stack.files.bucket), 'Arn'] };
    expect(s3).toEqual([
      expect.objectContaining({ Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [bucketArn, '/*/photos/*/original']] } }),
      expect.objectContaining({ Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [bucketArn, '/*/photos/*/w*.webp']] } }),
    ]);
    expect(statements.some((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')))).toBe(false);
  });

  it('leaves sharp out of its bundle (imported at run time from the layer); the api bundle has no sharp at all', () => {
    const fns = template.findResources('AWS::Lambda::Function');
    const photos = assetDir(fns[id(stack.api.photos.function.fn)]);
    const code = readFileSync(path.join(photos, 'index.mjs'), 'utf8');
    expect(code).toMatch(/import\(\s*["']sharp["']\s*\)/);
    const sources = JSON.parse(readFileSync(path.join(photos, 'index.mjs.map'), 'utf8')).sources as string[];
    expect(sources.some((s) => s.includes('functions/modules/photos/resize.ts'))).toBe(true);
    expect(sources.filter((s) => s.includes('node_modules/sharp/') || s.includes('@img/'))).toEqual([]);

    const api = assetDir(fns[id(stack.api.function.fn)]);
    const apiSources = JSON.parse(readFileSync(path.join(api, 'index.mjs.map'), 'utf8')).sources as string[];
    expect(apiSources.filter((s) => s.includes('sharp') || s.includes('modules/photos/resize'))).toEqual([]);
    expect(readFileSync(path.join(api, 'index.mjs'), 'utf8')).not.toMatch(/["']sharp["']/);
  });

  it('has sharp and its linux-arm64 binary packages in the layer, at the locked versions (installed for linux/arm64/glibc)', () => {
    const layer = template.findResources('AWS::Lambda::LayerVersion')[id(stack.api.photos.layer)];
    const modules = path.join(assetDir(layer), 'nodejs', 'node_modules');
    const locked = Object.fromEntries(sharpLayerPackages().map((p) => [p.name, p.version]));
    expect(Object.keys(locked)).toEqual(['sharp', '@img/sharp-linux-arm64', '@img/sharp-libvips-linux-arm64']);
    for (const [name, version] of Object.entries(locked)) {
      const manifest = JSON.parse(readFileSync(path.join(modules, ...name.split('/'), 'package.json'), 'utf8'));
      expect(manifest.version, name).toBe(version);
      if (name !== 'sharp') expect([manifest.os, manifest.cpu], name).toEqual([['linux'], ['arm64']]);
    }
    // no other platform's binaries
    expect(readdirSync(path.join(modules, '@img')).filter((d) => /x64|darwin|win32|musl/.test(d))).toEqual([]);
  });

  it('at deploy, installs the layer with npm for linux/arm64/glibc, the three locked packages, then keeps it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bangfu-layer-'));
    const vitest = process.env.VITEST;
    const calls: string[][] = [];
    try {
      delete process.env.VITEST;
      const cache = path.join(dir, 'cache');
      const how = bundleSharpLayer(path.join(dir, 'out'), (args) => calls.push(args), cache);
      // the cache dir given here is empty, so npm runs (stubbed: no network)
      expect(how).toBe('npm');
    } finally {
      process.env.VITEST = vitest;
      rmSync(dir, { recursive: true, force: true });
    }
    expect(calls).toHaveLength(1);
    const args = calls[0];
    expect(args.slice(0, 1)).toEqual(['install']);
    expect(args).toEqual(expect.arrayContaining(['--os=linux', '--cpu=arm64', '--libc=glibc', '--omit=dev', '--no-save']));
    expect(args.filter((a) => a.includes('@'))).toEqual(
      sharpLayerPackages()
        .map((p) => `${p.name}@${p.version}`)
        .filter((a) => a.includes('@')),
    );
    expect(sharpInstallArgs('/x')).toContain(path.join('/x', 'nodejs'));
  });
});

describe('the files bucket', () => {
  it('stays private and lets the web’s origin POST, nothing else', () => {
    const bucket = template.findResources('AWS::S3::Bucket')[id(stack.files.bucket)].Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.CorsConfiguration.CorsRules).toHaveLength(1);
    const rule = bucket.CorsConfiguration.CorsRules[0];
    expect(rule.AllowedMethods).toEqual(['POST']);
    expect(rule.AllowedOrigins).toHaveLength(1);
    expect(JSON.stringify(rule.AllowedOrigins[0])).toContain(id(stack.web.distribution));
    expect(rule.AllowedHeaders ?? []).toEqual([]);
  });
});

describe('the presigned POST’s policy', () => {
  const client = new S3Client({ region: 'ap-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } });
  const policy = { types: PHOTO_TYPES, contentType: 'image/png', maxBytes: MAX_PHOTO_BYTES, expiresInSeconds: 300 };

  it('pins the bucket, the exact key, the declared type (one of the photo types), 1 B to 5 MB, for 5 minutes', async () => {
    const key = 'ten_abc/photos/pho_123/original';
    const before = Date.now();
    const { S3FileStore } = await import('../../functions/adapters/files-s3.js');
    const post = await new S3FileStore('bangfu-files', client).presignPost(key, policy);
    expect(post.url).toBe('https://bangfu-files.s3.ap-east-1.amazonaws.com/');
    expect(post.fields).toMatchObject({ key, 'Content-Type': 'image/png', bucket: 'bangfu-files' });
    const decoded = JSON.parse(Buffer.from(post.fields.Policy, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    expect(decoded.conditions).toEqual(
      expect.arrayContaining([['content-length-range', 1, 5 * 1024 * 1024], { 'Content-Type': 'image/png' }, { key }, { bucket: 'bangfu-files' }]),
    );
    // no starts-with: nothing but the exact key and type
    expect(JSON.stringify(decoded.conditions)).not.toContain('starts-with');
    const expires = Date.parse(decoded.expiration) - before;
    expect(expires).toBeGreaterThan(295_000);
    expect(expires).toBeLessThanOrEqual(301_000);
  });

  it('is never made for a type that is not a photo', () => {
    expect(() => postConditions('t/photos/p/original', 'image/gif', policy)).toThrow(/image\/gif/);
    expect(() => postConditions('t/photos/p/original', 'text/html', policy)).toThrow();
  });

  it('the API’s S3 store signs exactly as @aws-sdk/s3-presigned-post does (same fields, same signature), session token included', async () => {
    const { S3FileStore } = await import('../../functions/adapters/files-s3.js');
    const withToken = new S3Client({ region: 'ap-east-1', credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret2', sessionToken: 'tok/en+=' } });
    for (const c of [client, withToken]) {
      vi.useFakeTimers({ now: new Date('2026-12-07T10:00:00.123Z'), toFake: ['Date'] });
      try {
        const ours = await new S3FileStore('bangfu-files', c).presignPost('t/photos/pho_1/original', policy);
        const sdk = await createPresignedPost(c, { Bucket: 'bangfu-files', ...postConditions('t/photos/pho_1/original', 'image/png', policy) });
        expect(ours).toEqual(sdk);
      } finally {
        vi.useRealTimers();
      }
    }
    expect(existsSync(outdir)).toBe(true);
  });
});
