import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// The public shop (no account): the tenant's landing figures, published listings only, no personal
// data, a QR code per listing; the tenant comes from the slug, and an unknown slug is a 404.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

const pub = (path: string) => h.call('GET', `/api/public/${t.slug}${path}`);

/** Reads an 8-bit greyscale, unfiltered PNG back into its pixels (what the QR route writes). */
function pixels(png: Buffer): { width: number; at: (x: number, y: number) => number } {
  let off = 8;
  let width = 0;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('ascii', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      expect([data[8], data[9]]).toEqual([8, 0]); // 8-bit greyscale
    }
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  return { width, at: (x, y) => raw[y * (width + 1) + 1 + x] };
}

/** The QR modules a PNG shows, sampled at each module's centre, given its module count. */
function modulesOf(png: Buffer, size: number): number[] {
  const { width, at } = pixels(png);
  const cell = width / (size + 4); // a two-module quiet zone on each side
  const out: number[] = [];
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out.push(at(Math.floor((x + 2.5) * cell), Math.floor((y + 2.5) * cell)) === 0 ? 1 : 0);
  return out;
}

describe('the landing figures', () => {
  it('counts villages, supervised villages, active pairings and published listings', async () => {
    const t2 = await h.tenant();
    const v1 = await h.village(t2, { supervised: true });
    await h.village(t2, { supervised: false });
    await h.activePairing(t2, { villageId: v1 });
    await h.listing(t2, { villageId: v1 });
    await h.listing(t2, { villageId: v1, status: 'draft' });
    const delisted = await h.listing(t2, { villageId: v1 });
    await h.call('PATCH', `/api/produce/${delisted.id}`, { token: t2.bureau, body: { status: 'delisted' } });
    const res = await h.call('GET', `/api/public/${t2.slug}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      slug: t2.slug,
      name: `${t2.slug} 民政局`,
      region: '测试县',
      figures: { villages: 2, supervisedVillages: 1, activePairings: 1, publishedListings: 1 },
    });
  });

  it('an unknown slug is a 404 on every public route', async () => {
    for (const path of ['', '/produce', '/produce/pro_x', '/produce/pro_x/qr.png', '/photos/pho_x']) {
      const res = await h.call('GET', `/api/public/no-such-tenant${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});

describe('the listings the public sees', () => {
  it('only published ones, newest first, with village, availability and no personal data', async () => {
    const villageId = await h.village(t, { name: '石门村', township: '城关镇' });
    const draft = await h.listing(t, { villageId, status: 'draft' });
    const pub1 = await h.listing(t, { villageId, origin: { kind: 'household', name: '王大妈' }, stock: 7 });
    const pub2 = await h.listing(t, { villageId, certificationNo: 'FP-2026-001' });
    const res = await pub(`/produce?villageId=${villageId}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual([pub2.id, pub1.id]);
    const one = res.body.items[1];
    expect(one).toMatchObject({ villageName: '石门村', township: '城关镇', available: 7, originLabel: '脱贫户', priceFen: 4500 });
    expect(JSON.stringify(res.body)).not.toContain('王大妈');
    expect(one).not.toHaveProperty('stock');
    expect(one).not.toHaveProperty('organizationId');
    expect(res.body.items[0].certificationNo).toBe('FP-2026-001');
    expect((await pub(`/produce/${draft.id}`)).status).toBe(404);
  });

  it('a delisted listing leaves the shop and its page is a 404', async () => {
    const l = await h.listing(t);
    expect((await pub(`/produce/${l.id}`)).status).toBe(200);
    await h.call('PATCH', `/api/produce/${l.id}`, { token: t.bureau, body: { status: 'delisted' } });
    expect((await pub(`/produce/${l.id}`)).status).toBe(404);
    expect((await pub('/produce?limit=100')).body.items.map((p: { id: string }) => p.id)).not.toContain(l.id);
  });

  it('filters by category and pages with a cursor', async () => {
    const villageId = await h.village(t);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.unshift((await h.listing(t, { villageId, category: 'honey' })).id);
    await h.listing(t, { villageId, category: 'tea' });
    const first = await pub(`/produce?villageId=${villageId}&category=honey&limit=2`);
    expect(first.body.items.map((p: { id: string }) => p.id)).toEqual(ids.slice(0, 2));
    const second = await pub(`/produce?villageId=${villageId}&category=honey&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((p: { id: string }) => p.id)).toEqual(ids.slice(2));
    expect(second.body.nextCursor).toBeNull();
    expect((await pub('/produce?category=gold')).status).toBe(400);
    expect((await pub('/produce?cursor=forged')).status).toBe(400);
  });

  it('a listing’s photos are listed by id and address', async () => {
    const l = await h.listing(t);
    const photo = (await h.uploadPhoto(t.bureau, l.id, PNG_1x1)).body;
    const res = await pub(`/produce/${l.id}`);
    expect(res.body.photos).toEqual([photo.photoId]);
    expect(res.body.photoUrls).toEqual([photo.url]);
    expect((await h.app.request(res.body.photoUrls[0])).status).toBe(200);
  });
});

describe('the QR code', () => {
  it('is a PNG that encodes the listing’s page at the request’s origin', async () => {
    const l = await h.listing(t);
    const res = await h.app.request(`http://shop.example.cn/api/public/${t.slug}/produce/${l.id}/qr.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await res.arrayBuffer());
    const url = `http://shop.example.cn/shop/${t.slug}/produce/${l.id}`;
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // the image shows, module for module, the QR symbol of exactly that URL
    const symbol = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    expect(modulesOf(bytes, symbol.size)).toEqual(Array.from(symbol.data, (d) => (d ? 1 : 0)));
    expect((await pub(`/produce/${l.id}`)).body.url).toBe(`http://localhost/shop/${t.slug}/produce/${l.id}`);
  });

  it('uses PUBLIC_URL when it is set', async () => {
    const h2 = await makeHarness({ deps: { publicUrl: 'https://bangfu.example.cn/' } });
    const t2 = await h2.tenant();
    const l = await h2.listing(t2);
    const res = await h2.call('GET', `/api/public/${t2.slug}/produce/${l.id}`);
    expect(res.body.url).toBe(`https://bangfu.example.cn/shop/${t2.slug}/produce/${l.id}`);
  });

  it('is a 404 for a listing that is not published', async () => {
    const l = await h.listing(t, { status: 'draft' });
    expect((await h.app.request(`/api/public/${t.slug}/produce/${l.id}/qr.png`)).status).toBe(404);
  });
});
