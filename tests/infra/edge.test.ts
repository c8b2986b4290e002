import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_SECRET_HEADER } from '../../functions/http/origin-secret.js';
import { COMMON_RULES_COUNTED, MANAGED_RULE_GROUPS, RATE_LIMITED_PATHS } from '../../infra/constructs/edge-acl.js';
import { ACCESS_LOG_DAYS, EDGE_DEFAULTS, edgeConfig } from '../../infra/edge-config.js';
import { defineStageStacks } from '../../infra/stacks.js';
import type { BangfuStack } from '../../infra/stack.js';

// Issue 15, the AWS edge: a WAF web ACL on CloudFront (managed rules, a rate rule on sign-in and the
// public writes), the HTTP API reachable only through CloudFront (origin header), stage throttling,
// reserved concurrency, access logs with a retention, TLS 1.2 with a custom domain.

const ACCOUNT = '111111111111';
const CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789`;

function make(region: string | undefined, context: Record<string, unknown> = {}) {
  // no bundling: these tests read the templates only
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stacks = defineStageStacks(app, { stage: 'prod', account: region ? ACCOUNT : undefined, region, edge: edgeConfig((k) => context[k]) });
  return { ...stacks, template: Template.fromStack(stacks.main), edgeTemplate: stacks.edge && Template.fromStack(stacks.edge) };
}
const id = (stack: BangfuStack, c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
const one = (t: Template, type: string) => {
  const all = Object.values(t.findResources(type));
  expect(all, type).toHaveLength(1);
  return all[0].Properties;
};

let hk: ReturnType<typeof make>;
let useast: ReturnType<typeof make>;
beforeAll(() => {
  hk = make('ap-east-1');
  useast = make('us-east-1', {
    domainName: 'bangfu.example.org',
    certificateArn: CERT,
    wafRateLimit: '120',
    apiRateLimit: '50',
    apiBurstLimit: '80',
    reservedConcurrency: 'api=40,jobs=2',
  });
}, 120_000);

describe('the WAF web ACL', () => {
  const acl = () => one(hk.edgeTemplate!, 'AWS::WAFv2::WebACL');

  it('is CloudFront-scoped, made in us-east-1 by the edge stack when the main stack is elsewhere', () => {
    expect(hk.edge!.region).toBe('us-east-1');
    expect(acl().Scope).toBe('CLOUDFRONT');
    expect(acl().DefaultAction).toEqual({ Allow: {} });
    hk.template.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it('runs the AWS managed common and known-bad-input rule sets, counting only the body-size rule (uploads)', () => {
    const groups = (acl().Rules as any[]).filter((r) => r.Statement.ManagedRuleGroupStatement);
    expect(groups.map((r) => [r.Statement.ManagedRuleGroupStatement.VendorName, r.Statement.ManagedRuleGroupStatement.Name])).toEqual(
      MANAGED_RULE_GROUPS.map((n) => ['AWS', n]),
    );
    expect(MANAGED_RULE_GROUPS).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    for (const g of groups) expect(g.OverrideAction).toEqual({ None: {} });
    expect(groups[0].Statement.ManagedRuleGroupStatement.RuleActionOverrides).toEqual(
      COMMON_RULES_COUNTED.map((Name) => ({ Name, ActionToUse: { Count: {} } })),
    );
    expect(groups[1].Statement.ManagedRuleGroupStatement.RuleActionOverrides).toBeUndefined();
  });

  it('rate-limits each IP on sign-in and the public write routes (scope-down on the path), 429 with the app’s error body', () => {
    const rate = (acl().Rules as any[]).find((r) => r.Statement.RateBasedStatement);
    expect(rate.Priority).toBe(0);
    expect(rate.Statement.RateBasedStatement).toMatchObject({ Limit: EDGE_DEFAULTS.wafRateLimit, AggregateKeyType: 'IP', EvaluationWindowSec: 300 });
    const scope = rate.Statement.RateBasedStatement.ScopeDownStatement.RegexMatchStatement;
    expect(scope.FieldToMatch).toEqual({ UriPath: {} });
    expect(scope.RegexString).toBe(RATE_LIMITED_PATHS);
    expect(scope.TextTransformations.map((t: any) => t.Type)).toEqual(['URL_DECODE', 'NORMALIZE_PATH']);
    expect(rate.Action.Block.CustomResponse).toMatchObject({ ResponseCode: 429, CustomResponseBodyKey: 'rateLimited' });
    const body = JSON.parse(acl().CustomResponseBodies.rateLimited.Content);
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    // the paths: sign-in and the rest of /api/auth/, and the tenants' public writes
    const re = new RegExp(scope.RegexString);
    for (const p of [
      '/api/auth/login',
      '/api/auth/password-reset',
      '/api/auth/password-reset/tok',
      '/api/auth/invitations/tok/accept',
      '/api/public/demo/checkout',
      '/api/public/demo/donate',
      '/api/public/demo/applications',
      '/api/public/demo/concerns',
    ]) {
      expect(re.test(p), p).toBe(true);
    }
    for (const p of ['/api/health', '/api/villages', '/api/public/demo/shop', '/api/public/demo/checkouts', '/auth/login', '/api/users'])
      expect(re.test(p), p).toBe(false);
  });

  it('takes its limit from context', () => {
    const rate = (one(useast.template, 'AWS::WAFv2::WebACL').Rules as any[]).find((r) => r.Statement.RateBasedStatement);
    expect(rate.Statement.RateBasedStatement.Limit).toBe(120);
  });

  it('is the distribution’s: across regions through CDK’s cross-region reference, in us-east-1 directly', () => {
    const web = one(hk.template, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(JSON.stringify(web.WebACLId)).toMatch(/ExportsReader.*WafWebAcl.*Arn/);
    expect(hk.main._crossRegionReferences).toBe(true);
    const local = one(useast.template, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(local.WebACLId).toEqual({ 'Fn::GetAtt': [useast.main.getLogicalId(useast.main.waf!.webAcl), 'Arn'] });
    expect(useast.edge).toBeUndefined();
  });
});

describe('the HTTP API only through CloudFront', () => {
  it('CloudFront sends the generated origin secret to the API origin as a dynamic reference, never a literal', () => {
    const secretId = hk.main.getLogicalId(hk.main.originSecret.node.defaultChild as never);
    hk.template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true } });
    const origins = one(hk.template, 'AWS::CloudFront::Distribution').DistributionConfig.Origins as any[];
    const api = origins.find((o) => o.CustomOriginConfig);
    const reference = { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] };
    expect(api.OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_SECRET_HEADER, HeaderValue: reference }]);
    // the functions behind the HTTP API check it; the jobs function has no HTTP route
    const fns = hk.template.findResources('AWS::Lambda::Function');
    for (const fn of [hk.main.api.function, hk.main.webhooks.function, hk.main.ledger.function]) {
      expect(fns[id(hk.main, fn.fn)].Properties.Environment.Variables.ORIGIN_SECRET).toEqual(reference);
    }
    expect(fns[id(hk.main, hk.main.jobs.function.fn)].Properties.Environment.Variables.ORIGIN_SECRET).toBeUndefined();
  });
});

describe('throttling and concurrency', () => {
  it('throttles the HTTP API’s $default stage, by context or the defaults', () => {
    expect(one(hk.template, 'AWS::ApiGatewayV2::Stage')).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: EDGE_DEFAULTS.apiRateLimit, ThrottlingBurstLimit: EDGE_DEFAULTS.apiBurstLimit },
    });
    expect(one(useast.template, 'AWS::ApiGatewayV2::Stage').DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 80 });
  });

  it('reserves concurrency per function: the defaults, overrides from context, none at all with `none`', () => {
    const reserved = (m: ReturnType<typeof make>) => {
      const fns = m.template.findResources('AWS::Lambda::Function');
      const s = m.main;
      return Object.fromEntries(
        Object.entries({ api: s.api.function.fn, webhooks: s.webhooks.function.fn, jobs: s.jobs.function.fn, ledger: s.ledger.function.fn }).map(([n, f]) => [
          n,
          fns[id(s, f)].Properties.ReservedConcurrentExecutions,
        ]),
      );
    };
    expect(reserved(hk)).toEqual(EDGE_DEFAULTS.reservedConcurrency);
    expect(reserved(useast)).toEqual({ ...EDGE_DEFAULTS.reservedConcurrency, api: 40, jobs: 2 });
    expect(edgeConfig((k) => ({ reservedConcurrency: 'none' })[k]).reservedConcurrency).toEqual({});
    expect(() => edgeConfig((k) => ({ reservedConcurrency: 'api=0' })[k])).toThrow(/reservedConcurrency/);
    expect(() => edgeConfig((k) => ({ reservedConcurrency: 'worker=3' })[k])).toThrow(/unknown function/);
  });
});

describe('access logs', () => {
  const expectLogBucket = (t: Template, bucketId: string) => {
    const b = t.findResources('AWS::S3::Bucket')[bucketId].Properties;
    expect(b.LifecycleConfiguration.Rules).toEqual([expect.objectContaining({ Status: 'Enabled', ExpirationInDays: ACCESS_LOG_DAYS })]);
    expect(b.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(b.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    // CloudFront's log delivery writes with an ACL: ACLs enabled, the bucket owner preferred
    expect(b.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerPreferred' }]);
    const policy = Object.values(t.findResources('AWS::S3::BucketPolicy')).find(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
    )!;
    expect(
      (policy.Properties.PolicyDocument.Statement as any[]).some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
    ).toBe(true);
  };

  it('CloudFront logs to a bucket with an expiry: the edge stack’s in us-east-1, or the main stack’s own', () => {
    const edgeBucket = hk.edge!.getLogicalId(hk.edge!.logs.bucket.node.defaultChild as never);
    expectLogBucket(hk.edgeTemplate!, edgeBucket);
    const logging = one(hk.template, 'AWS::CloudFront::Distribution').DistributionConfig.Logging;
    expect(logging.Prefix).toBe('cloudfront/');
    expect(JSON.stringify(logging.Bucket)).toMatch(/ExportsReader.*CloudFrontLogsBucket.*RegionalDomainName/);
    const mainBucket = id(useast.main, useast.main.logs.bucket);
    expectLogBucket(useast.template, mainBucket);
    expect(one(useast.template, 'AWS::CloudFront::Distribution').DistributionConfig.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [mainBucket, 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
  });

  it('the web and files buckets log their access to the main stack’s log bucket', () => {
    const logs = id(hk.main, hk.main.logs.bucket);
    expectLogBucket(hk.template, logs);
    const buckets = hk.template.findResources('AWS::S3::Bucket');
    expect(buckets[id(hk.main, hk.main.web.bucket)].Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logs },
      LogFilePrefix: 's3/web/',
    });
    expect(buckets[id(hk.main, hk.main.files.bucket)].Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logs },
      LogFilePrefix: 's3/files/',
    });
  });

  it('the HTTP API stage writes a JSON access log, without query strings, to a log group with a retention', () => {
    const stage = one(hk.template, 'AWS::ApiGatewayV2::Stage');
    const groupId = stage.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(hk.template.findResources('AWS::Logs::LogGroup')[groupId].Properties.RetentionInDays).toBe(ACCESS_LOG_DAYS);
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({ ip: '$context.identity.sourceIp', status: '$context.status', path: '$context.path' });
    expect(stage.AccessLogSettings.Format).not.toMatch(/querystring|\$context\.(requestOverride|authorizer)/i);
  });
});

describe('TLS and the custom domain', () => {
  it('with domainName and certificateArn: that name, the certificate, TLS 1.2 at least; links use the domain', () => {
    const d = one(useast.template, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(d.Aliases).toEqual(['bangfu.example.org']);
    expect(d.ViewerCertificate).toEqual({ AcmCertificateArn: CERT, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    const api = useast.template.findResources('AWS::Lambda::Function')[id(useast.main, useast.main.api.function.fn)].Properties;
    expect(api.Environment.Variables.PUBLIC_URL).toBe('https://bangfu.example.org');
  });

  it('without: CloudFront’s default certificate (its policy cannot be set), on the distribution’s own name', () => {
    const d = one(hk.template, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(d.Aliases).toBeUndefined();
    expect(d.ViewerCertificate).toBeUndefined();
  });

  it('refuses half a domain, or a certificate outside us-east-1', () => {
    expect(() => edgeConfig((k) => ({ domainName: 'bangfu.example.org' })[k])).toThrow(/go together/);
    expect(() => edgeConfig((k) => ({ domainName: 'bangfu.example.org', certificateArn: CERT.replace('us-east-1', 'ap-east-1') })[k])).toThrow(/us-east-1/);
  });
});
