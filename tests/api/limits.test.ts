import { serve, type ServerType } from '@hono/node-server';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../functions/app.js';
import { makeBuyer, makeHarness, makeVillage, type Harness, type Res, type TestTenant } from '../support/harness.js';

// Issue 8, Limits: login, public checkout, public donate and public concern are rate-limited per
// client (429 rate_limited, the Chinese message, Retry-After = whole seconds until the window frees);
// a request body over 1 MB is a 413 before it is parsed, with or without Content-Length.

const T0 = new Date('2026-06-15T04:00:10Z'); // 10 s into a minute and into a 15-minute window
const LIMIT = 3;
let h: Harness;
let t: TestTenant;
let villageId: string;
let produceId: string;

beforeAll(async () => {
  h = await makeHarness({
    now: T0,
    rateLimits: {
      loginAttemptsPerClient: LIMIT,
      loginFailuresPerEmail: 1000,
      windowSeconds: 900,
      concernsPerClientPerMinute: LIMIT,
      checkoutsPerClientPerMinute: LIMIT,
      donationsPerClientPerMinute: LIMIT,
    },
  });
  t = await h.tenant();
  villageId = await h.village(t);
  produceId = (await h.listing(t, { villageId, stock: 100, priceFen: 100 })).id;
});

const ip = (() => {
  let n = 10;
  return () => `198.51.100.${n++}`;
})();

type Route = { name: string; windowSeconds: number; send: (client: string) => Promise<Res>; okStatus: number; written: () => Promise<number> };

const orders = async () => (await h.get(t.bureau, '/api/orders?limit=100')).items.length;
const donations = async () => (await h.get(t.bureau, '/api/donations?limit=100')).items.length;
const concerns = async () => (await h.get(t.bureau, '/api/concerns?limit=100')).items.length;

const routes: Route[] = [
  {
    name: 'login',
    windowSeconds: 900,
    okStatus: 401, // a wrong password still counts as an attempt
    send: (client) =>
      h.call('POST', '/api/auth/login', { body: { email: 'nobody@example.com', password: 'wrong-pass-1' }, headers: { 'x-forwarded-for': client } }),
    written: async () => 0,
  },
  {
    name: 'public checkout',
    windowSeconds: 60,
    okStatus: 201,
    send: (client) =>
      h.call('POST', `/api/public/${t.slug}/checkout`, {
        body: { items: [{ produceId, quantity: 1 }], buyer: makeBuyer() },
        headers: { 'x-forwarded-for': client },
      }),
    written: orders,
  },
  {
    name: 'public donate',
    windowSeconds: 60,
    okStatus: 201,
    send: (client) => h.call('POST', `/api/public/${t.slug}/donate`, { body: { villageId, amountFen: 100 }, headers: { 'x-forwarded-for': client } }),
    written: donations,
  },
  {
    name: 'public concern',
    windowSeconds: 60,
    okStatus: 201,
    send: (client) =>
      h.call('POST', `/api/public/${t.slug}/concerns`, {
        body: { subject: { kind: 'village', id: villageId }, text: '请核实这笔款项的去向' },
        headers: { 'x-forwarded-for': client },
      }),
    written: concerns,
  },
];

describe.each(routes)('$name is rate-limited per client', (route) => {
  it(`answers 429 with Retry-After past ${LIMIT} requests, writes nothing then, and frees when the window ends`, async () => {
    h.clock.now = T0;
    const client = ip();
    for (let i = 0; i < LIMIT; i++) expect((await route.send(client)).status).toBe(route.okStatus);
    const before = await route.written();
    const refused = await route.send(client);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', message: '尝试次数过多，请稍后再试' });
    expect(refused.headers.get('retry-after')).toBe(String(route.windowSeconds - 10));
    expect(await route.written()).toBe(before);
    // later in the same window: Retry-After counts down
    h.clock.now = new Date(T0.getTime() + 30_000);
    expect((await route.send(client)).headers.get('retry-after')).toBe(String(route.windowSeconds - 40));
    // another client is not affected
    expect((await route.send(ip())).status).toBe(route.okStatus);
    // the next window lets the client in again
    h.clock.now = new Date(T0.getTime() + route.windowSeconds * 1000);
    expect((await route.send(client)).status).toBe(route.okStatus);
    h.clock.now = T0;
  });
});

describe('request bodies over 1 MB', () => {
  let server: ServerType;
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const villages = async () => (await h.get(t.bureau, '/api/villages?limit=100')).items.length;

  /** A village registration padded with whitespace to exactly `size` bytes: valid JSON a parser would accept. */
  const paddedVillage = (name: string, size: number) => {
    const json = JSON.stringify(makeVillage({ name }));
    return Buffer.from(json.slice(0, -1) + ' '.repeat(size - Buffer.byteLength(json)) + '}');
  };

  /** POST over a real socket (node's default keep-alive agent: the 413 must close the connection, not leave the client stuck sending); `chunked` sends no Content-Length (Transfer-Encoding: chunked) in 64 KB pieces. */
  const post = (body: Buffer, chunked: boolean) =>
    new Promise<{ status: number; body: any; connection?: string }>((resolve, reject) => {
      const headers: Record<string, string | number> = { 'content-type': 'application/json', authorization: `Bearer ${t.bureau}` };
      if (!chunked) headers['content-length'] = body.length;
      const req = http.request({ host: '127.0.0.1', port, path: '/api/villages', method: 'POST', headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined, connection: res.headers.connection }));
      });
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
      if (chunked) {
        for (let i = 0; i < body.length; i += 65_536) req.write(body.subarray(i, i + 65_536));
        req.end();
      } else req.end(body);
    });

  it('MAX_BODY_BYTES is 1 MB', () => expect(MAX_BODY_BYTES).toBe(1024 * 1024));

  it.each([
    ['with Content-Length', false],
    ['chunked, without Content-Length', true],
  ])('1 MB + 1 byte %s is a 413 payload_too_large and writes nothing; exactly 1 MB is accepted', async (_how, chunked) => {
    const before = await villages();
    const big = await post(paddedVillage(`超限村${chunked ? 'C' : 'L'}`, MAX_BODY_BYTES + 1), chunked);
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
    expect(big.connection).toBe('close');
    expect(await villages()).toBe(before);
    // the same JSON one byte shorter is parsed and registered: the 413 was the size, not the content
    const fits = await post(paddedVillage(`刚好村${chunked ? 'C' : 'L'}`, MAX_BODY_BYTES), chunked);
    expect(fits.status).toBe(201);
    expect(await villages()).toBe(before + 1);
  });

  it('a body far over the limit is refused before it is all read (in-process stream, no Content-Length)', async () => {
    const before = await villages();
    let sent = 0;
    const piece = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(ctrl) {
        if (sent === 0) ctrl.enqueue(new TextEncoder().encode('{"name":"流村",'));
        sent += piece.length;
        if (sent > 50 * MAX_BODY_BYTES) return ctrl.close();
        ctrl.enqueue(piece);
      },
    });
    const res = await h.app.request('/api/villages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.bureau}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(3 * MAX_BODY_BYTES);
    expect(await villages()).toBe(before);
  });
});
