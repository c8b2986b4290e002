import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { counterKey } from '../../functions/modules/counters/store.js';
import { getOrderRecord } from '../../functions/modules/orders/store.js';
import { weekCounterName } from '../../functions/modules/report-weeks/weeks.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { latestDueWeek } from '../../shared/dates.js';
import { DEFAULT_REPORT_DEADLINE } from '../../shared/tenant-defaults.js';
import { main as createAdmin } from '../../scripts/create-admin.js';
import { makeHarness, makeVillage, type Harness, type TestTenant } from '../support/harness.js';
import { buildBundles, describeSizes, importBundle, type Bundle, type EntryName } from './support/bundles.js';
import { CognitoEndpoint } from './support/cognito-endpoint.js';
import { SecretsExtension } from './support/secrets-extension.js';
import { enrolTotp } from '../support/mfa.js';
import { API_BUNDLE_LIMIT } from '../bench/bundle-size.js';

/**
 * The deployed code, as deployed: each function's esbuild bundle (built with infra/bundling.ts's
 * options, as NodejsFunction builds it), loaded by Node as the Lambda runtime loads it and called
 * with API Gateway v2 (payload 2.0) events and scheduler inputs, against DynamoDB Local. Cognito
 * stands in locally (support/cognito-endpoint.ts): its API for sign-in and user creation, and a
 * locally generated JWKS served at the pool's JWKS address. The Stripe keys come, at cold start,
 * from a stand-in for the Parameters and Secrets extension (support/secrets-extension.ts), as the
 * layer serves them on AWS. The first platform admin comes from
 * `npm run create-admin`'s code, reading the stack's outputs.
 */

type HttpResult = { statusCode: number; body: string; headers?: Record<string, string> };
type HttpHandler = (event: unknown, context: unknown) => Promise<HttpResult>;

const POOL = 'ap-east-1_Bundled1';
const CLIENT = 'bundledclient1';
const WEBHOOK_SECRET = 'whsec_bundledtest_0123456789';
const STRIPE_SECRET_ID = 'bangfu/stripe-bundled';
const ADMIN = { email: 'ops@bangfu.test', password: 'first-admin-pass-1' };
// the local-mode harness wrote its records two hours ago: its checkouts' holds have expired by now
const PAST = new Date(Date.now() - 2 * 3600_000);

let built: Awaited<ReturnType<typeof buildBundles>>;
let cognito: CognitoEndpoint;
let extension: SecretsExtension;
let h: Harness;
let local: TestTenant;
const handlers = {} as { api: HttpHandler; webhooks: HttpHandler; ledger: HttpHandler; jobs: (event?: unknown) => Promise<Record<string, unknown>> };

