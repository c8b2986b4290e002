import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { BangfuStack } from '../../infra/stack.js';

// Issue 4's part of the stack: the photos bucket, the Stripe secrets, the webhooks function on its
// own route, and the jobs function on an EventBridge Scheduler schedule — each with least access.

let stack: BangfuStack;
let template: Template;
const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);

beforeAll(() => {
  stack = new BangfuStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'BangfuStack', {
    env: { account: '111111111111', region: 'ap-east-1' },
    stripeSecretName: 'bangfu/stripe-test',
  });
  template = Template.fromStack(stack);
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const statementsOfRole = (roleId: string): Statement[] =>
  Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
const roleOf = (fn: CfnFunction | { role?: { node: { defaultChild?: unknown } } }) => id((fn as { role: { node: { defaultChild?: unknown } } }).role);
const functionProps = (fnId: string) => template.findResources('AWS::Lambda::Function')[fnId].Properties;

describe('the Stripe secrets', () => {
  const EXTENSION_LAYER = /^arn:aws:lambda:ap-east-1:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\d+$/;
  const secretArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:ap-east-1:111111111111:secret:bangfu/stripe-test-??????']] };

  it('reach the API, webhooks and ledger functions as the secret’s name, with the Parameters and Secrets extension’s layer and the Stripe SDK’s', () => {
    // the SDK in no bundle, in a layer of its own (infra/stripe-layer.ts), the same for the three
    const sdk = Object.entries(template.findResources('AWS::Lambda::LayerVersion')).filter(([, l]) => String(l.Properties.Description).startsWith('stripe '));
    expect(sdk).toHaveLength(1);
    for (const fn of [stack.api.function.fn, stack.webhooks.function.fn, stack.ledger.function.fn]) {
      const props = functionProps(id(fn));
      const vars = props.Environment.Variables;
      expect(vars.STRIPE_SECRET_ID).toBe('bangfu/stripe-test');
      expect(vars.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT).toBe('2773');
      expect(vars).not.toHaveProperty('STRIPE_SECRET_KEY');
      expect(vars).not.toHaveProperty('STRIPE_WEBHOOK_SECRET');
      expect(props.Layers).toHaveLength(2);
      expect(props.Layers.filter((l: unknown) => typeof l === 'string')).toEqual([expect.stringMatching(EXTENSION_LAYER)]);
      expect(props.Layers).toContainEqual({ Ref: sdk[0][0] });
    }
  });

  it('are never in the template: no value, no dynamic reference', () => {
    const json = JSON.stringify(template.toJSON());
    expect(json).not.toMatch(/sk_(test|live)_|rk_(test|live)_|whsec_/);
    // the template's only dynamic references are to the generated origin secret (issue 15), none to Stripe's
    expect(json).not.toMatch(/\{\{resolve:(?!secretsmanager:",\{"Ref":"OriginSecret[0-9A-F]{8}"\},":SecretString:::\}\})/);
    expect(json).not.toContain('bangfu/stripe-test:');
  });

  it('may be read (GetSecretValue, nothing more) by the API, webhooks and ledger (payouts) functions, on that secret only', () => {
    for (const fn of [stack.api.function.fn, stack.webhooks.function.fn, stack.ledger.function.fn]) {
      const secrets = statementsOfRole(roleOf(fn)).filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
      expect(secrets).toEqual([{ Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: secretArn }]);
    }
    // and nobody else may read any secret
    const all = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    expect(all.filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')))).toHaveLength(3);
  });

  it('are not given to the jobs function, which moves no money: no secret id, no layer, no grant', () => {
    const props = functionProps(id(stack.jobs.function.fn));
    // the table, and the web app's address for the links in notification emails (issue 14)
    expect(Object.keys(props.Environment.Variables).sort()).toEqual(['NODE_OPTIONS', 'PUBLIC_URL', 'TABLE_NAME']);
    expect(props.Environment.Variables.TABLE_NAME).toEqual({ Ref: id(stack.table.table) });
    expect(props.Layers).toBeUndefined();
    expect(statementsOfRole(roleOf(stack.jobs.function.fn)).filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')))).toEqual([]);
  });
});

describe('the webhooks function', () => {
  it('has its own route, POST /api/webhooks/stripe, on the HTTP API', () => {
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const integrationId = Object.entries(integrations).find(([, r]) =>
      JSON.stringify(r.Properties.IntegrationUri).includes(id(stack.webhooks.function.fn)),
    )![0];
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      ApiId: { Ref: id(stack.api.httpApi) },
      RouteKey: 'POST /api/webhooks/stripe',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
    });
  });

  it('runs Node 22 on ARM like the others and touches only the table (and reads the Stripe secret)', () => {
    expect(functionProps(id(stack.webhooks.function.fn))).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
    const services = new Set(
      statementsOfRole(roleOf(stack.webhooks.function.fn))
        .flatMap(actionsOf)
        .map((a) => a.split(':')[0]),
    );
    expect([...services].filter((s) => !['xray', 'logs'].includes(s)).sort()).toEqual(['dynamodb', 'secretsmanager']);
  });
});

describe('the jobs function', () => {
  it('runs every minute from an EventBridge Scheduler schedule', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Target: { Arn: { 'Fn::GetAtt': [id(stack.jobs.function.fn), 'Arn'] } },
    });
  });

  it('is invoked by a scheduler role that may invoke it and nothing else', () => {
    const schedule = Object.values(template.findResources('AWS::Scheduler::Schedule'))[0].Properties;
    const roleId = schedule.Target.RoleArn['Fn::GetAtt'][0] as string;
    const statements = statementsOfRole(roleId);
    expect(statements.flatMap(actionsOf)).toEqual(['lambda:InvokeFunction']);
    for (const s of statements) {
      const resources = JSON.stringify(s.Resource);
      expect(resources).toContain(id(stack.jobs.function.fn));
      expect(resources).not.toContain('"*"');
    }
  });

  it('touches only the table (no S3, no Cognito, no Scan)', () => {
    const actions = statementsOfRole(roleOf(stack.jobs.function.fn)).flatMap(actionsOf);
    expect(actions.filter((a) => !/^(dynamodb|xray|logs):/.test(a))).toEqual([]);
    expect(actions).not.toContain('dynamodb:Scan');
  });
});

