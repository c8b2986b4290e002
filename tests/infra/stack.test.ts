import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOM_CLAIMS } from '../../functions/adapters/cognito.js';
import { INDEXES } from '../../functions/store/table.js';
import { UserInput } from '../../shared/schemas/identity.js';
import { BangfuStack } from '../../infra/stack.js';
import { contentSecurityPolicyHeader } from '../../functions/http/security-headers.js';

// one synth (with the API bundled by esbuild) for the whole file
let stack: BangfuStack;
let template: Template;
let apiFunctionId: string;
let tableId: string;
let httpApiId: string;

beforeAll(() => {
  stack = new BangfuStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'BangfuStack', { env: { account: '111111111111', region: 'ap-east-1' } });
  template = Template.fromStack(stack);
  apiFunctionId = stack.getLogicalId(stack.api.function.fn.node.defaultChild as CfnFunction);
  tableId = stack.getLogicalId(stack.table.table.node.defaultChild as never);
  httpApiId = stack.getLogicalId(stack.api.httpApi.node.defaultChild as never);
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const statements = (t: Template): Statement[] =>
  Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
/** The statements of the policies attached to one role (by the role's logical id). */
const statementsOfRole = (t: Template, roleId: string): Statement[] =>
  Object.values(t.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

const STREAM_ACTIONS = ['dynamodb:ListStreams', 'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];

describe('the table', () => {
  it('is keyed by pk/sk strings, billed on demand, with point-in-time recovery and TTL on expiresAt', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('has exactly the GSIs of functions/store/table.ts, string keys, all attributes projected', () => {
    const table = template.findResources('AWS::DynamoDB::Table')[tableId].Properties;
    const gsis = (table.GlobalSecondaryIndexes as any[]).map((g) => ({
      name: g.IndexName,
      keys: g.KeySchema,
      projection: g.Projection.ProjectionType,
    }));
    const expected = Object.entries(INDEXES).map(([name, k]) => ({
      name,
      keys: [
        { AttributeName: k.pk, KeyType: 'HASH' },
        { AttributeName: k.sk, KeyType: 'RANGE' },
      ],
      projection: 'ALL',
    }));
    expect(gsis.sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
    const types = Object.fromEntries((table.AttributeDefinitions as any[]).map((a) => [a.AttributeName, a.AttributeType]));
    for (const k of Object.values(INDEXES)) expect([types[k.pk], types[k.sk]]).toEqual(['S', 'S']);
  });

  it('outlives the stack and refuses deletion', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', Properties: { DeletionProtectionEnabled: true } });
  });
});

describe('the API function', () => {
  it('runs Node 22 on ARM with active tracing, source maps and the table, pool and client it needs', () => {
    const fn = template.findResources('AWS::Lambda::Function')[apiFunctionId].Properties;
    expect(fn).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: 512,
      Handler: 'index.handler',
    });
    expect(fn.Environment.Variables).toEqual({
      NODE_OPTIONS: '--enable-source-maps',
      TABLE_NAME: { Ref: tableId },
      USER_POOL_ID: { Ref: stack.getLogicalId(stack.identity.userPool.node.defaultChild as never) },
      USER_POOL_CLIENT_ID: { Ref: stack.getLogicalId(stack.identity.client.node.defaultChild as never) },
      FILES_BUCKET: { Ref: stack.getLogicalId(stack.files.bucket.node.defaultChild as never) },
      // the Stripe secret's name; the keys are read at cold start through the extension's layer
      STRIPE_SECRET_ID: 'bangfu/stripe',
      ...Object.fromEntries(
        Object.entries(fn.Environment.Variables).filter(([k]) => /^(PARAMETERS_SECRETS_EXTENSION|SECRETS_MANAGER|SSM_PARAMETER_STORE)_/.test(k)),
      ),
      PUBLIC_URL: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [stack.getLogicalId(stack.web.distribution.node.defaultChild as never), 'DomainName'] }]] },
      // issue 15: CloudFront's origin header value, resolved from Secrets Manager at deploy (never a literal)
      ORIGIN_SECRET: {
        'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: stack.getLogicalId(stack.originSecret.node.defaultChild as never) }, ':SecretString:::}}']],
      },
    });
    // logs go to a log group with a retention, not to one that keeps everything forever
    const logGroupId = fn.LoggingConfig.LogGroup.Ref as string;
    expect(template.findResources('AWS::Logs::LogGroup')[logGroupId].Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('may touch only the table and its indexes, and may not scan them', () => {
    // the jobs function's stream reading (the notification outbox, issue 14) is checked on its own below
    const dynamo = statements(template).filter(
      (s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')) && !actionsOf(s).every((a) => STREAM_ACTIONS.includes(a)),
    );
    expect(dynamo.length).toBeGreaterThan(0);
    const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
    for (const s of dynamo) {
      expect(actionsOf(s)).not.toContain('dynamodb:*');
      expect(actionsOf(s)).not.toContain('dynamodb:Scan');
      expect(resourcesOf(s)).not.toContain('*');
      expect(resourcesOf(s)).toEqual([tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }]);
    }
    const granted = new Set(dynamo.flatMap(actionsOf));
    for (const a of ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem', 'BatchGetItem']) {
      expect(granted).toContain(`dynamodb:${a}`);
    }
  });

  it('the table’s stream is read by the jobs function alone, and only the stream (ListStreams needs *)', () => {
    const stream = statements(template).filter((s) => actionsOf(s).some((a) => STREAM_ACTIONS.includes(a)));
    expect(stream.length).toBeGreaterThan(0);
    const jobsRole = stack.getLogicalId(stack.jobs.function.fn.role!.node.defaultChild as never);
    expect(statementsOfRole(template, jobsRole).filter((s) => actionsOf(s).some((a) => STREAM_ACTIONS.includes(a)))).toHaveLength(stream.length);
    for (const s of stream) {
      expect(actionsOf(s).every((a) => STREAM_ACTIONS.includes(a))).toBe(true);
      if (actionsOf(s).includes('dynamodb:ListStreams')) expect(actionsOf(s)).toEqual(['dynamodb:ListStreams']);
      else expect(resourcesOf(s)).toEqual([{ 'Fn::GetAtt': [tableId, 'StreamArn'] }]);
    }
  });

  it('may create, set the password of and delete users in the user pool, and nothing else there', () => {
    const roleId = stack.getLogicalId(stack.api.function.fn.role!.node.defaultChild as never);
    const cognito = statementsOfRole(template, roleId).filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:')));
    expect(cognito.length).toBeGreaterThan(0);
    const poolArn = { 'Fn::GetAtt': [stack.getLogicalId(stack.identity.userPool.node.defaultChild as never), 'Arn'] };
    for (const s of cognito) {
      expect(s.Effect).toBe('Allow');
      expect(resourcesOf(s)).toEqual([poolArn]);
    }
    expect(new Set(cognito.flatMap(actionsOf))).toEqual(
      // issue 15: and turning a user's software-token MFA on or aside (infra/constructs/identity.ts)
      new Set(['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminSetUserMFAPreference']),
    );
  });

  it('grants no cognito-idp action on every resource, nor every cognito-idp action, anywhere in the stack', () => {
    const cognito = statements(template).filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:')));
    expect(cognito.length).toBeGreaterThan(0);
    for (const s of cognito) {
      expect(resourcesOf(s)).not.toContain('*');
      expect(actionsOf(s)).not.toContain('cognito-idp:*');
    }
  });

  it('is reached through the HTTP API on every method under /api', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { ApiId: { Ref: httpApiId }, RouteKey: 'ANY /api/{proxy+}' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: { Ref: httpApiId },
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [apiFunctionId, 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
  });

  it('synthesizes without warnings or errors', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});

describe('the web distribution', () => {
  const distribution = () => Object.values(template.findResources('AWS::CloudFront::Distribution'))[0].Properties.DistributionConfig;

  it('serves web/dist with the same security headers as the API: CSP without inline scripts, never framed', () => {
    const policies = Object.entries(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(policies).toHaveLength(1);
    const [id, policy] = policies[0];
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toBe(contentSecurityPolicyHeader());
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toMatch(/script-src 'self'(;|$)/);
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toMatch(/frame-ancestors 'none'/);
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
    expect(headers.ContentTypeOptions.Override).toBe(true);
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
    expect(distribution().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: id });
  });

  it('sends /api/* to the HTTP API uncached, with every method and every viewer header but Host', () => {
    const api = (distribution().CacheBehaviors as any[]).find((b) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
    });
    const origin = (distribution().Origins as any[]).find((o) => o.Id === api.TargetOriginId);
    expect(origin.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
    expect(JSON.stringify(origin.DomainName)).toContain(httpApiId);
  });

  it('serves the web app from the bucket through origin access control', () => {
    const d = distribution();
    const origin = (d.Origins as any[]).find((o) => o.Id === d.DefaultCacheBehavior.TargetOriginId);
    expect(origin.S3OriginConfig).toBeDefined();
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(d.DefaultRootObject).toBe('index.html');
    expect(d.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('leaves the API’s 403 and 404 alone: the SPA fallback is a viewer-request function on the web behaviour only', () => {
    const d = distribution();
    expect(d.CustomErrorResponses).toBeUndefined();
    expect(d.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    expect(d.DefaultCacheBehavior.FunctionAssociations[0].EventType).toBe('viewer-request');
    const api = (d.CacheBehaviors as any[]).find((b) => b.PathPattern === '/api/*');
    expect(api.FunctionAssociations).toBeUndefined();
  });

  it('rewrites client-side routes to index.html and leaves files alone', () => {
    const code = Object.values(template.findResources('AWS::CloudFront::Function'))[0].Properties.FunctionCode as string;
    const route = (uri: string) => {
      const ctx: { out?: { uri: string } } = {};
      runInNewContext(`${code}\nout = handler({ request: { uri: ${JSON.stringify(uri)} } });`, ctx);
      return ctx.out!.uri;
    };
    expect(route('/')).toBe('/index.html');
    expect(route('/villages/v_123')).toBe('/index.html');
    expect(route('/shop/v.1/listing')).toBe('/index.html');
    expect(route('/assets/index-abc123.js')).toBe('/assets/index-abc123.js');
    expect(route('/favicon.ico')).toBe('/favicon.ico');
  });

  it('keeps the bucket private: all public access blocked, TLS only, readable by CloudFront alone', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    const webBucket = { Ref: stack.getLogicalId(stack.web.bucket.node.defaultChild as never) };
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify(webBucket),
    )!.Properties.PolicyDocument.Statement as any[];
    const allows = policy.filter((s) => s.Effect === 'Allow');
    expect(allows.map((s) => s.Principal)).toEqual([{ Service: 'cloudfront.amazonaws.com' }]);
    expect(policy.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
  });

  it('uploads nothing when web/dist was not built', () => {
    template.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });
});

describe('identity', () => {
  const schema = () => Object.values(template.findResources('AWS::Cognito::UserPool'))[0].Properties.Schema as any[];

  it('signs users in by email, with tenantId fixed at creation and role and organization changeable', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['email'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const byName = Object.fromEntries(schema().map((a) => [a.Name, a]));
    expect(byName.tenantId).toMatchObject({ AttributeDataType: 'String', Mutable: false });
    expect(byName.role).toMatchObject({ AttributeDataType: 'String', Mutable: true });
    expect(byName.organizationId).toMatchObject({ AttributeDataType: 'String', Mutable: true });
  });

  it('declares every custom attribute the API reads from ID tokens', () => {
    const declared = schema().map((a) => `custom:${a.Name}`);
    expect(declared).toEqual(expect.arrayContaining(Object.values(CUSTOM_CLAIMS)));
  });

  it('gives the web client the custom attributes to read but never to write', () => {
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0].Properties;
    expect(client.GenerateSecret).toBe(false);
    for (const a of Object.values(CUSTOM_CLAIMS)) {
      expect(client.ReadAttributes).toContain(a);
      expect(client.WriteAttributes).not.toContain(a);
    }
    expect(client.WriteAttributes.length).toBeGreaterThan(0); // an empty list would mean "all writable"
  });

  it('lets the web client sign in with a password (the API’s login) and keeps SRP', () => {
    const client = Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0].Properties;
    expect(client.ExplicitAuthFlows).toEqual(expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']));
    // no admin-side password flow: the API signs in as a public client would, with no IAM for it
    expect(client.ExplicitAuthFlows).not.toContain('ALLOW_ADMIN_USER_PASSWORD_AUTH');
  });

  it('accepts every password the API accepts when it creates a user', () => {
    const policy = Object.values(template.findResources('AWS::Cognito::UserPool'))[0].Properties.Policies.PasswordPolicy;
    expect(policy.MinimumLength).toBe(UserInput.shape.password.minLength);
    expect(policy).toMatchObject({ RequireLowercase: false, RequireUppercase: false, RequireNumbers: false, RequireSymbols: false });
  });
});

describe('outputs', () => {
  it('names the web URL, the API URL and the user pool', () => {
    const outputs = template.findOutputs('*');
    for (const name of ['WebUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId']) expect(outputs[name]).toBeDefined();
    expect(outputs.ApiUrl.Value).toEqual({ 'Fn::GetAtt': [httpApiId, 'ApiEndpoint'] });
  });
});

describe('with a web build', () => {
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(path.join(tmpdir(), 'bangfu-dist-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>帮扶通</title>');
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('uploads web/dist to the bucket and invalidates the distribution', () => {
    const withWeb = Template.fromStack(new BangfuStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'BangfuStack', { webDist: dist }));
    withWeb.resourceCountIs('Custom::CDKBucketDeployment', 1);
    withWeb.hasResourceProperties('Custom::CDKBucketDeployment', { DistributionPaths: ['/*'] });
  });
});
