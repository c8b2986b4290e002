import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedIndex, injectShareMeta, sharePageUnscoped, shareRoutes } from '../../functions/http/share-meta.js';
import { securityHeaders } from '../../functions/http/security-headers.js';
import { webStaticRoutes } from '../../functions/http/web-static.js';
import { ORIGIN_SECRET_HEADER } from '../../functions/http/origin-secret.js';
import { ledgerApp, ledgerDeps } from '../../functions/entries/ledger.js';
import { qrPng } from '../../functions/modules/shop/qr-png.js';
import { makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// "Sharing": a listing's, a village's, a story's, a campaign's and the transparency page's index.html carries the
// page's title, description and Open Graph tags (WeChat reads og:*), written by the server from the
// tenant's public data, escaped; anything unknown (or another tenant's) is the plain index.html.
// Locally web-static.ts injects them (ETag of the injected bytes, br/gzip); on AWS the api
// function's shareRoutes do, reading index.html from the web bucket.

const ORIGIN = 'https://bangfu.example.cn';
const indexHtml = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="UTF-8" />
    <meta name="description" content="帮扶通：社会力量助力乡村振兴。" />
    <title>帮扶通 · 社会力量助力乡村振兴</title>
    <script type="module" crossorigin src="/assets/index-abc123.js"></script>
  </head>
  <body>
    <div id="root"></div>${'<!-- padding -->'.repeat(80)}
  </body>
</html>`;

let h: Harness;
let t: TestTenant;
let other: TestTenant;
let dist: string;
let web: Hono;
let villageId: string;
let listingId: string;
let hostileId: string;
let otherListing: string;
let otherVillage: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z'), deps: { publicUrl: ORIGIN } });
  t = await h.tenant({ name: '清水县民政局', region: '清水县' });
  other = await h.tenant({ name: '别的县民政局' });
  villageId = await h.village(t, { name: '东坡村', township: '城关镇', county: '清水县' });
  await h.call('POST', '/api/donations', { token: t.bureau, body: { villageId, kind: 'cash', amountFen: 1_234_500, donorName: '张三', donorType: 'person' } });
  await h.call('POST', '/api/expenditures', {
    token: t.bureau,
    body: { villageId, amountFen: 300_000, purpose: '修建灌溉水渠', category: 'infrastructure', date: '2026-06-01' },
  });
  listingId = (await h.listing(t, { villageId, name: '高山土豆', priceFen: 4_500, unit: '5 公斤/箱', description: '海拔两千米的沙壤土种植' })).id;
  hostileId = (await h.listing(t, { villageId, name: '</title><script>alert(1)</script>"\'&', description: '<img src=x onerror=alert(1)>' })).id;
  otherVillage = await h.village(other, { name: '别家村' });
  otherListing = (await h.listing(other, { villageId: otherVillage, name: '别家的蜂蜜' })).id;

  dist = mkdtempSync(path.join(tmpdir(), 'bangfu-share-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), indexHtml);
  web = new Hono();
  web.use('*', securityHeaders);
  web.route('/', webStaticRoutes(dist, { sharePage: (p, origin) => sharePageUnscoped(h.deps, origin, p), publicUrl: ORIGIN }));
});
afterAll(() => dist && rmSync(dist, { recursive: true, force: true }));

const page = async (url: string, headers: Record<string, string> = {}) => {
  const r = await web.request(url, { headers });
  return { r, html: await r.text() };
};
/** the content of a meta tag (by name or property), unescaped the way a browser reads it */
function meta(html: string, key: string): string | undefined {
  const m = new RegExp(`<meta (?:name|property)="${key}" content="([^"]*)"`).exec(html);
  return m?.[1]
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
const title = (html: string) => /<title>([\s\S]*?)<\/title>/.exec(html)?.[1];
const count = (html: string, s: string) => html.split(s).length - 1;

