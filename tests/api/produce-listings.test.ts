import { beforeAll, describe, expect, it } from 'vitest';
import { JPEG_HEAD, makeHarness, makeProduce, PNG_1x1, WEBP_HEAD, type Harness, type TestTenant } from '../support/harness.js';

// Listings (docs/DOMAIN.md "Produce listing"): only the bureau or an organization actively paired with
// the village lists or edits its produce; draft → published → delisted (→ published again).

let h: Harness;
let t: TestTenant;
let paired: { id: string; member: string; villageId: string; pairingId: string };

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  const org = await h.organization(t);
  const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
  paired = { ...org, villageId: p.villageId, pairingId: p.id };
});

const post = (token: string, body: Record<string, unknown>) => h.call('POST', '/api/produce', { token, body });
const patch = (token: string, id: string, body: Record<string, unknown>) => h.call('PATCH', `/api/produce/${id}`, { token, body });
const countListings = async () => (await h.get(t.bureau, '/api/produce?limit=100')).items.length;

describe('who may list a village’s produce', () => {
  it('the bureau lists for any village; the listing starts with all its stock available', async () => {
    const villageId = await h.village(t);
    const res = await post(t.bureau, makeProduce({ villageId, stock: 30 }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      organizationId: null,
      villageId,
      villageName: '测试村',
      township: '测试镇',
      stock: 30,
      sold: 0,
      available: 30,
      photos: [],
      photoUrls: [],
    });
    expect(await h.audit(t, 'produce', res.body.id)).toHaveLength(1);
  });

  it('a member of an organization actively paired with the village lists for it, in its organization’s name', async () => {
    const res = await post(paired.member, makeProduce({ villageId: paired.villageId, status: 'published' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ organizationId: paired.id, status: 'published' });
  });

  it('a member of an organization not paired with the village is refused (403) and nothing is written', async () => {
    const other = await h.village(t);
    const before = await countListings();
    const res = await post(paired.member, makeProduce({ villageId: other }));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await countListings()).toBe(before);
  });

  it('a pending claim is not enough: only an active pairing lets an organization list', async () => {
    const org = await h.organization(t);
    const p = await h.pendingPairing(t, { orgId: org.id });
    expect((await post(org.member, makeProduce({ villageId: p.villageId }))).status).toBe(403);
  });

  it('a member of an organization that is not approved is refused', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id });
    expect((await h.call('POST', `/api/organizations/${org.id}/suspend`, { token: t.bureau })).status).toBe(200);
    expect((await post(org.member, makeProduce({ villageId: p.villageId }))).status).toBe(403);
  });

  it('after the pairing ends, the organization may no longer edit its listing', async () => {
    const org = await h.organization(t);
    const p = await h.activePairing(t, { orgId: org.id, startDate: '2026-01-01' });
    const listing = await h.listing(t, { villageId: p.villageId, priceFen: 1000 }, org.member);
    expect((await patch(org.member, listing.id, { priceFen: 1100 })).status).toBe(200);
    await h.endPairing(t, p.id, '2026-06-01');
    const res = await patch(org.member, listing.id, { priceFen: 900 });
    expect(res.status).toBe(403);
    expect((await h.get(t.bureau, `/api/produce/${listing.id}`)).priceFen).toBe(1100);
    // the bureau still may (to delist it, say)
    expect((await patch(t.bureau, listing.id, { status: 'delisted' })).status).toBe(200);
  });

  it('an unknown village is a 400 on villageId', async () => {
    const res = await post(t.bureau, makeProduce({ villageId: 'vil_nope' }));
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('villageId');
  });
});

