import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARE_PATH_PATTERNS, Web } from '../../infra/constructs/web.js';

// "Sharing", on AWS: a listing's, a village's, a story's, a campaign's and the transparency page's HTML comes from
// the ledger function (functions/http/share-meta.ts shareRoutes; the api bundle has no room), which writes the page's Open Graph
// tags into the web bucket's index.html; everything else stays as tests/infra/web-caching.test.ts
// has it. The Web construct in a bare stack with a stand-in function and HTTP API (no bundling).
let outdir: string;
let dist: string;
let template: Template;
let bare: Template;

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'bangfu-share-out-'));
  dist = mkdtempSync(path.join(tmpdir(), 'bangfu-share-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>帮扶通</title>');
  writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  const app = new App({ outdir });
  const stack = new Stack(app, 'WebShare', { env: { account: '111111111111', region: 'ap-east-1' } });
  const httpApi = new HttpApi(stack, 'HttpApi');
  const fn = new LambdaFunction(stack, 'ApiFn', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => ({})'),
  });
  const web = new Web(stack, 'Web', { apiDomainName: 'api.example.org', webDist: dist, originSecret: 'x'.repeat(40) });
  web.serveSharePages(httpApi, fn);
  const plain = new Stack(app, 'WebPlain', { env: { account: '111111111111', region: 'ap-east-1' } });
  new Web(plain, 'Web', { apiDomainName: 'api.example.org' });
  template = Template.fromStack(stack);
  bare = Template.fromStack(plain);
});
afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
});

const config = (t: Template) => Object.values(t.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
const behaviour = (t: Template, pattern: string) => (config(t).CacheBehaviors as any[]).find((b) => b.PathPattern === pattern);

describe('the share pages’ behaviours', () => {
  it('send /shop/*/produce/*, /shop/*/villages/*, /shop/*/stories/*, /shop/*/campaigns/*, /shop/*/transparency to the API’s origin, GET and HEAD only', () => {
    const api = behaviour(template, '/api/*');
    expect(SHARE_PATH_PATTERNS).toEqual(['/shop/*/produce/*', '/shop/*/villages/*', '/shop/*/stories/*', '/shop/*/campaigns/*', '/shop/*/transparency']);
    // each share page of the web app (functions/http/share-meta.ts SHARE_PATH) has its behaviour, nothing more
    expect((config(template).CacheBehaviors as any[]).map((b) => b.PathPattern).sort()).toEqual(['/api/*', ...SHARE_PATH_PATTERNS].sort());
    for (const p of SHARE_PATH_PATTERNS) {
      const b = behaviour(template, p);
      expect(b, p).toBeDefined();
      expect(b.TargetOriginId).toBe(api.TargetOriginId);
      expect(b.AllowedMethods).toEqual(['GET', 'HEAD']);
      expect(b.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(b.Compress).toBe(true);
      // the web app's CSP and security headers, as on every file from the bucket
      expect(b.ResponseHeadersPolicyId).toEqual(config(template).DefaultCacheBehavior.ResponseHeadersPolicyId);
      // no origin request policy: the function gets no cookie, query string or viewer header
      expect(b.OriginRequestPolicyId).toBeUndefined();
    }
    // the API's origin carries the origin secret (the function refuses requests without it)
    const origin = (config(template).Origins as any[]).find((o) => o.Id === api.TargetOriginId);
    expect(origin.DomainName).toBe('api.example.org');
    expect(origin.OriginCustomHeaders).toHaveLength(1);
  });

  it('cache the HTML no longer than the function says (no-cache: revalidated each view), keyed by path, compressed', () => {
    const ids = new Set(SHARE_PATH_PATTERNS.map((p) => JSON.stringify(behaviour(template, p).CachePolicyId)));
    expect(ids.size).toBe(1);
    const [policy] = Object.values(template.findResources('AWS::CloudFront::CachePolicy'));
    const c = policy!.Properties.CachePolicyConfig;
    expect({ min: c.MinTTL, def: c.DefaultTTL, max: c.MaxTTL }).toEqual({ min: 0, def: 0, max: 60 });
    const key = c.ParametersInCacheKeyAndForwardedToOrigin;
    expect(key.QueryStringsConfig.QueryStringBehavior).toBe('none');
    expect(key.CookiesConfig.CookieBehavior).toBe('none');
    expect(key.HeadersConfig.HeaderBehavior).toBe('none');
    expect(key.EnableAcceptEncodingBrotli).toBe(true);
    expect(key.EnableAcceptEncodingGzip).toBe(true);
  });

  it('leave the web app’s files and the API as they were', () => {
    const d = config(template);
    expect(d.DefaultCacheBehavior.CachePolicyId).toBe(CachePolicy.CACHING_OPTIMIZED.cachePolicyId);
    expect(d.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    expect(behaviour(template, '/api/*').CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(Object.keys(template.findResources('Custom::CDKBucketDeployment'))).toHaveLength(2);
    // without serveSharePages nothing of it
    expect((config(bare).CacheBehaviors as any[]).map((b) => b.PathPattern)).toEqual(['/api/*']);
    expect(Object.keys(bare.findResources('AWS::CloudFront::CachePolicy'))).toHaveLength(0);
  });
});

describe('the function’s side (the ledger function in the stack)', () => {
  it('the HTTP API routes GET and HEAD /shop/{proxy+} to it', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /shop/{proxy+}' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'HEAD /shop/{proxy+}' });
  });

  it('it knows the web bucket and may read its index.html, nothing else of it', () => {
    template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { WEB_BUCKET: { Ref: Match.stringLikeRegexp('^WebBucket') } } } });
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes('ApiFnServiceRole'));
    const s3 = policies
      .flatMap((p) => p.Properties.PolicyDocument.Statement as any[])
      .filter((s) => [s.Action].flat().some((a: string) => a.startsWith('s3:')));
    expect(s3).toHaveLength(1);
    expect(s3[0].Action).toBe('s3:GetObject');
    expect(JSON.stringify(s3[0].Resource)).toMatch(/WebBucket.*"\/index\.html"/);
  });
});
