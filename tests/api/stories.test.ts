import { beforeAll, describe, expect, it } from 'vitest';
import { PHOTO_WIDTHS, photoOriginalKey, photoSizeKey } from '../../functions/modules/photos/keys.js';
import { makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// Stories (典型经验): the bureau writes them, linked to its own villages, organizations and pairings
// only; the public sees a published story alone (a draft is the same 404 as a missing id or another
// tenant's), with names and photos but no phone or contact of anyone.

let h: Harness;
let t: TestTenant;
let other: TestTenant;
let village: string;
let village2: string;
let org: { id: string; member: string };
let pairing: string;
let foreign: { village: string; org: string; pairing: string };

const PHONE = '13912345678';

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-11-02T04:00:00Z') });
  [t, other] = [await h.tenant(), await h.tenant()];
  village = await h.village(t, { name: '双龙村' });
  village2 = await h.village(t, { name: '石门村' });
  org = await h.organization(t, { name: '县工商联商会', contactName: '李会长', contactPhone: PHONE });
  pairing = (await h.activePairing(t, { villageId: village, orgId: org.id })).id;
  const fp = await h.activePairing(other);
  foreign = { village: fp.villageId, org: fp.orgId, pairing: fp.id };
});

const valid = () => ({
  title: '双龙村黑茶合作社',
  summary: '商会带着合作社把黑茶卖出了大山。',
  body: '第一段。\n\n第二段 <b>不是 HTML</b>。',
  villageIds: [village],
  organizationIds: [org.id],
  pairingIds: [pairing],
});
const post = (body: Record<string, unknown>, token = t.bureau) => h.call('POST', '/api/stories', { token, body });
async function create(body: Record<string, unknown> = {}, tenant = t): Promise<string> {
  const res = await post({ ...valid(), ...body }, tenant.bureau);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}
const paths = (res: { body: { error: { details: { path: string }[] } } }) => res.body.error.details.map((d) => d.path);
const stories = async () => (await h.get(t.bureau, '/api/stories')).items as { id: string }[];
const pub = (path: string, tenant = t) => h.call('GET', `/api/public/${tenant.slug}/stories${path}`);