describe('what each caller sees', () => {
  it('an org member lists only its own organization’s listings and cannot read another’s (404)', async () => {
    const mine = await h.listing(t, { villageId: paired.villageId }, paired.member);
    const bureaus = await h.listing(t);
    const other = await h.organization(t);
    const op = await h.activePairing(t, { orgId: other.id });
    const theirs = await h.listing(t, { villageId: op.villageId }, other.member);

    const seen = await h.ids(paired.member, '/api/produce?limit=100');
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(bureaus.id);
    expect(seen).not.toContain(theirs.id);
    expect((await h.call('GET', `/api/produce/${theirs.id}`, { token: paired.member })).status).toBe(404);
    expect((await h.call('GET', `/api/produce/${bureaus.id}`, { token: paired.member })).status).toBe(404);
    expect((await patch(paired.member, theirs.id, { priceFen: 1 })).status).toBe(404);
    expect((await h.get(t.bureau, `/api/produce/${theirs.id}`)).priceFen).toBe(4500);

    const all = await h.ids(t.bureau, '/api/produce?limit=100');
    expect(all).toEqual(expect.arrayContaining([mine.id, bureaus.id, theirs.id]));
  });

  it('filters by village, status and category', async () => {
    const villageId = await h.village(t);
    const tea = await h.listing(t, { villageId, category: 'tea' });
    const draft = await h.listing(t, { villageId, category: 'fruit', status: 'draft' });
    expect(await h.ids(t.bureau, `/api/produce?villageId=${villageId}`)).toEqual([draft.id, tea.id]);
    expect(await h.ids(t.bureau, `/api/produce?villageId=${villageId}&category=tea`)).toEqual([tea.id]);
    expect(await h.ids(t.bureau, `/api/produce?villageId=${villageId}&status=draft`)).toEqual([draft.id]);
  });
});

