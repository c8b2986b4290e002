import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { securityHeaders, securityHeadersWithLeanAssets } from '../../functions/http/security-headers.js';
import { RECEIPT_SCRIPT_PATH } from '../../functions/http/page-scripts.js';
import { makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// Issue 8, Limits: security headers on every response — API JSON, errors, 404s, HTML the server
// renders (receipts), the local checkout page's answers, photos, and (local mode) the web app's
// index.html and static files. CSP: scripts from 'self' only (no 'unsafe-inline', no eval),
// frame-ancestors 'none'; X-Frame-Options DENY; nosniff; a strict Referrer-Policy.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

/** The CSP as directive → sources. */
function csp(headers: Headers): Map<string, string[]> {
  const raw = headers.get('content-security-policy');
  expect(raw, 'Content-Security-Policy').toBeTruthy();
  return new Map(
    raw!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

/** Every <script> loads from a src and has no body; no inline event handler attribute (onclick=…). */
function expectNoInlineScript(html: string) {
  for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
    expect(tag, 'a script must load from a src').toMatch(/\ssrc=/);
    expect(tag.replace(/<script\b[^>]*>|<\/script>/gi, '').trim(), 'inline script body').toBe('');
  }
  expect(html).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:/i);
}

function expectSecure(what: string, headers: Headers) {
  const policy = csp(headers);
  const scripts = policy.get('script-src') ?? policy.get('default-src');
  expect(scripts, `${what}: script-src`).toEqual(["'self'"]);
  expect(policy.get('default-src'), `${what}: default-src`).toEqual(["'self'"]);
  for (const [name, sources] of policy) {
    if (name.startsWith('script')) {
      expect(sources, `${what}: ${name}`).not.toContain("'unsafe-inline'");
      expect(sources, `${what}: ${name}`).not.toContain("'unsafe-eval'");
      expect(sources, `${what}: ${name}`).not.toContain('*');
    }
  }
  expect(policy.get('frame-ancestors'), `${what}: frame-ancestors`).toEqual(["'none'"]);
  expect(policy.get('object-src'), `${what}: object-src`).toEqual(["'none'"]);
  expect(headers.get('x-content-type-options'), `${what}: nosniff`).toBe('nosniff');
  expect(headers.get('x-frame-options'), `${what}: X-Frame-Options`).toBe('DENY');
  expect(['strict-origin-when-cross-origin', 'no-referrer'], `${what}: Referrer-Policy`).toContain(headers.get('referrer-policy'));
}

describe('every API response carries the security headers', () => {
  it('JSON, validation errors, 401, 404 (unknown route, id, tenant), 413', async () => {
    const checks: [string, () => Promise<{ status: number; headers: Headers }>, number][] = [
      ['health', () => h.call('GET', '/api/health'), 200],
      ['openapi', () => h.call('GET', '/api/openapi.json'), 200],
      ['signed-in JSON', () => h.call('GET', '/api/villages', { token: t.bureau }), 200],
      ['public JSON', () => h.call('GET', `/api/public/${t.slug}/transparency`), 200],
      ['400', () => h.call('POST', '/api/villages', { token: t.bureau, body: { name: 1 } }), 400],
      ['400 bad JSON', () => h.call('POST', '/api/villages', { token: t.bureau, body: '{oops', headers: { 'content-type': 'application/json' } }), 400],
      ['401', () => h.call('GET', '/api/villages'), 401],
      ['404 route', () => h.call('GET', '/api/no-such-route', { token: t.bureau }), 404],
      ['401 unknown route, no token', () => h.call('GET', '/api/no-such-route'), 401],
      ['404 id', () => h.call('GET', '/api/villages/nope', { token: t.bureau }), 404],
      ['404 tenant', () => h.call('GET', '/api/public/no-such-tenant/transparency'), 404],
      ['404 outside /api', () => h.call('GET', '/nothing-here'), 404],
      [
        '413',
        () =>
          h.call('POST', '/api/villages', {
            token: t.bureau,
            body: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
            headers: { 'content-type': 'application/json' },
          }),
        413,
      ],
      ['login 401', () => h.call('POST', '/api/auth/login', { body: { email: 'no@example.com', password: 'wrong-pass-1' } }), 401],
    ];
    for (const [what, send, status] of checks) {
      const res = await send();
      expect({ what, status: res.status }).toEqual({ what, status });
      expectSecure(what, res.headers);
    }
  });

  it('the webhook app (its own Lambda) carries them too', async () => {
    const { buildWebhookApp } = await import('../../functions/app.js');
    const res = await buildWebhookApp(h.deps).request('/api/webhooks/stripe', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expectSecure('webhook', res.headers);
  });

  it('a 500 carries them too', async () => {
    const app = new Hono().use('*', securityHeaders).get('/boom', () => {
      throw new Error('boom');
    });
    const res = await app.request('/boom');
    expect(res.status).toBe(500);
    expectSecure('500', res.headers);
  });
});

describe('HTML, photos and the checkout page', () => {
  it('the receipt page has no inline script, and its headers forbid any', async () => {
    const villageId = await h.village(t);
    const d = (await h.call('POST', `/api/public/${t.slug}/donate`, { body: { villageId, amountFen: 1000 } })).body;
    expect(d.checkoutUrl).toBeTruthy();
    const paid = await h.press(d.checkoutUrl, 'pay');
    expectSecure('local checkout pay', paid.headers);
    const receipts = [
      await h.app.request(`/api/donations/${d.donationId}/receipt`, { headers: { authorization: `Bearer ${t.bureau}` } }),
      await h.app.request(`/api/public/${t.slug}/donations/${d.donationId}/receipt`, { headers: { 'x-access-token': d.receiptToken } }),
    ];
    const pages: string[] = [];
    for (const res of receipts) {
      const html = await res.text();
      pages.push(html);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expectNoInlineScript(html);
      expect(html).toContain('data-print');
      expectSecure('receipt', res.headers);
    }
    // its print button's script comes from this origin, as JavaScript, with the headers
    const src = pages[0]!.match(/<script src="([^"]+)"/)?.[1];
    expect(src).toBe(RECEIPT_SCRIPT_PATH);
    const js = await h.app.request(src!);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toContain('window.print()');
    expectSecure('receipt script', js.headers);
  });

  it('a listing photo is served with the headers (and images from self stay allowed)', async () => {
    const listing = await h.listing(t);
    const up = await h.uploadPhoto(t.bureau, listing.id, PNG_1x1, 'image/png');
    expect(up.status).toBeLessThan(300);
    const res = await h.app.request(`/api/public/${t.slug}/photos/${up.body.photoId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expectSecure('photo', res.headers);
    const policy = csp((await h.call('GET', '/api/health')).headers);
    expect(policy.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:']));
  });
});

describe('local mode: the web app under the CSP', () => {
  const dist = path.resolve('web/dist');
  const built = existsSync(path.join(dist, 'index.html'));

  it.skipIf(!built)('web/dist/index.html has no inline script and no inline event handler', () => {
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    expectNoInlineScript(html);
  });

  it.skipIf(!built)(
    'index.html and the SPA fallback carry the headers; hashed assets keep nosniff without the document-only ones (as functions/entries/local.ts mounts them)',
    async () => {
      // the same mounting as local.ts: the headers on the root, the API, static files, the SPA fallback
      const root = new Hono();
      root.use('*', securityHeadersWithLeanAssets);
      root.route('/', h.app);
      const rel = path.relative(process.cwd(), dist);
      root.use('*', serveStatic({ root: rel }));
      const indexHtml = readFileSync(path.join(dist, 'index.html'), 'utf8');
      root.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(indexHtml)));
      const asset = indexHtml.match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
      for (const url of ['/', '/index.html', '/favicon.svg', '/shop/some-tenant', '/api/health']) {
        const res = await root.request(url);
        expect({ url, status: res.status }).toEqual({ url, status: 200 });
        expectSecure(url, res.headers);
      }
      // a script is not a document: its CSP would govern nothing (issue 16: ~1 KB less per file)
      const script = await root.request(asset);
      expect(script.status).toBe(200);
      expect(script.headers.get('x-content-type-options')).toBe('nosniff');
      expect(script.headers.get('content-security-policy')).toBeNull();
      // and the real entry mounts them on its root before anything else
      const local = readFileSync('functions/entries/local.ts', 'utf8');
      expect(local.indexOf("root.use('*', securityHeadersWithLeanAssets)")).toBeGreaterThan(-1);
      expect(local.indexOf("root.use('*', securityHeadersWithLeanAssets)")).toBeLessThan(local.indexOf("root.route('/', api)"));
    },
  );
});

afterAll(() => undefined);