describe('the share tags of each page', () => {
  it('a listing: its name, price, village and tenant; its page as og:url; absolute image', async () => {
    const { r, html } = await page(`/shop/${t.slug}/produce/${listingId}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/html/);
    expect(title(html)).toBe('高山土豆 ¥45.00/5 公斤/箱 · 东坡村 · 清水县民政局');
    expect(meta(html, 'description')).toBe('城关镇东坡村的高山土豆，¥45.00/5 公斤/箱。海拔两千米的沙壤土种植。购买即帮扶，订单去向公开可查。');
    expect(meta(html, 'og:title')).toBe(title(html));
    expect(meta(html, 'og:description')).toBe(meta(html, 'description'));
    expect(meta(html, 'og:url')).toBe(`${ORIGIN}/shop/${t.slug}/produce/${listingId}`);
    expect(meta(html, 'og:image')).toBe(`${ORIGIN}/share.png`);
    expect(meta(html, 'og:type')).toBe('website');
    expect(meta(html, 'og:site_name')).toBe('清水县民政局');
    expect(meta(html, 'og:locale')).toBe('zh_CN');
    // one title and one description, replaced rather than added; the app's script untouched
    expect(count(html, '<title>')).toBe(1);
    expect(count(html, 'name="description"')).toBe(1);
    expect(html).toContain('<script type="module" crossorigin src="/assets/index-abc123.js"></script>');
  });

  it('a village: its name, county and public figures (no donor, no phone)', async () => {
    const { html } = await page(`/shop/${t.slug}/villages/${villageId}`);
    expect(title(html)).toBe('东坡村（清水县城关镇）帮扶公示 · 清水县民政局');
    expect(meta(html, 'og:description')).toBe(
      '东坡村收到捐款 ¥12,345.00，已使用 ¥3,000.00，结余 ¥9,345.00。每一笔捐款和支出的去向都公开可查，可在此为本村捐款。',
    );
    expect(meta(html, 'og:url')).toBe(`${ORIGIN}/shop/${t.slug}/villages/${villageId}`);
    expect(meta(html, 'og:image')).toMatch(/^https:\/\/bangfu\.example\.cn\//);
    expect(html).not.toContain('张三');
  });

  it('the transparency page: the tenant’s totals', async () => {
    const { html } = await page(`/shop/${t.slug}/transparency`);
    expect(title(html)).toBe('帮扶公示 · 清水县民政局');
    expect(meta(html, 'og:description')).toBe(
      '清水县 1 个帮扶村：累计收到捐款 ¥12,345.00，已使用 ¥3,000.00，消费帮扶销售 ¥0.00。每一笔订单和捐款的去向都公开可查。',
    );
    expect(meta(html, 'og:url')).toBe(`${ORIGIN}/shop/${t.slug}/transparency`);
  });

  it('a photo of the listing is its og:image (an absolute address)', async () => {
    const withPhoto = await sharePageUnscoped(h.deps, ORIGIN, `/shop/${t.slug}/produce/${listingId}`);
    expect(withPhoto?.image).toBe(`${ORIGIN}/share.png`);
    const p = injectShareMeta(indexHtml, { ...withPhoto!, image: `${ORIGIN}/api/public/${t.slug}/photos/pho_1` });
    expect(meta(p, 'og:image')).toBe(`${ORIGIN}/api/public/${t.slug}/photos/pho_1`);
  });
});

describe('escaping', () => {
  it('a listing named </title><script> comes out as text: no new element, no script', async () => {
    const { html } = await page(`/shop/${t.slug}/produce/${hostileId}`);
    expect(count(html, '<script')).toBe(1); // the app's own
    expect(count(html, '</title>')).toBe(1);
    expect(html).not.toContain('<img');
    expect(title(html)).toContain('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
    expect(meta(html, 'og:title')).toMatch(/^<\/title><script>alert\(1\)<\/script>"'& /);
    expect(meta(html, 'description')).toContain('<img src=x onerror=alert(1)>');
  });

  it('the injected page keeps the CSP (no inline script allowed, none added)', async () => {
    const { r, html } = await page(`/shop/${t.slug}/produce/${hostileId}`);
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);
    // outside attribute values (which cannot hold a quote: escaped), no event handler attribute
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/\son\w+=/);
  });
});

describe('unknown or foreign: the plain index.html, never a 500', () => {
  it.each([
    ['an unknown listing', () => `/shop/${t.slug}/produce/pro_nope`],
    ['an unknown village', () => `/shop/${t.slug}/villages/vil_nope`],
    ['an unknown tenant', () => `/shop/no-such-shop/transparency`],
    ['a malformed slug', () => `/shop/%3Cx%3E/transparency`],
    ['another tenant’s listing', () => `/shop/${t.slug}/produce/${otherListing}`],
    ['another tenant’s village', () => `/shop/${t.slug}/villages/${otherVillage}`],
    ['the cart (not a share page)', () => `/shop/${t.slug}/cart`],
  ])('%s', async (_name, url) => {
    const { r, html } = await page(url());
    expect(r.status).toBe(200);
    expect(html).toBe(indexHtml);
    expect(html).not.toContain('别家');
    expect(html).not.toContain('og:');
  });

  it('a draft listing is not shared', async () => {
    const draft = (await h.listing(t, { villageId, name: '还没上架的', status: 'draft' })).id;
    const { html } = await page(`/shop/${t.slug}/produce/${draft}`);
    expect(html).toBe(indexHtml);
  });

  it('the database away: the plain index.html', async () => {
    const broken = new Hono().route('/', webStaticRoutes(dist, { sharePage: () => Promise.reject(new Error('down')) }));
    const r = await broken.request(`/shop/${t.slug}/produce/${listingId}`);
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(indexHtml);
  });
});

describe('a story’s and a campaign’s page', () => {
  // a tenant of their own: the campaign's donation would move the figures the tests above expect
  let s: TestTenant;
  let published: string;
  let photoId: string;
  let bare: string;
  let draft: string;
  let hostile: string;
  let foreignStory: string;
  let campaign: string;
  let ended: string;
  let foreignCampaign: string;
  const story = async (tenant: TestTenant, body: Record<string, unknown>) => {
    const res = await h.call('POST', '/api/stories', { token: tenant.bureau, body: { villageIds: [], organizationIds: [], pairingIds: [], ...body } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };
  const campaignOf = async (tenant: TestTenant, body: Record<string, unknown>) => {
    const res = await h.call('POST', '/api/campaigns', { token: tenant.bureau, body: { villageIds: [], produceIds: [], ...body } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  };

  beforeAll(async () => {
    s = await h.tenant({ name: '安化县民政局', region: '安化县' });
    const village = await h.village(s, { name: '高马二溪村' });
    published = await story(s, {
      title: '黑茶合作社走出大山',
      summary: `商会带着合作社\n把黑茶卖出了大山，${'茶'.repeat(120)}`,
      body: '第一段。',
      status: 'published',
    });
    const form = new FormData();
    form.append('file', new File([PNG_1x1 as Uint8Array<ArrayBuffer>], 'p.png', { type: 'image/png' }));
    const up = await h.app.request(`/api/stories/${published}/photos`, { method: 'POST', headers: { authorization: `Bearer ${s.bureau}` }, body: form });
    expect(up.status).toBe(201);
    photoId = ((await up.json()) as { photoId: string }).photoId;
    bare = await story(s, { title: '没有照片的经验', summary: '只有文字。', body: '正文。', status: 'published' });
    draft = await story(s, { title: '草稿里的秘密标题', summary: '草稿摘要不能外泄。', body: '草稿正文。', status: 'draft' });
    hostile = await story(s, { title: '</title><script>alert(1)</script>', summary: '<img src=x onerror=alert(1)>"\'&', body: '正文。', status: 'published' });
    foreignStory = await story(other, { title: '别家的经验', summary: '别家的摘要。', body: '别家的正文。', status: 'published' });
    campaign = await campaignOf(s, {
      title: '扶贫日 · 黑茶专场',
      description: '买一箱黑茶，帮一户茶农',
      startDate: '2026-06-10',
      endDate: '2026-06-20',
      targetFen: 10_000_000,
      villageIds: [village],
    });
    const d = await h.call('POST', `/api/public/${s.slug}/donate`, {
      body: { villageId: village, amountFen: 30_000, donorName: '李四', campaignId: campaign },
    });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    expect((await h.press(d.body.checkoutUrl, 'pay')).status).toBe(200);
    ended = await campaignOf(s, { title: '春节消费帮扶', startDate: '2026-01-20', endDate: '2026-02-10', targetFen: 500_000 });
    foreignCampaign = await campaignOf(other, { title: '别家的活动', startDate: '2026-06-01', endDate: '2026-06-30', targetFen: 100_000 });
  });

  it('a published story: its title and tenant, a one-line clip of its summary, its first photo as og:image', async () => {
    const { r, html } = await page(`/shop/${s.slug}/stories/${published}`);
    expect(r.status).toBe(200);
    expect(title(html)).toBe('黑茶合作社走出大山 · 安化县民政局');
    expect(meta(html, 'og:title')).toBe(title(html));
    const description = meta(html, 'og:description')!;
    expect(description.startsWith('商会带着合作社 把黑茶卖出了大山，茶')).toBe(true);
    expect(description).toHaveLength(100);
    expect(description.endsWith('…')).toBe(true);
    expect(meta(html, 'description')).toBe(description);
    expect(meta(html, 'og:image')).toBe(`${ORIGIN}/api/public/${s.slug}/stories/${published}/photos/${photoId}?size=w800`);
    expect(meta(html, 'og:url')).toBe(`${ORIGIN}/shop/${s.slug}/stories/${published}`);
    expect(meta(html, 'og:site_name')).toBe('安化县民政局');
    // the image it names is served to anyone (the public photo route)
    expect((await h.app.request(`/api/public/${s.slug}/stories/${published}/photos/${photoId}?size=w800`)).status).toBe(200);
  });

  it('a story without photos: the default share image', async () => {
    const { html } = await page(`/shop/${s.slug}/stories/${bare}`);
    expect(title(html)).toBe('没有照片的经验 · 安化县民政局');
    expect(meta(html, 'og:description')).toBe('只有文字。');
    expect(meta(html, 'og:image')).toBe(`${ORIGIN}/share.png`);
  });

  it('a draft story’s page carries none of its text: the plain index.html', async () => {
    const { r, html } = await page(`/shop/${s.slug}/stories/${draft}`);
    expect(r.status).toBe(200);
    expect(html).toBe(indexHtml);
    expect(html).not.toMatch(/草稿|秘密/);
    // published, then taken back to a draft: the tags go with it
    expect((await h.call('PATCH', `/api/stories/${draft}`, { token: s.bureau, body: { status: 'published' } })).status).toBe(200);
    expect(title((await page(`/shop/${s.slug}/stories/${draft}`)).html)).toBe('草稿里的秘密标题 · 安化县民政局');
    expect((await h.call('PATCH', `/api/stories/${draft}`, { token: s.bureau, body: { status: 'draft' } })).status).toBe(200);
    expect((await page(`/shop/${s.slug}/stories/${draft}`)).html).toBe(indexHtml);
  });

  it('another tenant’s published story, by its id under this tenant’s address: the plain index.html', async () => {
    expect((await page(`/shop/${other.slug}/stories/${foreignStory}`)).html).toContain('别家的经验'); // its own tenant's page has it
    const { r, html } = await page(`/shop/${s.slug}/stories/${foreignStory}`);
    expect(r.status).toBe(200);
    expect(html).toBe(indexHtml);
    expect(html).not.toContain('别家');
  });

  it.each([
    ['an unknown story', () => `/shop/${s.slug}/stories/sty_nope`],
    ['another tenant’s campaign id', () => `/shop/${s.slug}/campaigns/${foreignCampaign}`],
    ['an unknown campaign', () => `/shop/${s.slug}/campaigns/cmp_nope`],
  ])('%s: the plain index.html', async (_name, url) => {
    const { r, html } = await page(url());
    expect(r.status).toBe(200);
    expect(html).toBe(indexHtml);
    expect(html).not.toContain('别家');
  });

  it('a story titled </title><script> comes out as text', async () => {
    const { html } = await page(`/shop/${s.slug}/stories/${hostile}`);
    expect(count(html, '<script')).toBe(1); // the app's own
    expect(count(html, '</title>')).toBe(1);
    expect(html).not.toContain('<img');
    expect(title(html)).toBe('&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; · 安化县民政局');
    expect(meta(html, 'og:title')).toBe('</title><script>alert(1)</script> · 安化县民政局');
    expect(meta(html, 'og:description')).toBe('<img src=x onerror=alert(1)>"\'&');
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/\son\w+=/);
  });

  it('a campaign: its title, target and the money raised in yuan, no donor', async () => {
    const { html } = await page(`/shop/${s.slug}/campaigns/${campaign}`);
    expect(title(html)).toBe('扶贫日 · 黑茶专场 · 安化县民政局');
    expect(meta(html, 'og:description')).toBe('目标 ¥100,000.00，已筹集 ¥300.00。买一箱黑茶，帮一户茶农。每一笔订单和捐款的去向都公开可查。');
    expect(meta(html, 'og:url')).toBe(`${ORIGIN}/shop/${s.slug}/campaigns/${campaign}`);
    expect(meta(html, 'og:image')).toBe(`${ORIGIN}/share.png`);
    expect(html).not.toContain('李四');
    // the same figures as its public page
    const pub = (await h.call('GET', `/api/public/${s.slug}/campaigns/${campaign}`)).body;
    expect({ raised: pub.raisedFen, target: pub.targetFen }).toEqual({ raised: 30_000, target: 10_000_000 });
  });

  it('an ended campaign says so (its public page still shows it)', async () => {
    const { html } = await page(`/shop/${s.slug}/campaigns/${ended}`);
    expect(title(html)).toBe('春节消费帮扶 · 安化县民政局');
    expect(meta(html, 'og:description')).toBe('已结束，目标 ¥5,000.00，已筹集 ¥0.00。每一笔订单和捐款的去向都公开可查。');
  });

  it('on AWS the ledger function’s share routes write the same story tags', async () => {
    const app = ledgerApp(
      h.deps,
      cachedIndex(async () => Buffer.from(indexHtml)),
    );
    const html = await (await app.request(`/shop/${s.slug}/stories/${published}`)).text();
    expect(title(html)).toBe('黑茶合作社走出大山 · 安化县民政局');
    expect(await (await app.request(`/shop/${s.slug}/stories/${draft}`)).text()).toBe(indexHtml);
  });
});

describe('caching and compression', () => {
  it('no-cache, an ETag that differs by content and answers 304 to itself', async () => {
    const a = await page(`/shop/${t.slug}/produce/${listingId}`);
    const b = await page(`/shop/${t.slug}/villages/${villageId}`);
    const plain = await page(`/shop/${t.slug}/cart`);
    expect(a.r.headers.get('cache-control')).toBe('no-cache');
    const tags = [a, b, plain].map((p) => p.r.headers.get('etag'));
    expect(new Set(tags).size).toBe(3);
    const again = await web.request(`/shop/${t.slug}/produce/${listingId}`, { headers: { 'If-None-Match': tags[0]! } });
    expect(again.status).toBe(304);
    // the listing changes: so do its page and its ETag
    await h.call('PATCH', `/api/produce/${listingId}`, { token: t.bureau, body: { priceFen: 4_800 } });
    const changed = await page(`/shop/${t.slug}/produce/${listingId}`);
    expect(title(changed.html)).toContain('¥48.00');
    expect(changed.r.headers.get('etag')).not.toBe(tags[0]);
    expect((await web.request(`/shop/${t.slug}/produce/${listingId}`, { headers: { 'If-None-Match': tags[0]! } })).status).toBe(200);
  });

  it('br or gzip when asked, decompressing to the injected page', async () => {
    const plain = (await page(`/shop/${t.slug}/villages/${villageId}`)).html;
    const br = await web.request(`/shop/${t.slug}/villages/${villageId}`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(plain);
    const gz = await web.request(`/shop/${t.slug}/villages/${villageId}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(plain);
  });
});

describe('on AWS: the ledger function’s share routes (index.html from the web bucket)', () => {
  it('inject the same tags, with an ETag, 304 on a match, and the plain page when unknown', async () => {
    let reads = 0;
    const index = cachedIndex(async () => {
      reads++;
      return Buffer.from(indexHtml);
    });
    const app = ledgerApp(h.deps, index);
    const r = await app.request(`/shop/${t.slug}/villages/${villageId}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(r.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await r.text();
    expect(meta(html, 'og:url')).toBe(`${ORIGIN}/shop/${t.slug}/villages/${villageId}`);
    expect(title(html)).toBe('东坡村（清水县城关镇）帮扶公示 · 清水县民政局');
    expect((await app.request(`/shop/${t.slug}/villages/${villageId}`, { headers: { 'If-None-Match': r.headers.get('etag')! } })).status).toBe(304);
    expect(await (await app.request(`/shop/${t.slug}/produce/${otherListing}`)).text()).toBe(indexHtml);
    expect(reads).toBe(1); // kept per container
  });

  it('refuse a request that did not come through CloudFront (the origin secret), as the API does', async () => {
    const secret = 's'.repeat(40);
    const app = ledgerApp(
      { ...h.deps, originSecret: secret },
      cachedIndex(async () => Buffer.from(indexHtml)),
    );
    expect((await app.request(`/shop/${t.slug}/transparency`)).status).toBe(403);
    const ok = await app.request(`/shop/${t.slug}/transparency`, { headers: { [ORIGIN_SECRET_HEADER]: secret } });
    expect(ok.status).toBe(200);
    expect(title(await ok.text())).toBe('帮扶公示 · 清水县民政局');
    // without an index (no WEB_BUCKET) the function has no pages: a 404 as for any other path
    expect((await ledgerApp(h.deps).request(`/shop/${t.slug}/transparency`)).status).toBe(404);
  });

  it('the ledger function names the web app’s address (PUBLIC_URL) in its QR codes and tags, not the HTTP API’s host', () => {
    const env = {
      TABLE_NAME: 'table',
      USER_POOL_ID: 'ap-east-1_AbC123',
      USER_POOL_CLIENT_ID: 'client',
      FILES_BUCKET: 'files',
      STRIPE_SECRET_ID: 'bangfu/stripe',
      CHECKOUT_TTL_SECONDS: 1800,
    };
    expect(ledgerDeps({ ...env, PUBLIC_URL: ORIGIN }).publicUrl).toBe(ORIGIN);
  });

  it('the bucket unreadable at first: a 503, not a 500; the last good copy afterwards', async () => {
    let fail = true;
    let now = 0;
    const index = cachedIndex(
      async () => (fail ? Promise.reject(new Error('s3')) : Buffer.from(indexHtml)),
      1000,
      () => now,
    );
    const app = new Hono().route('/', shareRoutes(h.deps, index));
    expect((await app.request(`/shop/${t.slug}/transparency`)).status).toBe(503);
    fail = false;
    expect((await app.request(`/shop/${t.slug}/transparency`)).status).toBe(200);
    fail = true;
    now = 5000;
    expect((await app.request(`/shop/${t.slug}/transparency`)).status).toBe(200);
  });
});

describe('a village’s QR code (GET /api/public/:slug/villages/:id/qr.png)', () => {
  it('a PNG of the village’s public page', async () => {
    const r = await h.app.request(`/api/public/${t.slug}/villages/${villageId}/qr.png`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await r.arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // the very code of the village's page at the web app's address (PUBLIC_URL), not the API's host
    expect(png.equals(Buffer.from(qrPng(`${ORIGIN}/shop/${t.slug}/villages/${villageId}`)))).toBe(true);
  });

  it('another tenant’s village, an unknown village or tenant: 404', async () => {
    for (const url of [
      `/api/public/${t.slug}/villages/${otherVillage}/qr.png`,
      `/api/public/${t.slug}/villages/vil_nope/qr.png`,
      `/api/public/no-such-shop/villages/${villageId}/qr.png`,
    ]) {
      const r = await h.call('GET', url);
      expect({ url, status: r.status }).toEqual({ url, status: 404 });
    }
  });
});
