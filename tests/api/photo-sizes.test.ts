import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PostPolicy } from '../../functions/adapters/files.js';
import { photoOriginalKey, photoSizeKey } from '../../functions/modules/photos/keys.js';
import { NotAnImage, resizePhoto } from '../../functions/modules/photos/resize.js';
import { addPhotoTx } from '../../functions/modules/produce/store.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { JPEG_HEAD, makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// Issue 16, photos: every upload is resized into WebP sizes (320 and 800 px wide) — upright, without
// metadata — served with srcset; on AWS the browser posts to the bucket with a presigned POST and
// tells the API the key; locally the API answers `direct` and the local store makes the sizes.

/** A 1200×900 JPEG that says "rotate 90° clockwise to view" (EXIF orientation 6) and where it was taken. */
async function photoWithExif(): Promise<Uint8Array> {
  const img = sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    // a white band along the top of the stored pixels: after the rotation it is on the right
    .composite([{ input: { create: { width: 1200, height: 100, channels: 3, background: '#ffffff' } }, top: 0, left: 0 }])
    .jpeg({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 45/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 8/1 0/1' } });
  return new Uint8Array(await img.toBuffer());
}

describe('resizePhoto', () => {
  it('makes a 320 and an 800 px wide WebP, EXIF orientation applied, no metadata left (no GPS)', async () => {
    const original = await photoWithExif();
    const meta = await sharp(original).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.exif).toBeDefined();
    const sizes = await resizePhoto(original);
    expect(sizes.map((s) => s.width)).toEqual([320, 800]);
    for (const s of sizes) {
      const m = await sharp(s.bytes).metadata();
      expect(m.format).toBe('webp');
      expect(m.width).toBe(s.width);
      // upright: the 1200×900 stored pixels turned a quarter, so taller than wide (900:1200)
      expect(m.height).toBe(Math.round((s.width * 1200) / 900));
      expect(m.exif).toBeUndefined();
      expect(m.orientation).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.icc).toBeUndefined();
      expect(Buffer.from(s.bytes).includes('TestCam')).toBe(false);
      // the white band is now on the right-hand side
      const { data, info } = await sharp(s.bytes).raw().toBuffer({ resolveWithObject: true });
      const px = (x: number, y: number) => data[(y * info.width + x) * info.channels];
      expect(px(info.width - 2, Math.floor(info.height / 2))).toBeGreaterThan(230);
      expect(px(2, Math.floor(info.height / 2))).toBeLessThan(230);
    }
  });

  it('never enlarges a small photo', async () => {
    const small = new Uint8Array(
      await sharp({ create: { width: 200, height: 150, channels: 3, background: '#3a7' } })
        .png()
        .toBuffer(),
    );
    const sizes = await resizePhoto(small);
    expect(sizes.map((s) => [s.outWidth, s.outHeight])).toEqual([
      [200, 150],
      [200, 150],
    ]);
  });

  it('refuses what is not an image, and an image header with nothing behind it', async () => {
    await expect(resizePhoto(new TextEncoder().encode('<?php echo 1; ?>'))).rejects.toBeInstanceOf(NotAnImage);
    await expect(resizePhoto(JPEG_HEAD)).rejects.toBeInstanceOf(NotAnImage);
    await expect(resizePhoto(new TextEncoder().encode('GIF89a......'))).rejects.toBeInstanceOf(NotAnImage);
  });
});

let h: Harness;
let t: TestTenant;
let other: TestTenant;
let org: { id: string; member: string; villageId: string };
let jpeg: Uint8Array;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  [t, other] = [await h.tenant(), await h.tenant()];
  const o = await h.organization(t);
  const p = await h.activePairing(t, { orgId: o.id, startDate: '2026-01-01' });
  org = { ...o, villageId: p.villageId };
  jpeg = await photoWithExif();
}, 120_000);

const presign = (token: string, id: string, contentType = 'image/jpeg') =>
  h.call('POST', `/api/produce/${id}/photos/presign`, { token, body: { contentType } });
const confirm = (token: string, id: string, key: string) => h.call('POST', `/api/produce/${id}/photos/confirm`, { token, body: { key } });