function event(method: string, rawPath: string, o: { token?: string; body?: unknown; headers?: Record<string, string>; routeKey?: string } = {}) {
  const [p, q = ''] = rawPath.split('?');
  const body = o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  const routeKey = o.routeKey ?? 'ANY /api/{proxy+}';
  return {
    version: '2.0',
    routeKey,
    rawPath: p,
    rawQueryString: q,
    headers: {
      host: 'abc123.execute-api.ap-east-1.amazonaws.com',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...o.headers,
    },
    requestContext: {
      accountId: '111111111111',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.ap-east-1.amazonaws.com',
      http: { method, path: p, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: `req-${Math.random().toString(36).slice(2)}`,
      routeKey,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  };
}

async function api(method: string, url: string, o: { token?: string; body?: unknown } = {}) {
  const res = await handlers.api(event(method, url, o), {});
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

async function signIn(email: string, password: string): Promise<string> {
  const res = await api('POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

beforeAll(async () => {
  built = await buildBundles();
  console.log(`Lambda bundles (esbuild, infra/bundling.ts options):\n${describeSizes(built.bundles)}`);
  cognito = await CognitoEndpoint.start(POOL, CLIENT);
  extension = await SecretsExtension.start();
  extension.put(STRIPE_SECRET_ID, { secretKey: 'sk_test_bundled', webhookSecret: WEBHOOK_SECRET });
  h = await makeHarness({ now: PAST });
  local = await h.tenant();

  const endpoint = inject('dynamoEndpoint');
  const env = {
    TABLE_NAME: h.deps.tableName,
    USER_POOL_ID: POOL,
    USER_POOL_CLIENT_ID: CLIENT,
    FILES_BUCKET: 'bangfu-files-bundled',
    STRIPE_SECRET_ID,
    ...extension.env,
    AWS_REGION: 'ap-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.url,
  };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);

  for (const name of ['api', 'webhooks', 'ledger', 'jobs'] as EntryName[]) {
    (handlers as Record<string, unknown>)[name] = (await importBundle(built.bundles[name] as Bundle)).handler;
  }
}, 180_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await cognito?.stop();
  await extension?.stop();
  built?.remove();
});

describe('the bundles', () => {
  it(`are printed with their sizes, and the API’s stays under ${API_BUNDLE_LIMIT} B minified`, () => {
    for (const b of Object.values(built.bundles)) expect(b.bytes).toBeGreaterThan(10_000);
    expect(built.bundles.api.bytes).toBeLessThan(API_BUNDLE_LIMIT);
  });
});

describe('the first platform admin (npm run create-admin)', () => {
  it('is created in the pool and the table from the stack’s outputs, once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bangfu-outputs-'));
    const outputs = path.join(dir, 'cdk-outputs.json');
    writeFileSync(outputs, JSON.stringify({ 'Bangfu-dev': { UserPoolId: POOL, UserPoolClientId: CLIENT, TableName: h.deps.tableName } }));
    const env = { ADMIN_PASSWORD: ADMIN.password } as NodeJS.ProcessEnv;
    const args = ['--email', ADMIN.email, '--stage', 'dev', '--outputs', outputs];
    vi.stubEnv('TABLE_NAME', undefined as never);
    vi.stubEnv('USER_POOL_ID', undefined as never);
    vi.stubEnv('USER_POOL_CLIENT_ID', undefined as never);
    try {
      expect(await createAdmin(args, env)).toMatch(/^platform admin ops@bangfu.test created in Bangfu-dev/);
      expect(await createAdmin(args, env)).toMatch(/already has a login/);
      await expect(createAdmin(['--email', 'x@example.org', '--stage', 'prod', '--outputs', outputs], env)).rejects.toThrow(
        /Bangfu-prod.*missing the user pool id.*missing the app client id.*missing the table name/,
      );
    } finally {
      vi.stubEnv('TABLE_NAME', h.deps.tableName);
      vi.stubEnv('USER_POOL_ID', POOL);
      vi.stubEnv('USER_POOL_CLIENT_ID', CLIENT);
    }
    expect(cognito.pool.user(ADMIN.email)).toMatchObject({
      status: 'CONFIRMED',
      attributes: { 'custom:tenantId': '_platform', 'custom:role': 'platform_admin' },
    });
    expect(cognito.pool.sentFor(ADMIN.email)).toEqual(['AdminCreateUser', 'AdminSetUserPassword']);
  });
});