describe('the photos bucket', () => {
  it('is private: public access blocked, TLS only, kept with the data', () => {
    const bucketId = id(stack.files.bucket);
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    expect(template.findResources('AWS::S3::Bucket')[bucketId].Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find((p) => JSON.stringify(p.Properties.Bucket).includes(bucketId))!;
    const statements = policy.Properties.PolicyDocument.Statement as any[];
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
    expect(statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
  });

  it('the API may read, write and delete its photos, vouchers and evidence there, the ledger function its payout evidence and application documents, and nothing more', () => {
    const bucketId = id(stack.files.bucket);
    const objects = (suffix: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, suffix]] });
    const s3 = statementsOfRole(roleOf(stack.api.function.fn)).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.length).toBeGreaterThan(0);
    for (const s of s3) {
      // every file key the API writes (functions/modules/produce/photos.ts, donations/files.ts) is covered, nothing else
      expect(s.Resource).toEqual([objects('/*/photos/*'), objects('/*/vouchers/*'), objects('/*/evidence/*')]);
    }
    expect(s3.flatMap(actionsOf).sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    const ledgerS3 = statementsOfRole(roleOf(stack.ledger.function.fn)).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    // payout evidence, and the applications' registration documents (issue 14); and, read only, the
    // web bucket's index.html, which the share pages are made from (issue 16, functions/http/share-meta.ts)
    expect(ledgerS3.map((s) => s.Resource)).toEqual([
      [objects('/*/payouts/*'), objects('/*/applications/*')],
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^WebBucket/), 'Arn'] }, '/index.html']] },
    ]);
    expect(actionsOf(ledgerS3[1]!)).toEqual(['s3:GetObject']);
    for (const fn of [stack.webhooks.function.fn, stack.jobs.function.fn]) {
      expect(
        statementsOfRole(roleOf(fn))
          .flatMap(actionsOf)
          .filter((a) => a.startsWith('s3:')),
      ).toEqual([]);
    }
    expect(functionProps(id(stack.api.function.fn)).Environment.Variables.FILES_BUCKET).toEqual({ Ref: bucketId });
  });
});

describe('outputs', () => {
  it('name the webhook endpoint to register in Stripe', () => {
    expect(template.findOutputs('StripeWebhookUrl').StripeWebhookUrl).toBeDefined();
  });
});