describe('the local path, end to end', () => {
  it('an upload gets its sizes; the listing and the shop carry their srcset; the sizes are long-cached WebP', async () => {
    const l = await h.listing(t);
    const up = await h.uploadPhoto(t.bureau, l.id, jpeg, 'image/jpeg', 'apple.jpg');
    expect(up.status).toBe(201);
    const base = `/api/public/${t.slug}/photos/${up.body.photoId}`;
    const srcSet = `${base}/w320 320w, ${base}/w800 800w`;
    expect((await h.get(t.bureau, `/api/produce/${l.id}`)).photoSrcSets).toEqual([srcSet]);
    const pub = await h.call('GET', `/api/public/${t.slug}/produce/${l.id}`);
    expect(pub.body.photoUrls).toEqual([base]);
    expect(pub.body.photoSrcSets).toEqual([srcSet]);
    const list = await h.call('GET', `/api/public/${t.slug}/produce?limit=50`);
    expect(list.body.items.find((p: { id: string }) => p.id === l.id).photoSrcSets).toEqual([srcSet]);

    for (const w of [320, 800]) {
      const res = await h.app.request(`${base}/w${w}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const m = await sharp(new Uint8Array(await res.arrayBuffer())).metadata();
      expect([m.format, m.width, m.exif]).toEqual(['webp', w, undefined]);
    }
    // the original is still there, as uploaded
    const original = await h.app.request(base);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(jpeg);
    // an unknown size is a 400, another tenant's slug a 404
    expect((await h.app.request(`${base}/w1600`)).status).toBe(400);
    expect((await h.app.request(`/api/public/${other.slug}/photos/${up.body.photoId}/w320`)).status).toBe(404);
  });

  it('a photo whose bytes cannot be decoded keeps its original, served (briefly cached) in place of its sizes', async () => {
    const l = await h.listing(t);
    const up = await h.uploadPhoto(t.bureau, l.id, JPEG_HEAD, 'image/jpeg', 'broken.jpg');
    expect(up.status).toBe(201);
    const res = await h.app.request(`/api/public/${t.slug}/photos/${up.body.photoId}/w320`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('a photo from before the sizes has no srcset and is served as it was', async () => {
    const l = await h.listing(t);
    const store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
    const photoId = 'pho_oldstyle0001';
    const fileKey = `${t.id}/photos/${photoId}`;
    await h.deps.files.put(fileKey, { bytes: PNG_1x1, contentType: 'image/png' });
    await store.transact(
      addPhotoTx(
        store,
        { photoId, produceId: l.id, contentType: 'image/png', bytes: PNG_1x1.length, fileKey, createdAt: new Date().toISOString() },
        9,
        new Date().toISOString(),
      ),
    );
    const pub = await h.call('GET', `/api/public/${t.slug}/produce/${l.id}`);
    expect(pub.body.photoUrls).toEqual([`/api/public/${t.slug}/photos/${photoId}`]);
    expect(pub.body.photoSrcSets).toEqual(['']);
    expect((await h.app.request(pub.body.photoUrls[0])).headers.get('content-type')).toBe('image/png');
    const sized = await h.app.request(`${pub.body.photoUrls[0]}/w800`);
    expect([sized.status, sized.headers.get('content-type'), sized.headers.get('cache-control')]).toEqual([200, 'image/png', 'public, max-age=60']);
  });
});

describe('POST /api/produce/:id/photos/presign', () => {
  const seen: { key: string; policy: PostPolicy }[] = [];
  const s3Like = () => {
    (h.deps.files as { presignPost?: unknown }).presignPost = async (key: string, policy: PostPolicy) => {
      seen.push({ key, policy });
      return {
        url: 'https://bangfu-files.s3.ap-east-1.amazonaws.com/',
        fields: { key, 'Content-Type': policy.contentType, Policy: 'eyJ9', 'X-Amz-Signature': 'sig' },
      };
    };
  };
  afterEach(() => {
    delete (h.deps.files as { presignPost?: unknown }).presignPost;
    seen.length = 0;
  });

  it('locally (no bucket) answers `direct`: upload through the API', async () => {
    const l = await h.listing(t);
    const res = await presign(t.bureau, l.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mode: 'direct', url: `/api/produce/${l.id}/photos` });
  });

  it('on S3: a POST for one new key under the tenant’s photos, the type asked for, at most 5 MB, 5 minutes', async () => {
    s3Like();
    const l = await h.listing(t);
    const res = await presign(t.bureau, l.id, 'image/webp');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 's3', url: 'https://bangfu-files.s3.ap-east-1.amazonaws.com/', maxBytes: 5 * 1024 * 1024, expiresInSeconds: 300 });
    expect(res.body.key).toBe(photoOriginalKey(t.id, res.body.photoId));
    expect(res.body.key).toMatch(new RegExp(`^${t.id}/photos/pho_[a-z0-9]+/original$`));
    expect(seen).toEqual([
      {
        key: res.body.key,
        policy: { types: ['image/jpeg', 'image/png', 'image/webp'], contentType: 'image/webp', maxBytes: 5 * 1024 * 1024, expiresInSeconds: 300 },
      },
    ]);
    expect(res.body.fields['Content-Type']).toBe('image/webp');
  });

  it('refuses a type that is not a photo (400, field contentType), before signing anything', async () => {
    s3Like();
    const l = await h.listing(t);
    const res = await presign(t.bureau, l.id, 'image/gif');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('contentType');
    expect(seen).toEqual([]);
  });

  it('another tenant’s listing is a 404; an org member only for its own organization’s listing', async () => {
    s3Like();
    const mine = await h.listing(t, { villageId: org.villageId }, org.member);
    const bureaus = await h.listing(t);
    const theirs = await h.listing(other);
    expect((await presign(t.bureau, theirs.id)).status).toBe(404);
    expect((await presign(org.member, mine.id)).status).toBe(200);
    expect((await presign(org.member, bureaus.id)).status).toBe(404);
    expect((await confirm(org.member, bureaus.id, photoOriginalKey(t.id, 'pho_x1'))).status).toBe(404);
    // a visitor without a token
    expect((await h.call('POST', `/api/produce/${mine.id}/photos/presign`, { body: { contentType: 'image/jpeg' } })).status).toBe(401);
    expect(seen).toHaveLength(1);
  });

  it('a listing with 9 photos gets no ticket (409)', async () => {
    s3Like();
    const l = await h.listing(t);
    for (let i = 0; i < 9; i++) expect((await h.uploadPhoto(t.bureau, l.id, PNG_1x1)).status).toBe(201);
    expect((await presign(t.bureau, l.id)).status).toBe(409);
  });
});

describe('POST /api/produce/:id/photos/confirm', () => {
  it('records a photo posted to its key: checked, appended, sizes made, audited', async () => {
    const l = await h.listing(t);
    const key = photoOriginalKey(t.id, 'pho_posted0001');
    await h.deps.files.put(key, { bytes: jpeg, contentType: 'image/jpeg' });
    const res = await confirm(t.bureau, l.id, key);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ photoId: 'pho_posted0001', url: `/api/public/${t.slug}/photos/pho_posted0001` });
    const listing = await h.get(t.bureau, `/api/produce/${l.id}`);
    expect(listing.photos).toEqual(['pho_posted0001']);
    expect(listing.photoSrcSets[0]).toContain('/w320 320w');
    expect(await h.deps.files.get(photoSizeKey(key, 800))).not.toBeNull();
    expect((await h.audit(t, 'produce', l.id)).some((e: { action: string }) => e.action === 'add_photo')).toBe(true);
    // sent twice: refused, and the photo stays
    expect((await confirm(t.bureau, l.id, key)).status).toBe(409);
    expect(await h.deps.files.get(key)).not.toBeNull();
    expect((await h.get(t.bureau, `/api/produce/${l.id}`)).photos).toEqual(['pho_posted0001']);
  });

  it('refuses a key outside the tenant’s photo keys (400, field key), another tenant’s included', async () => {
    const l = await h.listing(t);
    // another tenant's photo, really there: refused, and left alone
    const theirs = photoOriginalKey(other.id, 'pho_theirs0001');
    await h.deps.files.put(theirs, { bytes: jpeg, contentType: 'image/jpeg' });
    for (const key of [theirs, `${t.id}/vouchers/pho_x/original`, `${t.id}/photos/pho_x`, `${t.id}/photos/../x/original`]) {
      const res = await confirm(t.bureau, l.id, key);
      expect(res.status, key).toBe(400);
      expect(res.body.error.details[0].path).toBe('key');
    }
    expect((await confirm(t.bureau, l.id, photoOriginalKey(t.id, 'pho_nothere0001'))).status).toBe(400);
    expect(await h.deps.files.get(theirs)).not.toBeNull();
    expect((await h.get(t.bureau, `/api/produce/${l.id}`)).photos).toEqual([]);
  });

  it('refuses bytes that are not an image, or not the type they were posted as, and removes them', async () => {
    const l = await h.listing(t);
    const fake = photoOriginalKey(t.id, 'pho_fake0001');
    await h.deps.files.put(fake, { bytes: new TextEncoder().encode('<?php echo 1; ?>'), contentType: 'image/jpeg' });
    const res = await confirm(t.bureau, l.id, fake);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('key');
    expect(await h.deps.files.get(fake)).toBeNull();
    const mislabelled = photoOriginalKey(t.id, 'pho_mislabel0001');
    await h.deps.files.put(mislabelled, { bytes: PNG_1x1, contentType: 'image/jpeg' });
    expect((await confirm(t.bureau, l.id, mislabelled)).status).toBe(400);
    expect(await h.deps.files.get(mislabelled)).toBeNull();
    expect((await h.get(t.bureau, `/api/produce/${l.id}`)).photos).toEqual([]);
  });
});