async function upload(token: string, storyId: string) {
  const form = new FormData();
  form.append('file', new File([PNG_1x1 as Uint8Array<ArrayBuffer>], 'p.png', { type: 'image/png' }));
  const res = await h.app.request(`/api/stories/${storyId}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('writing a story', () => {
  it('refuses another tenant’s village, organization or pairing with each path, and writes nothing', async () => {
    const before = (await stories()).length;
    const res = await post({ ...valid(), villageIds: [village, foreign.village], organizationIds: [foreign.org], pairingIds: [foreign.pairing] });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['villageIds.1', 'organizationIds.0', 'pairingIds.0']);
    expect((await stories()).length).toBe(before);

    const id = await create();
    const patch = await h.call('PATCH', `/api/stories/${id}`, { token: t.bureau, body: { title: '改了', pairingIds: [foreign.pairing] } });
    expect(patch.status).toBe(400);
    expect(paths(patch)).toEqual(['pairingIds.0']);
    expect((await h.get(t.bureau, `/api/stories/${id}`)).title).toBe(valid().title);
  });

  it('refuses a title over 60 characters and a body over 5,000', async () => {
    const res = await post({ ...valid(), title: '长'.repeat(61), body: '字'.repeat(5001) });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(expect.arrayContaining(['title', 'body']));
    expect((await post({ ...valid(), title: '长'.repeat(60) })).status).toBe(201);
  });

  it('lets only the bureau write: a member is refused (403)', async () => {
    const id = await create();
    expect((await post(valid(), org.member)).status).toBe(403);
    expect((await h.call('PATCH', `/api/stories/${id}`, { token: org.member, body: { status: 'published' } })).status).toBe(403);
    expect((await upload(org.member, id)).status).toBe(403);
  });

  it('sets publishedAt when published, clears it as a draft again, and audits each change', async () => {
    const id = await create();
    expect((await h.get(t.bureau, `/api/stories/${id}`)).publishedAt).toBeNull();
    const p = await h.call('PATCH', `/api/stories/${id}`, { token: t.bureau, body: { status: 'published' } });
    expect(p.body.publishedAt).toBe('2026-11-02T04:00:00.000Z');
    const d = await h.call('PATCH', `/api/stories/${id}`, { token: t.bureau, body: { status: 'draft' } });
    expect(d.body.publishedAt).toBeNull();
    expect((await h.audit(t, 'story', id)).map((e) => e.action)).toEqual(['create', 'update', 'update']);
  });
});

describe('the public stories', () => {
  it('shows a draft to nobody: the same 404 as a missing id and another tenant’s', async () => {
    const draft = await create({ status: 'draft' });
    const theirs = await create({ status: 'published', villageIds: [], organizationIds: [], pairingIds: [] }, other);
    const answers = await Promise.all([pub(`/${draft}`), pub('/sty_missing'), pub(`/${theirs}`)]);
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404]);
    expect(new Set(answers.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect((await pub('')).body.items.map((s: { id: string }) => s.id)).not.toContain(draft);
  });

  it('lists the published ones newest first, narrowed by village', async () => {
    const first = await create({ status: 'published' });
    h.clock.now = new Date('2026-11-03T04:00:00Z');
    const second = await create({ status: 'published', villageIds: [village2] });
    const all = (await pub('')).body.items.map((s: { id: string }) => s.id);
    expect(all.indexOf(second)).toBeLessThan(all.indexOf(first));
    const inVillage = (await pub(`?villageId=${village}`)).body.items;
    expect(inVillage.map((s: { id: string }) => s.id)).toContain(first);
    expect(inVillage.map((s: { id: string }) => s.id)).not.toContain(second);
    expect(inVillage.find((s: { id: string }) => s.id === first).villages).toEqual([{ id: village, name: '双龙村' }]);
  });

  it('carries no phone or personal field: names of villages and organizations only', async () => {
    const id = await create({ status: 'published' });
    const one = await pub(`/${id}`);
    expect(one.status).toBe(200);
    expect(Object.keys(one.body).sort()).toEqual(['body', 'id', 'organizations', 'photos', 'publishedAt', 'summary', 'title', 'villages']);
    expect(one.body.organizations).toEqual([{ id: org.id, name: '县工商联商会' }]);
    expect(one.body.body).toBe(valid().body);
    for (const text of [JSON.stringify(one.body), JSON.stringify((await pub('')).body)]) {
      expect(text).not.toContain(PHONE);
      expect(text).not.toContain('李会长');
      expect(text).not.toMatch(/phone|contact|household|donor|createdBy/i);
    }
  });

  it('serves a published story’s photos, never a draft’s; at most 9 a story', async () => {
    const id = await create({ status: 'published' });
    const up = await upload(t.bureau, id);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const photo = await h.call('GET', up.body.url);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect((await pub(`/${id}`)).body.photos).toEqual([{ photoId: up.body.photoId, url: up.body.url }]);
    expect((await pub('')).body.items.find((s: { id: string }) => s.id === id).cover.photoId).toBe(up.body.photoId);

    await h.call('PATCH', `/api/stories/${id}`, { token: t.bureau, body: { status: 'draft' } });
    expect((await h.call('GET', up.body.url)).status).toBe(404);

    for (let i = 1; i < 9; i++) expect((await upload(t.bureau, id)).status).toBe(201);
    const tenth = await upload(t.bureau, id);
    expect(tenth.status).toBe(409);
    expect((await h.get(t.bureau, `/api/stories/${id}`)).photoIds).toHaveLength(9);
  });
});

describe('taking a photo off a story', () => {
  const del = (storyId: string, photoId: string, token = t.bureau) => h.call('DELETE', `/api/stories/${storyId}/photos/${photoId}`, { token });
  const filesOf = (photoId: string) => {
    const original = photoOriginalKey(t.id, photoId);
    return [original, ...PHOTO_WIDTHS.map((w) => photoSizeKey(original, w))];
  };
  async function withPhotos(n: number, status: 'draft' | 'published' = 'published') {
    const id = await create({ status });
    const photos: { photoId: string; url: string }[] = [];
    for (let i = 0; i < n; i++) {
      const up = await upload(t.bureau, id);
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      photos.push({ photoId: up.body.photoId, url: up.body.url });
    }
    return { id, photos };
  }

  it('shows the bureau a draft’s photos (never the public), a member is refused (403)', async () => {
    const { id, photos } = await withPhotos(1, 'draft');
    const mine = await h.call('GET', `/api/stories/${id}/photos/${photos[0].photoId}?size=w320`, { token: t.bureau });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toMatch(/^image\//);
    expect(mine.headers.get('cache-control')).toBe('private, no-store');
    expect((await h.call('GET', photos[0].url)).status).toBe(404);
    expect((await h.call('GET', `/api/stories/${id}/photos/${photos[0].photoId}`, { token: org.member })).status).toBe(403);
    expect((await h.call('GET', `/api/stories/${id}/photos/sph_missing`, { token: t.bureau })).status).toBe(404);
  });

  it('removes the photo and its files with the story’s record in one audited write; the public story no longer shows it', async () => {
    const { id, photos } = await withPhotos(2);
    const [gone, kept] = photos;
    expect(await h.deps.files.get(filesOf(gone.photoId)[0])).not.toBeNull();
    const res = await del(id, gone.photoId);
    expect(res.status, JSON.stringify(res.body)).toBe(204);
    expect((await h.get(t.bureau, `/api/stories/${id}`)).photoIds).toEqual([kept.photoId]);
    expect((await pub(`/${id}`)).body.photos).toEqual([kept]);
    expect((await pub('')).body.items.find((s: { id: string }) => s.id === id).cover).toEqual(kept);
    expect((await h.call('GET', gone.url)).status).toBe(404);
    expect((await h.call('GET', `/api/stories/${id}/photos/${gone.photoId}`, { token: t.bureau })).status).toBe(404);
    for (const key of filesOf(gone.photoId)) expect(await h.deps.files.get(key), key).toBeNull();
    expect(await h.deps.files.get(filesOf(kept.photoId)[0])).not.toBeNull();
    const audit = await h.audit(t, 'story', id);
    expect(audit.map((e) => e.action)).toEqual(['create', 'add_photo', 'add_photo', 'remove_photo']);
    expect(audit.at(-1)).toMatchObject({ before: { photos: [gone.photoId, kept.photoId] }, after: { photos: [kept.photoId] } });
    // the room it leaves takes another
    expect((await upload(t.bureau, id)).status).toBe(201);
  });

  it('a second identical DELETE is a 404 and changes nothing', async () => {
    const { id, photos } = await withPhotos(2, 'draft');
    expect((await del(id, photos[0].photoId)).status).toBe(204);
    const before = await h.get(t.bureau, `/api/stories/${id}`);
    const again = await del(id, photos[0].photoId);
    expect({ status: again.status, code: again.body?.error?.code }).toEqual({ status: 404, code: 'not_found' });
    expect(await h.get(t.bureau, `/api/stories/${id}`)).toEqual(before);
    expect((await h.audit(t, 'story', id)).filter((e) => e.action === 'remove_photo')).toHaveLength(1);
    // another story's photo through this story's id is the same 404
    const elsewhere = await withPhotos(1, 'draft');
    expect((await del(id, elsewhere.photos[0].photoId)).status).toBe(404);
    expect((await h.get(t.bureau, `/api/stories/${elsewhere.id}`)).photoIds).toEqual([elsewhere.photos[0].photoId]);
  });

  it('another tenant’s story id is a 404 and its photo stays', async () => {
    const { id, photos } = await withPhotos(1);
    const res = await del(id, photos[0].photoId, other.bureau);
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 404, code: 'not_found' });
    expect((await h.get(t.bureau, `/api/stories/${id}`)).photoIds).toEqual([photos[0].photoId]);
    expect((await h.call('GET', photos[0].url)).status).toBe(200);
  });

  it('lets only the bureau remove one: a member is refused (403)', async () => {
    const { id, photos } = await withPhotos(1);
    expect((await del(id, photos[0].photoId, org.member)).status).toBe(403);
    expect((await h.get(t.bureau, `/api/stories/${id}`)).photoIds).toEqual([photos[0].photoId]);
  });

  it('two removals at once never bring a removed photo back', async () => {
    const { id, photos } = await withPhotos(4);
    const answers = await Promise.all(photos.map((p) => del(id, p.photoId)));
    const removed = photos.filter((_, i) => answers[i].status === 204).map((p) => p.photoId);
    for (const a of answers) expect([204, 409]).toContain(a.status);
    const left = (await h.get(t.bureau, `/api/stories/${id}`)).photoIds as string[];
    expect(left.filter((p) => removed.includes(p))).toEqual([]);
    expect(left).toHaveLength(photos.length - removed.length);
  });
});
