import { marshall } from '@aws-sdk/util-dynamodb';
import { TenantStore } from '../../functions/store/tenant-store.js';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { documentClient, dynamoClient } from '../../functions/adapters/dynamo-local.js';
import { webhooksEnv } from '../../functions/entries/env.js';
import { readStripeSecret } from '../../functions/entries/stripe-secret.js';
import { ensureTable } from '../../functions/store/table.js';
import { SecretsExtension } from './support/secrets-extension.js';

/**
 * functions/entries/webhooks.ts and jobs.ts as Lambda calls them: an HTTP API (payload 2.0) event
 * for the webhook, a scheduler invocation for the jobs; DynamoDB Local through the SDK's endpoint.
 */
type HttpHandler = (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
let webhooks: HttpHandler;
let jobs: (event?: unknown) => Promise<Record<string, unknown>>;
const tableName = `entries_${process.pid}_${Date.now().toString(36)}`;
const SECRET = 'whsec_entrytest_0123456789';
let extension: SecretsExtension;

function event(body: string, headers: Record<string, string>) {
  return {
    version: '2.0',
    routeKey: 'POST /api/webhooks/stripe',
    rawPath: '/api/webhooks/stripe',
    rawQueryString: '',
    headers: { host: 'abc123.execute-api.ap-east-1.amazonaws.com', 'content-type': 'application/json', ...headers },
    requestContext: {
      accountId: '111111111111',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.ap-east-1.amazonaws.com',
      http: { method: 'POST', path: '/api/webhooks/stripe', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'Stripe/1.0' },
      requestId: 'req-w1',
      routeKey: 'POST /api/webhooks/stripe',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body,
    isBase64Encoded: false,
  };
}

beforeAll(async () => {
  const endpoint = inject('dynamoEndpoint');
  await ensureTable(dynamoClient(endpoint), tableName);
  vi.stubEnv('TABLE_NAME', tableName);
  extension = await SecretsExtension.start();
  extension.put('bangfu/stripe-entries', { secretKey: 'sk_test_entries', webhookSecret: SECRET });
  vi.stubEnv('STRIPE_SECRET_ID', 'bangfu/stripe-entries');
  for (const [k, v] of Object.entries(extension.env)) vi.stubEnv(k, v);
  vi.stubEnv('AWS_REGION', 'ap-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', endpoint);
  ({ handler: webhooks } = (await import('../../functions/entries/webhooks.js')) as unknown as { handler: HttpHandler });
  ({ handler: jobs } = (await import('../../functions/entries/jobs.js')) as unknown as { handler: typeof jobs });
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await extension?.stop();
});

describe('the webhooks Lambda entry', () => {
  it('verifies the signature with the endpoint secret: a good one is acknowledged', async () => {
    const payload = JSON.stringify({ id: 'evt_entry_1', object: 'event', type: 'customer.created', data: { object: { id: 'cus_1' } } });
    const res = await webhooks(event(payload, { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) }), {});
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ received: true, outcome: 'ignored_type' });
  });

  it('refuses a signature made with another secret (400)', async () => {
    const payload = JSON.stringify({ id: 'evt_entry_2', object: 'event', type: 'checkout.session.completed', data: { object: { id: 'cs_1' } } });
    const res = await webhooks(
      event(payload, { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other_secret_1234' }) }),
      {},
    );
    expect(res.statusCode).toBe(400);
  });

  it('serves nothing but the webhook', async () => {
    const res = await webhooks(
      { ...event('', {}), rawPath: '/api/villages', requestContext: { ...event('', {}).requestContext, http: { method: 'GET', path: '/api/villages' } } },
      {},
    );
    expect(res.statusCode).toBe(404);
  });

  it('read the secret once, through the extension, with the session token', () => {
    expect(extension.readsOf('bangfu/stripe-entries')).toEqual([{ secretId: 'bangfu/stripe-entries', token: extension.token, status: 200 }]);
  });

  it('fails at cold start without the secret’s id, naming it', () => {
    expect(() => webhooksEnv({ TABLE_NAME: 'bangfu' })).toThrow(/STRIPE_SECRET_ID/);
    expect(webhooksEnv({ TABLE_NAME: 'bangfu', STRIPE_SECRET_ID: 'bangfu/stripe' })).toEqual({ TABLE_NAME: 'bangfu', STRIPE_SECRET_ID: 'bangfu/stripe' });
  });
});

describe('the Stripe secret, read through the Parameters and Secrets extension', () => {
  const read = (id: string, env: Record<string, string> = extension.env) => readStripeSecret(id, env);

  it('parses the JSON and hands back both keys', async () => {
    await expect(read('bangfu/stripe-entries')).resolves.toEqual({ secretKey: 'sk_test_entries', webhookSecret: SECRET });
  });

  it('names every missing or malformed key, never a value', async () => {
    extension.put('s/missing', { secretKey: 'sk_test_abc' });
    await expect(read('s/missing')).rejects.toThrow('Stripe secret "s/missing": webhookSecret: missing (or not a string)');
    extension.put('s/empty', {});
    await expect(read('s/empty')).rejects.toThrow(/secretKey: missing.*webhookSecret: missing/);
    extension.put('s/malformed', { secretKey: 'pk_live_public_1', webhookSecret: 'whsec_ok_1' });
    const err = await read('s/malformed').catch((e: Error) => e);
    expect(String(err)).toMatch(/secretKey: expected a Stripe secret key/);
    expect(String(err)).not.toContain('pk_live_public_1');
  });

  it('refuses a secret that is not JSON without quoting it', async () => {
    extension.put('s/text', 'sk_live_plain_text_key');
    const err = await read('s/text').catch((e: Error) => e);
    expect(String(err)).toMatch(/Stripe secret "s\/text": expected a JSON SecretString/);
    expect(String(err)).not.toContain('sk_live_plain_text_key');
  });

  it('fails loudly on an unknown secret, a refused token, a missing token or no extension', async () => {
    await expect(read('s/unknown')).rejects.toThrow(/"s\/unknown": the Parameters and Secrets extension answered 400: ResourceNotFoundException/);
    await expect(read('bangfu/stripe-entries', { ...extension.env, AWS_SESSION_TOKEN: 'wrong' })).rejects.toThrow(/answered 401/);
    await expect(read('bangfu/stripe-entries', { PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port) })).rejects.toThrow(
      /AWS_SESSION_TOKEN is not set/,
    );
    await expect(read('bangfu/stripe-entries', { AWS_SESSION_TOKEN: 't', PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '1' })).rejects.toThrow(
      /not reachable on port 1/,
    );
  });
});