describe('the bundled api handler', () => {
  let platform: string;
  let a: { id: string; token: string };
  let b: { id: string; token: string };
  let villageId: string;

  async function tenantWithBureau(slug: string) {
    const t = await api('POST', '/api/admin/tenants', {
      token: platform,
      body: { slug, name: `${slug} 民政局`, region: '测试县', mfaRequiredForBureauAdmins: false },
    });
    expect(t.status).toBe(201);
    const email = `admin@${slug}.bundled`;
    // POST /api/users is the back office's (ledger) function's, as infra routes it
    const created = await handlers.ledger(
      event('POST', '/api/users', { token: platform, body: { email, password: 'bureau-pass-1', role: 'bureau_admin', tenantId: t.body.id } }),
      {},
    );
    const u = { status: created.statusCode };
    expect(u.status).toBe(201);
    return { id: t.body.id as string, token: await signIn(email, 'bureau-pass-1') };
  }

  it('signs the platform admin in through Cognito and verifies the ID token against the pool’s JWKS', async () => {
    platform = await signIn(ADMIN.email, ADMIN.password);
    const me = await api('GET', '/api/me', { token: platform });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: ADMIN.email, role: 'platform_admin' });
    // fetched from Cognito's address (answered locally), once, then cached
    expect(cognito.jwksFetches).toEqual([`/${POOL}/.well-known/jwks.json`]);
    // issue 15: a platform admin must use two-step verification: enrolled through the ledger bundle
    // (which serves /api/me/mfa/* and fetches the pool's keys for itself) and the pool's software-token MFA, the same token then opens the API
    const ledger = async (method: string, url: string, token: string, body: unknown) => {
      const res = await handlers.ledger(event(method, url, { token, body }), {});
      return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
    };
    await enrolTotp(ledger, platform, ADMIN.password);
    expect(cognito.pool.user(ADMIN.email)).toMatchObject({ mfaEnabled: true });
  });

  it('refuses a wrong password and a token signed by a key outside the pool’s JWKS', async () => {
    expect((await api('POST', '/api/auth/login', { body: { email: ADMIN.email, password: 'wrong-pass-1' } })).status).toBe(401);
    const stranger = await generateKeyPair('RS256');
    const forged = await new SignJWT({ token_use: 'id', email: ADMIN.email, 'custom:tenantId': '_platform', 'custom:role': 'platform_admin' })
      .setProtectedHeader({ alg: 'RS256', kid: (await exportJWK(stranger.publicKey)).kid ?? 'pool-key-1' })
      .setSubject('someone')
      .setIssuer(`https://cognito-idp.ap-east-1.amazonaws.com/${POOL}`)
      .setAudience(CLIENT)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(stranger.privateKey);
    expect((await api('GET', '/api/me', { token: forged })).status).toBe(401);
  });

  it('creates tenants and bureau admins in the pool, and serves a tenant-scoped read', async () => {
    const suffix = Date.now().toString(36);
    a = await tenantWithBureau(`ba${suffix}`);
    b = await tenantWithBureau(`bb${suffix}`);
    const created = await api('POST', '/api/villages', { token: a.token, body: makeVillage({ name: '上坪村' }) });
    expect(created.status).toBe(201);
    villageId = created.body.id;
    const read = await api('GET', `/api/villages/${villageId}`, { token: a.token });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: villageId, name: '上坪村' });
    expect((await api('GET', '/api/villages', { token: a.token })).body.items.map((v: { id: string }) => v.id)).toEqual([villageId]);
  });

  it('answers another tenant’s id with 404, as local mode does', async () => {
    const res = await api('GET', `/api/villages/${villageId}`, { token: b.token });
    expect(res.status).toBe(404);
    const localRes = await h.call('GET', `/api/villages/${villageId}`, { token: local.bureau });
    expect(localRes.status).toBe(404);
    expect(res.body).toEqual(localRes.body);
    expect((await api('GET', '/api/villages', { token: b.token })).body.items).toEqual([]);
  });

  it('answers an invalid body with the same 400 as local mode', async () => {
    const bad = makeVillage({ name: '', households: -1 });
    const res = await api('POST', '/api/villages', { token: a.token, body: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const localRes = await h.call('POST', '/api/villages', { token: local.bureau, body: bad });
    expect(localRes.status).toBe(400);
    expect(res.body).toEqual(localRes.body);
  });

  it('leaves the ledger routes to the ledger bundle, which serves nothing else', async () => {
    const res = await handlers.ledger(event('GET', '/api/villages', { token: a.token }), {});
    expect(res.statusCode).toBe(404);
  });
});

