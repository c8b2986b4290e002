import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickEncoding, webStaticRoutes } from '../../functions/http/web-static.js';
import { securityHeadersWithLeanAssets } from '../../functions/http/security-headers.js';

// Local mode's web app (issue 16): compressed (br, else gzip) and cached as on CloudFront — hashed
// assets a year, index.html and client-side routes never. A tiny fake web/dist in a temp dir.
let dist: string;
let app: Hono;
const script = Array.from({ length: 200 }, (_, i) => `export const value${i} = "帮扶通 ${i}";`).join('\n');
const indexHtml = `<!doctype html><html lang="zh-CN"><head><meta name="description" content="帮扶通"><script type="module" src="/assets/app-abc123.js"></script></head><body>${'<div id="root"></div>'.repeat(60)}</body></html>`;
const robots = 'User-agent: *\nDisallow: /api/\n';

beforeAll(() => {
  dist = mkdtempSync(path.join(tmpdir(), 'bangfu-web-static-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), indexHtml);
  writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), script);
  writeFileSync(path.join(dist, 'robots.txt'), robots);
  // as local.ts mounts it: the API first (here one route), the web app after
  app = new Hono();
  app.get('/api/health', (c) => c.json({ ok: true }));
  app.route('/', webStaticRoutes(dist));
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const get = (url: string, acceptEncoding?: string, extra: Record<string, string> = {}) =>
  app.request(url, { headers: { ...(acceptEncoding !== undefined ? { 'Accept-Encoding': acceptEncoding } : {}), ...extra } });
const bytes = async (r: Response) => Buffer.from(await r.arrayBuffer());

describe('compression', () => {
  it('sends brotli when the browser accepts br and gzip; the bytes decompress to the file', async () => {
    const r = await get('/assets/app-abc123.js', 'gzip, deflate, br');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-encoding')).toBe('br');
    expect(r.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(r.headers.get('content-type')).toMatch(/javascript/);
    const body = await bytes(r);
    expect(body.length).toBeLessThan(Buffer.byteLength(script) / 3);
    expect(Number(r.headers.get('content-length'))).toBe(body.length);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  it('sends gzip when only gzip is accepted', async () => {
    const r = await get('/assets/app-abc123.js', 'gzip');
    expect(r.headers.get('content-encoding')).toBe('gzip');
    expect(r.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(gunzipSync(await bytes(r)).toString()).toBe(script);
  });

  it('sends the file as it is without Accept-Encoding, or when br and gzip are refused', async () => {
    for (const ae of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const r = await get('/assets/app-abc123.js', ae);
      expect(r.headers.get('content-encoding')).toBeNull();
      expect(r.headers.get('vary')).toMatch(/accept-encoding/i);
      expect((await bytes(r)).toString()).toBe(script);
    }
  });

  it('compresses index.html and the single-page app’s fallback too', async () => {
    for (const url of ['/', '/shop/qingshui']) {
      const r = await get(url, 'br');
      expect(r.headers.get('content-encoding')).toBe('br');
      expect(brotliDecompressSync(await bytes(r)).toString()).toBe(indexHtml);
    }
  });

  it('leaves files under 1 KB alone', async () => {
    const r = await get('/robots.txt', 'br, gzip');
    expect(r.headers.get('content-encoding')).toBeNull();
    expect(await r.text()).toBe(robots);
  });

  it('reads Accept-Encoding with q-values', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(pickEncoding('*')).toBe('gzip');
    expect(pickEncoding('')).toBeUndefined();
    expect(pickEncoding(undefined)).toBeUndefined();
  });
});

describe('best-quality brotli, made in the background and kept across restarts', () => {
  it('serves the fast brotli first, then the best one, and a restarted server reads it from the cache dir', async () => {
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'bangfu-web-br-'));
    try {
      const first = new Hono().route('/', webStaticRoutes(dist, { cacheDir }));
      const fast = await bytes(await first.request('/assets/app-abc123.js', { headers: { 'Accept-Encoding': 'br' } }));
      expect(brotliDecompressSync(fast).toString()).toBe(script);
      let cached: string[] = [];
      for (let i = 0; i < 100 && cached.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 100));
        cached = readdirSync(cacheDir).filter((n) => n.endsWith('.br'));
      }
      expect(cached).toHaveLength(2); // index.html and the script (robots.txt is under 1 KB)
      // the script's best version, named by its content hash, is what is served now
      const best = readFileSync(path.join(cacheDir, `${createHash('sha256').update(script).digest('base64url').slice(0, 32)}.br`));
      expect(brotliDecompressSync(best).toString()).toBe(script);
      const after = await bytes(await first.request('/assets/app-abc123.js', { headers: { 'Accept-Encoding': 'br' } }));
      expect(after.equals(best)).toBe(true);
      // a restart: the best version straight from the cache dir, nothing made again
      const again = new Hono().route('/', webStaticRoutes(dist, { cacheDir }));
      const restarted = await bytes(await again.request('/assets/app-abc123.js', { headers: { 'Accept-Encoding': 'br' } }));
      expect(restarted.equals(best)).toBe(true);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

describe('caching', () => {
  it('caches vite’s hashed assets a year, immutable', async () => {
    const r = await get('/assets/app-abc123.js', 'br');
    expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('never caches index.html or a client-side route without revalidating (no-cache, with an ETag)', async () => {
    for (const url of ['/', '/index.html', '/shop/qingshui', '/shop/qingshui/listings/l_1']) {
      const r = await get(url, 'gzip');
      expect(r.status, url).toBe(200);
      expect(r.headers.get('cache-control'), url).toBe('no-cache');
      expect(r.headers.get('content-type'), url).toMatch(/text\/html/);
      expect(r.headers.get('etag'), url).toBeTruthy();
    }
    const first = await get('/shop/qingshui', 'br');
    const again = await get('/shop/qingshui', 'br', { 'If-None-Match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('serves robots.txt as text, cached an hour', async () => {
    const r = await get('/robots.txt');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/plain/);
    expect(r.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await r.text()).toBe(robots);
  });
});

describe('routing', () => {
  it('answers a missing hashed asset with 404, never index.html under a script’s name', async () => {
    const r = await get('/assets/app-old999.js', 'br');
    expect(r.status).toBe(404);
  });

  it('leaves /api/ to the API: its routes answer, unknown ones are 404', async () => {
    expect(await (await get('/api/health', 'br')).json()).toEqual({ ok: true });
    expect((await get('/api/nothing-here')).status).toBe(404);
  });

  it('keeps the security headers when mounted as local.ts mounts it; hashed assets drop the document-only ones', async () => {
    const root = new Hono();
    root.use('*', securityHeadersWithLeanAssets);
    root.route('/', webStaticRoutes(dist));
    for (const url of ['/', '/shop/qingshui', '/robots.txt']) {
      const r = await root.request(url, { headers: { 'Accept-Encoding': 'br' } });
      expect(r.headers.get('content-security-policy'), url).toMatch(/script-src 'self'/);
      expect(r.headers.get('x-frame-options'), url).toBe('DENY');
    }
    // a script or stylesheet under /assets/: nosniff and the resource policy, not the page's CSP,
    // framing or referrer rules (about 1 KB a file on a phone's first visit)
    const asset = await root.request('/assets/app-abc123.js', { headers: { 'Accept-Encoding': 'br' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(asset.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    for (const h of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'strict-transport-security']) expect(asset.headers.get(h), h).toBeNull();
    // a 404 under /assets/ is not a document either, but an API error keeps every header
    const api = await root.request('/api/nowhere');
    expect(api.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });

  it('never serves a file outside dist', async () => {
    writeFileSync(path.join(path.dirname(dist), 'bangfu-secret.txt'), 'secret');
    try {
      for (const url of ['/../bangfu-secret.txt', '/%2e%2e/bangfu-secret.txt', '/assets/%2e%2e/%2e%2e/bangfu-secret.txt']) {
        const r = await get(url);
        expect(await r.text(), url).not.toContain('secret');
      }
    } finally {
      rmSync(path.join(path.dirname(dist), 'bangfu-secret.txt'), { force: true });
    }
  });
});

describe('the real web app', () => {
  const source = readFileSync(path.resolve('web/index.html'), 'utf8');
  it('has a Chinese meta description', () => {
    const m = source.match(/<meta name="description" content="([^"]+)"/);
    expect(m?.[1].match(/[\u4e00-\u9fff]/g)?.length ?? 0).toBeGreaterThanOrEqual(20);
    expect(m![1].length).toBeLessThanOrEqual(120);
  });

  it('has a robots.txt that lets the shop be indexed and keeps the API, consoles and private pages out', () => {
    const txt = readFileSync(path.resolve('web/public/robots.txt'), 'utf8');
    expect(txt).toMatch(/^User-agent: \*$/m);
    expect(txt).toMatch(/^Allow: \/shop\/$/m);
    const lines = txt.split('\n').map((l) => l.trim());
    for (const p of ['/api/', '/dev/', '/checkout/', '/sign-in', '/give/', '/shop/*/orders/', '/shop/*/donations/', '/orders', '/audit']) {
      expect(lines, p).toContain(`Disallow: ${p}`);
    }
  });
});
