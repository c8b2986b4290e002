import { beforeAll, describe, expect, it } from 'vitest';
import { buildWebhookApp } from '../../functions/app.js';
import { lambdaEnv, webhooksEnv } from '../../functions/entries/env.js';
import { ORIGIN_SECRET_HEADER } from '../../functions/http/origin-secret.js';
import { makeHarness, type Harness } from '../support/harness.js';

// Issue 15, the AWS edge: the HTTP API's execute-api address is public, so on AWS the functions
// refuse every request that did not come through CloudFront (which adds ORIGIN_SECRET_HEADER with
// the Secrets Manager value the functions get as ORIGIN_SECRET); locally the check is off.

const SECRET = 'origin-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const through = { [ORIGIN_SECRET_HEADER]: SECRET };

let h: Harness;
let open: Harness;

beforeAll(async () => {
  h = await makeHarness({ deps: { originSecret: SECRET } });
  open = await makeHarness();
});

describe('with ORIGIN_SECRET set (on AWS)', () => {
  it('answers a request without the origin header 403, with a Chinese message and the security headers', async () => {
    const res = await h.call('GET', '/api/health');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBeTruthy();
  });

  it('answers a wrong or empty header 403', async () => {
    for (const value of ['', 'wrong', SECRET.slice(0, -1), `${SECRET}x`]) {
      expect((await h.call('GET', '/api/health', { headers: { [ORIGIN_SECRET_HEADER]: value } })).status, JSON.stringify(value)).toBe(403);
    }
  });

  it('lets a request with the header through', async () => {
    const res = await h.call('GET', '/api/health', { headers: through });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('refuses before anything else runs: sign-in, public writes, unknown paths, the OpenAPI document', async () => {
    const login = await h.call('POST', '/api/auth/login', { body: { email: 'admin@platform.test', password: 'x'.repeat(12) } });
    expect(login.status).toBe(403);
    const concern = await h.call('POST', '/api/public/nowhere/concerns', { body: {}, headers: { 'idempotency-key': 'k-1' } });
    expect(concern.status).toBe(403);
    expect((await h.call('GET', '/api/no-such-route')).status).toBe(403);
    expect((await h.call('GET', '/api/openapi.json')).status).toBe(403);
    // the same requests through CloudFront reach the app
    expect((await h.call('GET', '/api/no-such-route', { headers: through })).status).not.toBe(403);
    expect((await h.call('GET', '/api/openapi.json', { headers: through })).status).toBe(200);
  });

  it('guards the webhooks function’s app too (Stripe calls it through CloudFront)', async () => {
    const app = buildWebhookApp({ doc: h.deps.doc, tableName: h.deps.tableName, payments: h.deps.payments, clock: h.deps.clock, originSecret: SECRET });
    const post = (headers: Record<string, string>) =>
      app.request('/api/webhooks/stripe', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await post({})).status).toBe(403);
    // with the header the route itself answers (no signature: not a 403 of ours)
    const res = await post(through);
    expect(res.status).not.toBe(403);
  });
});

describe('without ORIGIN_SECRET (local mode, tests)', () => {
  it('checks nothing', async () => {
    expect((await open.call('GET', '/api/health')).status).toBe(200);
  });
});

describe('the functions’ environment', () => {
  const base = {
    TABLE_NAME: 'BangfuStack-DataTable-1ABC',
    USER_POOL_ID: 'ap-east-1_AbC123',
    USER_POOL_CLIENT_ID: 'x1y2',
    FILES_BUCKET: 'bangfustack-files-1abc',
    STRIPE_SECRET_ID: 'bangfu/stripe',
  };

  it('reads ORIGIN_SECRET when set, and refuses one too short to be a secret', () => {
    expect(lambdaEnv(base).ORIGIN_SECRET).toBeUndefined();
    expect(lambdaEnv({ ...base, ORIGIN_SECRET: SECRET }).ORIGIN_SECRET).toBe(SECRET);
    expect(webhooksEnv({ TABLE_NAME: base.TABLE_NAME, STRIPE_SECRET_ID: base.STRIPE_SECRET_ID, ORIGIN_SECRET: SECRET }).ORIGIN_SECRET).toBe(SECRET);
    expect(() => lambdaEnv({ ...base, ORIGIN_SECRET: 'short' })).toThrow(/ORIGIN_SECRET/);
  });
});