describe('the jobs Lambda entry', () => {
  it('sweeps every tenant of the table (none here) and reports what it released', async () => {
    await expect(jobs()).resolves.toEqual({ job: 'release-expired-holds', tenants: 0, released: 0 });
    await expect(jobs({ job: 'release-expired-holds' })).resolves.toEqual({ job: 'release-expired-holds', tenants: 0, released: 0 });
  });

  it('runs the report-deadline job when the schedule names it', async () => {
    await expect(jobs({ job: 'report-deadlines' })).resolves.toEqual({ job: 'report-deadlines', tenants: 0 });
  });

  it('runs the reminders and the outbox’s safety net when the schedules name them', async () => {
    await expect(jobs({ job: 'report-reminders' })).resolves.toEqual({ job: 'report-reminders', tenants: 0, reminders: 0, warnings: 0 });
    await expect(jobs({ job: 'deliver-notifications' })).resolves.toMatchObject({ job: 'deliver-notifications', delivered: 0, failed: 0 });
  });

  it('delivers an outbox item handed over by the table’s stream (the bell; no sender configured: no email) and leaves other records', async () => {
    const store = new TenantStore(documentClient(dynamoClient(inject('dynamoEndpoint'))), tableName, 'tn_stream');
    await store.put({
      pk: store.pk('USER'),
      sk: 'usr_bureau',
      id: 'usr_bureau',
      email: 'bureau@stream.test',
      role: 'bureau_admin',
      tenantId: 'tn_stream',
      createdAt: '2026-06-01T00:00:00Z',
    });
    const item = {
      pk: store.pk('OUTBOX'),
      sk: 'ntf_stream1',
      id: 'ntf_stream1',
      tenantId: 'tn_stream',
      kind: 'need_met',
      audience: { to: 'bureau' },
      params: { title: '修路', villageName: '溪村' },
      createdAt: '2026-06-01T00:00:00Z',
      outbox: '1',
    };
    await store.put(item);
    const record = (image: Record<string, unknown>, eventName = 'INSERT') => ({
      eventName,
      dynamodb: { NewImage: marshall(image, { removeUndefinedValues: true }) },
    });
    const out = await jobs({ Records: [record(item), record({ pk: store.pk('VILLAGE'), sk: 'v1', name: 'x' }), record(item, 'MODIFY')] });
    expect(out).toEqual({ job: 'deliver-notifications', source: 'stream', delivered: 1, failed: 0 });
    expect(await store.get(store.pk('NOTE', 'usr_bureau'), 'ntf_stream1')).toMatchObject({ title: '需求已完成：修路' });
    expect(await store.get(store.pk('OUTBOX'), 'ntf_stream1')).toBeNull();
  });

  it('refuses a job it does not know, loudly', async () => {
    await expect(jobs({ job: 'nope' })).rejects.toThrow(/unknown job/);
  });

  it('fails at cold start without its table, naming it', async () => {
    const { jobsEnv } = await import('../../functions/entries/env.js');
    expect(() => jobsEnv({})).toThrow(/bad Lambda environment: TABLE_NAME/);
  });
});
