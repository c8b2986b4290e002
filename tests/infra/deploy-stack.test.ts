import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/bundling.js';
import { API_BUNDLE_LIMIT } from '../bench/bundle-size.js';
import { TABLE_ACTIONS } from '../../infra/constructs/app-function.js';
import { JOB_SCHEDULES } from '../../infra/constructs/jobs.js';
import { BangfuStack } from '../../infra/stack.js';
import { contextFromArgv, parseStage, stackName } from '../../infra/stage.js';

// Issue 7: stages by context, the Lambda defaults fixed once for every function, least privilege,
// the job schedules, the alarms, and `npm run synth` with no AWS credentials and no CDK CLI.

const env = { account: '111111111111', region: 'ap-east-1' };
let dev: { stack: BangfuStack; template: Template };
let prod: { stack: BangfuStack; template: Template };

/** dev's cloud assembly (its bundles, as CDK packaged them): one synth serves every test of dev */
const devOutdir = mkdtempSync(path.join(tmpdir(), 'bangfu-synth-'));
beforeAll(() => {
  const make = (stage: 'dev' | 'prod', app = new App()) => {
    const stack = new BangfuStack(app, stackName(stage), { env, stage });
    return { stack, template: Template.fromStack(stack) };
  };
  dev = make('dev', new App({ outdir: devOutdir }));
  // prod's template is read for its settings only: its bundles would be dev's, so they are not built again
  prod = make('prod', new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
}, 300_000); // dev's synth bundles five functions with esbuild: slow on a loaded 2-core machine
afterAll(() => rmSync(devOutdir, { recursive: true, force: true }));

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const allStatements = (t: Template): Statement[] =>
  Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
const logicalId = (stack: BangfuStack, c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as never);
const appFunctions = (stack: BangfuStack) => ({
  api: stack.api.function.fn,
  webhooks: stack.webhooks.function.fn,
  jobs: stack.jobs.function.fn,
  ledger: stack.ledger.function.fn,
});

describe('stages', () => {
  it('come from the `stage` context: dev by default, dev or prod, anything else refused', () => {
    expect(parseStage(undefined)).toBe('dev');
    expect(parseStage('prod')).toBe('prod');
    expect(() => parseStage('staging')).toThrow(/unknown stage/);
    expect(stackName('prod')).toBe('Bangfu-prod');
    expect(contextFromArgv(['--context', 'stage=prod', '-c', 'alarmEmail=a@b.c', '--context=x=y=z'])).toEqual({ stage: 'prod', alarmEmail: 'a@b.c', x: 'y=z' });
  });

  it('prod keeps the table and the user pool: retained on stack deletion and deletion-protected', () => {
    prod.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { DeletionProtectionEnabled: true },
    });
    prod.template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', Properties: { DeletionProtection: 'ACTIVE' } });
  });

  it('dev is disposable: the table and the pool go with the stack, unprotected', () => {
    dev.template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete', Properties: { DeletionProtectionEnabled: false } });
    dev.template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete', Properties: { DeletionProtection: 'INACTIVE' } });
  });

  it('name no resource by a fixed physical name (stages side by side in one account)', () => {
    for (const { template } of [dev, prod]) {
      const named = Object.values(template.toJSON().Resources as Record<string, { Properties?: Record<string, unknown> }>).filter(
        // a literal name (a reference to a generated one, as a permission's FunctionName, is fine)
        (r) =>
          r.Properties &&
          ['TableName', 'UserPoolName', 'BucketName', 'FunctionName', 'TopicName', 'LogGroupName'].some((k) => typeof r.Properties![k] === 'string'),
      );
      expect(named).toEqual([]);
    }
  });

  it('hold no secret value, and no dynamic reference but the origin secret’s: Stripe’s keys are read at cold start', () => {
    const json = JSON.stringify(prod.template.toJSON());
    expect(json).not.toMatch(/sk_(test|live)_|rk_(test|live)_|whsec_|-----BEGIN/);
    // issue 15: the one dynamic reference is to the generated origin secret (CloudFront's origin
    // header and the functions behind the HTTP API); never to the Stripe secret
    const originSecret = logicalId(prod.stack, prod.stack.originSecret);
    const refs = json.match(/\{\{resolve:[^"]*"(,\{"Ref":"[^"]+"\},"[^"]*)?/g) ?? [];
    expect(refs.length).toBe(4); // the /api/* origin's header; the api, webhooks and ledger functions
    for (const r of refs) expect(r).toBe(`{{resolve:secretsmanager:",{"Ref":"${originSecret}"},":SecretString:::}}`);
  });
});

describe('a Stripe secret that changed', () => {
  it('needs no deploy: the functions hold its name, not its value, and read it at their next cold start', () => {
    const stripeFns = Object.values(prod.template.findResources('AWS::Lambda::Function')).filter((f) => f.Properties.Environment.Variables.STRIPE_SECRET_ID);
    // api, webhooks and ledger (stripe_transfer payouts)
    expect(stripeFns).toHaveLength(3);
    for (const f of stripeFns) {
      expect(f.Properties.Environment.Variables.STRIPE_SECRET_ID).toBe('bangfu/stripe');
      expect(Object.keys(f.Properties.Environment.Variables).filter((k) => /STRIPE_(SECRET_KEY|WEBHOOK_SECRET|SECRET_REVISION)/.test(k))).toEqual([]);
    }
  });
});

describe('every function (made through AppFunction)', () => {
  it('runs nodejs22.x on arm64, traced by X-Ray, with its timeout, memory and source maps', () => {
    const fns = prod.template.findResources('AWS::Lambda::Function');
    // and the photos function (issue 16; tests/infra/photos-presign.test.ts): no table, so not in appFunctions
    expect(Object.keys(fns)).toHaveLength(5);
    for (const [name, fn] of Object.entries(appFunctions(prod.stack))) {
      const p = fns[logicalId(prod.stack, fn)].Properties;
      expect(p, name).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' }, Handler: 'index.handler' });
      expect(p.Timeout, name).toBeGreaterThan(0);
      expect(p.Timeout, name).toBeLessThanOrEqual(50);
      expect(p.MemorySize, name).toBeGreaterThanOrEqual(512);
      expect(p.Environment.Variables.NODE_OPTIONS, name).toBe('--enable-source-maps');
      expect(p.Environment.Variables.TABLE_NAME, name).toEqual({ Ref: logicalId(prod.stack, prod.stack.table.table) });
    }
  });

  it('logs to a log group of its own with a retention', () => {
    const fns = prod.template.findResources('AWS::Lambda::Function');
    const groups = prod.template.findResources('AWS::Logs::LogGroup');
    const used = Object.values(fns).map((f) => f.Properties.LoggingConfig.LogGroup.Ref as string);
    expect(new Set(used).size).toBe(5);
    for (const g of used) expect(groups[g].Properties.RetentionInDays).toBe(30);
  });

  it('is bundled minified, with a source map, for Node 22, the AWS SDK it loads on first use left to the runtime', () => {
    // the asset's bundle: the esbuild output CDK packaged (dev's synth in beforeAll, into devOutdir)
    const outdir = devOutdir;
    {
      const bundles = readdirSync(outdir).filter((d) => d.startsWith('asset.') && readdirSync(path.join(outdir, d)).includes('index.mjs'));
      expect(bundles).toHaveLength(5);
      for (const d of bundles) {
        const files = readdirSync(path.join(outdir, d));
        expect(files).toContain('index.mjs.map');
        const code = readFileSync(path.join(outdir, d, 'index.mjs'), 'utf8');
        // minified: no indentation, few lines for its size
        expect(code.split('\n').length).toBeLessThan(code.length / 500);
        // no static import of the runtime's SDK: what the bundle leaves out is only ever import()ed
        // (infra/bundling.ts LAZY_AWS_SDK), so a cold start never loads its CommonJS files
        expect(code).not.toMatch(/(from|import)\s*["']@aws-sdk\//);
        // infra/bundling.ts's alias reached NodejsFunction's esbuild: zod without its locales
        expect(code).not.toContain('Ungültige Eingabe');
        expect(code).toContain('Invalid input');
        // the Stripe SDK is in no bundle: its layer (infra/stripe-layer.ts) provides it on first use
        expect(code).not.toContain('Stripe-Version');
      }
      // the API's bundle (its source map names functions/entries/lambda.ts) stays under API_BUNDLE_LIMIT
      const api = bundles.filter((d) =>
        (JSON.parse(readFileSync(path.join(outdir, d, 'index.mjs.map'), 'utf8')).sources as string[]).some((s) => s.endsWith('functions/entries/lambda.ts')),
      );
      expect(api).toHaveLength(1);
      expect(statSync(path.join(outdir, api[0], 'index.mjs')).size).toBeLessThan(API_BUNDLE_LIMIT);
    }
  });

  it('gets only item-level table actions on the table and its indexes: no `*`, no dynamodb:*, no Scan', () => {
    const tableArn = { 'Fn::GetAtt': [logicalId(prod.stack, prod.stack.table.table), 'Arn'] };
    const statements = allStatements(prod.template);
    // the jobs function's stream reading (the notification outbox) is the stream's own actions on the stream (stack.test.ts)
    const streamOnly = (s: Parameters<typeof actionsOf>[0]) =>
      actionsOf(s).every((a) => ['dynamodb:ListStreams', 'dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'].includes(a));
    const dynamo = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')) && !streamOnly(s));
    expect(dynamo).toHaveLength(4);
    for (const s of dynamo) {
      expect(new Set(actionsOf(s))).toEqual(new Set(TABLE_ACTIONS.readWrite));
      expect(resourcesOf(s)).toEqual([tableArn, { 'Fn::Join': ['', [tableArn, '/index/*']] }]);
    }
    for (const s of statements) {
      expect(actionsOf(s).some((a) => /^[a-z0-9-]+:\*$/.test(a) || a === '*')).toBe(false);
      // X-Ray's two write actions take no resource but `*` (they name no resource at all)
      // and listing the table's streams (the stream event source) takes `*` too
      if (resourcesOf(s).includes('*') && !actionsOf(s).includes('dynamodb:ListStreams'))
        expect(new Set(actionsOf(s))).toEqual(new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']));
    }
  });
});

describe('the job schedules', () => {
  const schedules = () => Object.values(prod.template.findResources('AWS::Scheduler::Schedule')).map((s) => s.Properties);

  it('run the sweeper every minute and the report deadlines every hour, each naming its job', () => {
    const jobsArn = { 'Fn::GetAtt': [logicalId(prod.stack, prod.stack.jobs.function.fn), 'Arn'] };
    const byJob = Object.fromEntries(schedules().map((s) => [JSON.parse(s.Target.Input).job, s]));
    expect(Object.keys(byJob).sort()).toEqual(Object.keys(JOB_SCHEDULES).sort());
    expect(byJob['release-expired-holds']).toMatchObject({
      ScheduleExpression: 'rate(1 minute)',
      State: 'ENABLED',
      Target: { Arn: jobsArn, RetryPolicy: { MaximumRetryAttempts: 0 } },
    });
    expect(byJob['report-deadlines']).toMatchObject({ ScheduleExpression: 'cron(5 * * * ? *)', State: 'ENABLED', Target: { Arn: jobsArn } });
    expect(byJob['report-reminders']).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED', Target: { Arn: jobsArn } });
    expect(byJob['deliver-notifications']).toMatchObject({ ScheduleExpression: 'rate(1 minute)', State: 'ENABLED', Target: { Arn: jobsArn } });
  });

  it('invoke through roles that may invoke the jobs function and nothing else', () => {
    const jobsId = logicalId(prod.stack, prod.stack.jobs.function.fn);
    for (const s of schedules()) {
      const roleId = s.Target.RoleArn['Fn::GetAtt'][0] as string;
      const statements = Object.values(prod.template.findResources('AWS::IAM::Policy'))
        .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
      expect(new Set(statements.flatMap(actionsOf))).toEqual(new Set(['lambda:InvokeFunction']));
      for (const st of statements) for (const r of resourcesOf(st)) expect(JSON.stringify(r)).toContain(jobsId);
    }
  });
});

describe('the alarms', () => {
  const alarms = () => Object.values(prod.template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const topicRef = () => ({ Ref: logicalId(prod.stack, prod.stack.alarms.topic) });

  it('watch the HTTP API’s 5xx answers', () => {
    const api = alarms().filter((a) => a.Namespace === 'AWS/ApiGateway');
    expect(api).toHaveLength(1);
    expect(api[0]).toMatchObject({
      MetricName: '5xx',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalId(prod.stack, prod.stack.api.httpApi) } }],
      AlarmActions: [topicRef()],
    });
  });

  it('watch every function’s errors and throttles', () => {
    const lambda = alarms().filter((a) => a.Namespace === 'AWS/Lambda');
    for (const fn of Object.values(appFunctions(prod.stack))) {
      const fnRef = JSON.stringify({ Ref: logicalId(prod.stack, fn) });
      const mine = lambda.filter((a) => JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: JSON.parse(fnRef) }]));
      expect(mine.map((a) => a.MetricName).sort()).toEqual(['Errors', 'Throttles']);
      for (const a of mine) expect(a.AlarmActions).toEqual([topicRef()]);
    }
    // and the photos function's two (issue 16)
    expect(lambda).toHaveLength(10);
  });

  it('mail an address when one is given by context, and none otherwise', () => {
    prod.template.resourceCountIs('AWS::SNS::Subscription', 0);
    const t = Template.fromStack(
      new BangfuStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Bangfu-prod', { env, stage: 'prod', alarmEmail: 'ops@example.org' }),
    );
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' });
  });
});

describe('npm run synth', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'bangfu-cdkout-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes the stage’s stack with no AWS credentials, no CDK CLI and no account', async () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(AWS_|CDK_)/.test(k)));
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.synth).toBe('tsx infra/app.ts');
    // deploy goes through the CDK CLI installed as a dev dependency (nothing fetched at deploy time)
    expect(pkg.scripts.deploy).toMatch(/^cdk deploy /);
    expect(pkg.devDependencies['aws-cdk']).toBeDefined();
    await promisify(execFile)(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['infra/app.ts', '--context', 'stage=prod'], {
      cwd: REPO_ROOT,
      env: { ...clean, CDK_OUTDIR: outdir, HOME: outdir },
      timeout: 120_000,
    });
    const template = JSON.parse(readFileSync(path.join(outdir, 'Bangfu-prod.template.json'), 'utf8'));
    expect(template.Resources[Object.keys(template.Resources).find((k) => template.Resources[k].Type === 'AWS::DynamoDB::Table')!].DeletionPolicy).toBe(
      'Retain',
    );
    expect(template.Outputs.Stage.Value).toBe('prod');
    // environment-agnostic: the deploying credentials pick the account and region. The only account
    // ids are AWS's own, in the region → layer ARN mapping of the Parameters and Secrets extension
    const text = readFileSync(path.join(outdir, 'Bangfu-prod.template.json'), 'utf8');
    const layerArns = /arn:aws(-[a-z]+)*:lambda:[a-z0-9-]+:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension(-Arm64)?:\d+/g;
    expect(text.match(layerArns)?.length).toBeGreaterThan(0);
    expect(text.replace(layerArns, '')).not.toMatch(/\b\d{12}\b/);
    expect(template.Mappings).toEqual({ ParamsandsecretslayerMap: expect.any(Object) });
  }, 120_000);
});