describe('a listing’s life', () => {
  it('draft → published → delisted → published, each audited', async () => {
    const l = await h.listing(t, { status: 'draft' });
    for (const status of ['published', 'delisted', 'published']) {
      const res = await patch(t.bureau, l.id, { status });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status);
    }
    expect((await h.audit(t, 'produce', l.id)).map((e) => e.action)).toEqual(['create', 'publish', 'delist', 'publish']);
  });

  it.each([
    ['draft', 'delisted'],
    ['published', 'draft'],
    ['delisted', 'draft'],
  ])('a %s listing cannot become %s (409, nothing changes)', async (from, to) => {
    const l = await h.listing(t, { status: from === 'draft' ? 'draft' : 'published' });
    if (from === 'delisted') await patch(t.bureau, l.id, { status: 'delisted' });
    const before = await h.get(t.bureau, `/api/produce/${l.id}`);
    const res = await patch(t.bureau, l.id, { status: to });
    expect(res.status).toBe(409);
    expect(await h.get(t.bureau, `/api/produce/${l.id}`)).toEqual(before);
  });

  it('an edit changes only what it names: a published listing keeps its status and photos', async () => {
    const l = await h.listing(t);
    const photo = await h.uploadPhoto(t.bureau, l.id, PNG_1x1);
    const res = await patch(t.bureau, l.id, { name: '新名字' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '新名字', status: 'published', photos: [photo.body.photoId] });
  });

  it('a price or stock edit is audited with the values before and after', async () => {
    const l = await h.listing(t, { priceFen: 1000, stock: 10 });
    expect((await patch(t.bureau, l.id, { priceFen: 1250, stock: 12 })).status).toBe(200);
    const last = (await h.audit(t, 'produce', l.id)).at(-1);
    expect(last).toMatchObject({ action: 'update', before: { priceFen: 1000, stock: 10 }, after: { priceFen: 1250, stock: 12 } });
    expect((await h.get(t.bureau, `/api/produce/${l.id}`)).available).toBe(12);
  });

  it('an adoption listing needs its subject, season and returns', async () => {
    const villageId = await h.village(t);
    const bad = await post(t.bureau, makeProduce({ villageId, kind: 'adoption' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('adoption');
    const ok = await post(
      t.bureau,
      makeProduce({
        villageId,
        kind: 'adoption',
        name: '认养一棵猕猴桃树',
        adoption: { subject: '猕猴桃树一棵', seasonStart: '2026-03-01', seasonEnd: '2026-10-31', returns: '秋季鲜果 25 公斤' },
      }),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.adoption.subject).toBe('猕猴桃树一棵');
  });
});

describe('bad input is a 400 with field paths and writes nothing', () => {
  it.each([
    ['a price in yuan with decimals', { priceFen: 12.5 }, 'priceFen'],
    ['a zero price', { priceFen: 0 }, 'priceFen'],
    ['a negative stock', { stock: -1 }, 'stock'],
    ['a fractional stock', { stock: 1.5 }, 'stock'],
    ['an unknown category', { category: 'gold' }, 'category'],
    ['an empty name', { name: '  ' }, 'name'],
    ['photos not uploaded to it', { photos: ['pho_x'] }, 'photos'],
    ['a new listing already delisted', { status: 'delisted' }, 'status'],
  ])('%s', async (_what, override, path) => {
    const villageId = await h.village(t);
    const before = await countListings();
    const res = await post(t.bureau, makeProduce({ villageId, ...override }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await countListings()).toBe(before);
  });
});

describe('photos', () => {
  it('a PNG, JPEG or WebP is stored, appended to the listing and served publicly with a long cache', async () => {
    const l = await h.listing(t);
    const png = await h.uploadPhoto(t.bureau, l.id, PNG_1x1, 'image/png');
    const jpg = await h.uploadPhoto(t.bureau, l.id, JPEG_HEAD, 'image/jpeg', 'a.jpg');
    const webp = await h.uploadPhoto(t.bureau, l.id, WEBP_HEAD, 'image/webp', 'a.webp');
    for (const r of [png, jpg, webp]) expect(r.status).toBe(201);
    expect(png.body.url).toBe(`/api/public/${t.slug}/photos/${png.body.photoId}`);
    const listing = await h.get(t.bureau, `/api/produce/${l.id}`);
    expect(listing.photos).toEqual([png.body.photoId, jpg.body.photoId, webp.body.photoId]);
    expect(listing.photoUrls[0]).toBe(png.body.url);

    const served = await h.app.request(png.body.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toContain('max-age=31536000');
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG_1x1);
  });

  it('bytes that are not an image are refused whatever they claim, and nothing is attached', async () => {
    const l = await h.listing(t);
    const fake = await h.uploadPhoto(t.bureau, l.id, new TextEncoder().encode('<?php echo 1; ?>'), 'image/png', 'x.png');
    expect(fake.status).toBe(400);
    expect(fake.body.error.details[0].path).toBe('file');
    const mislabelled = await h.uploadPhoto(t.bureau, l.id, PNG_1x1, 'image/jpeg', 'x.jpg');
    expect(mislabelled.status).toBe(400);
    expect((await h.get(t.bureau, `/api/produce/${l.id}`)).photos).toEqual([]);
  });

  it('a file over 5 MB is a 413', async () => {
    const l = await h.listing(t);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG_1x1);
    const res = await h.uploadPhoto(t.bureau, l.id, big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('a tenth photo is refused (409)', async () => {
    const l = await h.listing(t);
    for (let i = 0; i < 9; i++) expect((await h.uploadPhoto(t.bureau, l.id, PNG_1x1)).status).toBe(201);
    const tenth = await h.uploadPhoto(t.bureau, l.id, PNG_1x1);
    expect(tenth.status).toBe(409);
    expect((await h.get(t.bureau, `/api/produce/${l.id}`)).photos).toHaveLength(9);
  });

  it('a request without a file field is a 400', async () => {
    const l = await h.listing(t);
    const res = await h.call('POST', `/api/produce/${l.id}/photos`, { token: t.bureau, body: { file: 'nope' } });
    expect(res.status).toBe(400);
  });

  it('photos can be reordered or removed, never replaced by ids of other listings', async () => {
    const a = await h.listing(t);
    const b = await h.listing(t);
    const p1 = (await h.uploadPhoto(t.bureau, a.id, PNG_1x1)).body.photoId;
    const p2 = (await h.uploadPhoto(t.bureau, a.id, PNG_1x1)).body.photoId;
    const foreign = (await h.uploadPhoto(t.bureau, b.id, PNG_1x1)).body.photoId;
    expect((await patch(t.bureau, a.id, { photos: [p2, p1] })).body.photos).toEqual([p2, p1]);
    expect((await patch(t.bureau, a.id, { photos: [p2] })).body.photos).toEqual([p2]);
    expect((await patch(t.bureau, a.id, { photos: [p2, foreign] })).status).toBe(400);
  });
});