describe('the bundled webhooks and jobs handlers', () => {
  let paidOrderId: string;
  let expiredOrderId: string;
  let listingId: string;
  let payload: string;
  const store = () => new TenantStore(h.deps.doc, h.deps.tableName, local.id);

  beforeAll(async () => {
    // two checkouts two hours ago: both holds have expired since; one is paid late by Stripe's event
    const l = await h.listing(local, { stock: 2 });
    listingId = l.id;
    paidOrderId = (await h.checkout(local, [{ produceId: l.id, quantity: 1 }])).body.orderId;
    expiredOrderId = (await h.checkout(local, [{ produceId: l.id, quantity: 1 }])).body.orderId;
    const o = (await getOrderRecord(store(), paidOrderId))!;
    payload = JSON.stringify({
      id: `evt_bundled_${Date.now().toString(36)}`,
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: o.sessionId,
          object: 'checkout.session',
          payment_status: 'paid',
          amount_total: o.totalFen,
          currency: 'cny',
          payment_intent: 'pi_bundled_1',
          metadata: { tenantId: local.id, kind: 'order', orderId: paidOrderId },
        },
      },
    });
  });

  const webhook = (body: string, secret = WEBHOOK_SECRET) =>
    handlers.webhooks(
      event('POST', '/api/webhooks/stripe', {
        body,
        routeKey: 'POST /api/webhooks/stripe',
        headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) },
      }),
      {},
    );

  it('webhooks: a signed checkout.session.completed pays the order; a replay changes nothing; a bad signature is refused', async () => {
    expect((await webhook(payload, 'whsec_someone_else_123')).statusCode).toBe(400);
    const res = await webhook(payload);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ received: true, outcome: 'paid' });
    expect((await getOrderRecord(store(), paidOrderId))!.status).toBe('paid');
    expect(JSON.parse((await webhook(payload)).body)).toEqual({ received: true, outcome: 'replay' });
  });

  it('webhooks: the keys were read from the extension once, with the session token, and never again', async () => {
    expect((await webhook(payload)).statusCode).toBe(200);
    expect(extension.readsOf(STRIPE_SECRET_ID).length).toBeGreaterThan(0);
    const before = extension.requests.length;
    for (let i = 0; i < 3; i++) expect((await webhook(payload)).statusCode).toBe(200);
    expect(extension.requests.length).toBe(before);
    // one read per function that uses Stripe (the api's and the ledger's, if their tests ran, and
    // the webhooks'), each with the token Lambda gives the function
    expect(extension.readsOf(STRIPE_SECRET_ID).length).toBeLessThanOrEqual(3);
    for (const r of extension.requests) expect(r).toEqual({ secretId: STRIPE_SECRET_ID, token: extension.token, status: 200 });
  });

  it('webhooks: a cold start whose secret lacks the webhook secret fails, naming the key (and not the values)', async () => {
    extension.put('bangfu/stripe-broken', { secretKey: 'sk_test_broken_123' });
    vi.stubEnv('STRIPE_SECRET_ID', 'bangfu/stripe-broken');
    // a new execution environment: the bundle loaded afresh
    const cold = (await import(/* @vite-ignore */ `${pathToFileURL(built.bundles.webhooks.file).href}?cold=broken`)).handler as HttpHandler;
    vi.stubEnv('STRIPE_SECRET_ID', STRIPE_SECRET_ID);
    const err = await cold(event('POST', '/api/webhooks/stripe', { body: payload, routeKey: 'POST /api/webhooks/stripe' }), {}).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/Stripe secret "bangfu\/stripe-broken": webhookSecret: missing/);
    expect(err?.message).not.toContain('sk_test_broken_123');
  });

  it('webhooks: a cold start with a token the extension refuses fails loudly', async () => {
    vi.stubEnv('AWS_SESSION_TOKEN', 'someone-elses-token');
    const cold = (await import(/* @vite-ignore */ `${pathToFileURL(built.bundles.webhooks.file).href}?cold=token`)).handler as HttpHandler;
    const err = await cold(event('POST', '/api/webhooks/stripe', { body: payload, routeKey: 'POST /api/webhooks/stripe' }), {}).then(
      () => undefined,
      (e: Error) => e,
    );
    vi.stubEnv('AWS_SESSION_TOKEN', extension.token);
    expect(err?.message).toMatch(/Stripe secret "bangfu\/stripe-bundled": the Parameters and Secrets extension answered 401/);
    expect(extension.requests.at(-1)).toEqual({ secretId: STRIPE_SECRET_ID, token: 'someone-elses-token', status: 401 });
  });

  it('jobs: the sweeper releases the expired hold and expires its order, once', async () => {
    const first = await handlers.jobs({ job: 'release-expired-holds' });
    expect(first).toMatchObject({ job: 'release-expired-holds', released: 1 });
    expect(first.tenants).toBeGreaterThanOrEqual(1);
    expect((await getOrderRecord(store(), expiredOrderId))!.status).toBe('expired');
    expect((await getOrderRecord(store(), paidOrderId))!.status).toBe('paid');
    expect((await h.get(local.bureau, `/api/produce/${listingId}`)).available).toBe(1);
    // the schedule's default input (none) is the sweeper too
    expect(await handlers.jobs({})).toMatchObject({ job: 'release-expired-holds', released: 0 });
  });

  it('jobs: the report-deadline job materializes each tenant’s just-due week', async () => {
    const week = latestDueWeek(new Date(), DEFAULT_REPORT_DEADLINE, 'Asia/Shanghai');
    const k = counterKey(store(), weekCounterName(week));
    expect((await store().get<Record<string, unknown>>(k.pk, k.sk))?.materialized).not.toBe(true);
    const res = await handlers.jobs({ job: 'report-deadlines' });
    expect(res.job).toBe('report-deadlines');
    expect(res.tenants).toBeGreaterThanOrEqual(1);
    expect((await store().get<Record<string, unknown>>(k.pk, k.sk))?.materialized).toBe(true);
  });

  it('jobs: an unknown job fails loudly', async () => {
    await expect(handlers.jobs({ job: 'drop-table' })).rejects.toThrow(/unknown job/);
  });
});
