import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Web } from '../../infra/constructs/web.js';

// Issue 16: on AWS as in local mode (tests/api/web-static.test.ts) — CloudFront compresses (br/gzip),
// vite's hashed files are cached a year and index.html never. The Web construct alone in a bare stack
// (no API bundling: cheap), over a tiny fake web/dist.
let dist: string;
let outdir: string;
let template: Template;
let stack: Stack;

beforeAll(() => {
  dist = mkdtempSync(path.join(tmpdir(), 'bangfu-web-dist-'));
  outdir = mkdtempSync(path.join(tmpdir(), 'bangfu-web-out-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>帮扶通</title><script type="module" src="/assets/app-abc123.js"></script>');
  writeFileSync(path.join(dist, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  const app = new App({ outdir });
  stack = new Stack(app, 'WebOnly', { env: { account: '111111111111', region: 'ap-east-1' } });
  new Web(stack, 'Web', { apiDomainName: 'api.example.org', webDist: dist });
  template = Template.fromStack(stack);
});
afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
  rmSync(outdir, { recursive: true, force: true });
});

const distribution = () => Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
const deployments = () => Object.entries(template.findResources('Custom::CDKBucketDeployment'));

describe('the web distribution', () => {
  it('compresses the web app’s files (br and gzip, in the cache key of CACHING_OPTIMIZED)', () => {
    const d = distribution();
    expect(d.DefaultCacheBehavior.Compress).toBe(true);
    expect(d.DefaultCacheBehavior.CachePolicyId).toBe(CachePolicy.CACHING_OPTIMIZED.cachePolicyId);
  });

  it('uploads vite’s hashed files with a year’s immutable Cache-Control, never pruning them, before index.html', () => {
    const all = deployments();
    expect(all).toHaveLength(2);
    const [assetsId, assets] = all.find(([, r]) => r.Properties.DestinationBucketKeyPrefix === 'assets/')!;
    expect(assets.Properties.SystemMetadata).toEqual({ 'cache-control': 'public, max-age=31536000, immutable' });
    expect(assets.Properties.Prune).toBe(false);
    const [, pages] = all.find(([id]) => id !== assetsId)!;
    expect(pages.DependsOn).toContain(assetsId);
  });

  it('uploads index.html and the other files with no-cache, leaves assets/ to the other upload, and invalidates', () => {
    const [, pages] = deployments().find(([, r]) => r.Properties.DestinationBucketKeyPrefix === undefined)!;
    expect(pages.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(pages.Properties.Exclude).toEqual(['assets/*']);
    expect(pages.Properties.DistributionPaths).toEqual(['/*']);
  });

  it('packs assets/ only once: the pages’ upload has index.html and robots.txt, not assets/', () => {
    const staged = readdirSync(outdir)
      .filter((n) => n.startsWith('asset.'))
      .map((n) => path.join(outdir, n));
    const pages = staged.find((dir) => existsSync(path.join(dir, 'index.html')))!;
    expect(readdirSync(pages).sort()).toEqual(['index.html', 'robots.txt']);
    expect(staged.some((dir) => existsSync(path.join(dir, 'app-abc123.js')))).toBe(true);
  });
});
