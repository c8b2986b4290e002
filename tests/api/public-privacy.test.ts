import { beforeAll, describe, expect, it } from 'vitest';
import { creditCode, makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// No public response carries a phone number, an ID number or an anonymous donor's name. The routes
// come from the running app's OpenAPI document (every GET under /public), called with real ids, so
// a new public route is scanned as soon as it exists — or fails here until it gets its ids.

let h: Harness;
let t: TestTenant;
const ids: Record<string, string> = {};
const query: Record<string, string> = {};

const PHONE = '13912345678';
const ORG_PHONE = '13800001111';
const VILLAGE_PHONE = '0938-7654321';
const ID_NUMBER = '62010219800101123X';
const ANONYMOUS = '匿名善人甲';
const ANONYMOUS_ONLINE = '匿名善人乙';

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  const villageId = await h.village(t, { contactName: '村支书', contactPhone: VILLAGE_PHONE });
  const orgId = await h.organizationId(t, { contactPhone: ORG_PHONE });
  await h.activePairing(t, { orgId, villageId, startDate: '2026-01-01' });
  const listing = await h.listing(t, { villageId, origin: { kind: 'household', name: '王大伯' } });
  const photo = (await h.uploadPhoto(t.bureau, listing.id, PNG_1x1)).body.photoId;
  const order = (await h.checkout(t, [{ produceId: listing.id, quantity: 1 }], { buyer: { name: '李爱心', phone: PHONE, address: `身份证 ${ID_NUMBER}` } }))
    .body;
  await h.press(order.checkoutUrl, 'pay');
  await h.call('POST', '/api/donations', {
    token: t.bureau,
    body: { villageId, kind: 'cash', amountFen: 100_000, donorName: ANONYMOUS, donorType: 'person', anonymous: true },
  });
  const online = (
    await h.call('POST', `/api/public/${t.slug}/donate`, { body: { villageId, amountFen: 10_000, donorName: ANONYMOUS_ONLINE, anonymous: true } })
  ).body;
  await h.press(online.checkoutUrl, 'pay');
  // the reporter's status page (issue 16) must show neither its text nor its contact
  const concern = (
    await h.call('POST', `/api/public/${t.slug}/concerns`, {
      body: { subject: { kind: 'village', id: villageId }, text: `电话 ${PHONE} 身份证 ${ID_NUMBER}`, contact: PHONE },
    })
  ).body;
  Object.assign(query, { concernId: concern.concernId, concernToken: concern.statusToken });
  // an application to join, its contact's mobile on it: the applicant's status page must not show it
  const form = new FormData();
  for (const [k, v] of Object.entries({
    name: '申请组织',
    kind: 'enterprise',
    creditCode: creditCode(),
    contactName: '申请人',
    contactPhone: PHONE,
    email: 'apply@example.com',
  }))
    form.append(k, v);
  form.append('documents', new File([PNG_1x1 as Uint8Array<ArrayBuffer>], 'licence.png', { type: 'image/png' }));
  const applied = await (await h.app.request(`/api/public/${t.slug}/applications`, { method: 'POST', body: form })).json();
  Object.assign(query, { applicationId: applied.applicationId, statusToken: applied.statusToken });
  Object.assign(ids, {
    tenantSlug: t.slug,
    id: listing.id,
    photoId: photo,
    size: 'w320',
    orderId: order.orderId,
    sessionId: online.checkoutUrl.split('/').at(-1)!,
  });
  // a campaign with a purchase (the buyer's phone on it) and an anonymous gift made through it
  const campaignId = (
    await h.call('POST', '/api/campaigns', {
      token: t.bureau,
      body: { title: '扶贫日', startDate: '2026-06-01', endDate: '2026-06-30', targetFen: 1_000_000, villageIds: [villageId], produceIds: [listing.id] },
    })
  ).body.id;
  const viaCampaign = (
    await h.call('POST', `/api/public/${t.slug}/checkout`, {
      body: { items: [{ produceId: listing.id, quantity: 1 }], buyer: { name: '李爱心', phone: PHONE, address: `身份证 ${ID_NUMBER}` }, campaignId },
    })
  ).body;
  await h.press(viaCampaign.checkoutUrl, 'pay');
  const giftViaCampaign = (
    await h.call('POST', `/api/public/${t.slug}/donate`, { body: { villageId, amountFen: 10_000, donorName: ANONYMOUS_ONLINE, anonymous: true, campaignId } })
  ).body;
  await h.press(giftViaCampaign.checkoutUrl, 'pay');
  Object.assign(query, { campaignId });
  // a published story about the village (典型经验), with a photo
  const storyId = (
    await h.call('POST', '/api/stories', {
      token: t.bureau,
      body: {
        title: '蜂蜜合作社',
        summary: '合作社带动增收',
        body: '合作社统一收购、统一品牌，带动 40 户增收。',
        status: 'published',
        villageIds: [villageId],
      },
    })
  ).body.id;
  const storyForm = new FormData();
  storyForm.append('file', new File([PNG_1x1 as Uint8Array<ArrayBuffer>], 'p.png', { type: 'image/png' }));
  const storyPhoto = await (
    await h.app.request(`/api/stories/${storyId}/photos`, { method: 'POST', headers: { authorization: `Bearer ${t.bureau}` }, body: storyForm })
  ).json();
  Object.assign(query, { storyId, storyPhotoId: storyPhoto.photoId ?? storyPhoto.id });
  // routes that take a donation id or a village id under {id}
  Object.assign(query, { orderToken: order.orderToken, donationId: online.donationId, receiptToken: online.receiptToken, villageId });
});

/** The concrete URL of a public GET route with real ids (and its token where it takes one). */
function urlOf(path: string): string {
  const donation = path.includes('/donations/');
  const village = path.includes('/villages/');
  const application = path.includes('/applications/');
  const concern = path.includes('/concerns/');
  const campaign = path.includes('/campaigns/');
  const story = path.includes('/stories/');
  const filled = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === 'id' && donation) return query.donationId;
    if (name === 'id' && village) return query.villageId;
    if (name === 'id' && application) return query.applicationId;
    if (name === 'id' && concern) return query.concernId;
    if (name === 'id' && campaign) return query.campaignId;
    if (name === 'id' && story) return query.storyId;
    if (name === 'photoId' && story) return query.storyPhotoId;
    const v = ids[name];
    if (!v) throw new Error(`no id for {${name}} in ${path}: add it to this test`);
    return v;
  });
  const token = donation ? query.receiptToken : path.includes('/orders/') ? query.orderToken : null;
  return `/api${filled}${token ? `?token=${token}` : ''}`;
}

// 11-digit mainland mobiles, landlines, and 18-character ID numbers; masked forms (139****5678) pass
// bounded by anything but a letter or digit (as ID_RE): a random id such as cs_…a042925478250b is not a
// phone number, while 电话13800138000 or "0931-1234567" still are
const PHONE_RE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])|(?<![0-9A-Za-z])0\d{2,3}-?\d{7,8}(?![0-9A-Za-z])/;
const ID_RE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;

describe('every public GET route', () => {
  it('is free of phone numbers, ID numbers and anonymous donors’ names', async () => {
    const spec = (await h.call('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const paths = Object.entries(spec.paths)
      .filter(([p, ops]) => p.startsWith('/public') && 'get' in ops)
      .map(([p]) => p);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/public/{tenantSlug}/transparency',
        '/public/{tenantSlug}/villages/{id}/transparency',
        '/public/{tenantSlug}/donations/{id}/receipt',
      ]),
    );
    const scanned: string[] = [];
    for (const p of paths) {
      const url = urlOf(p);
      // the applicant's status page takes its token in a header
      const statusToken = p.includes('/applications/') ? query.statusToken : p.includes('/concerns/') ? query.concernToken : undefined;
      const res = await h.app.request(url, statusToken ? { headers: { 'x-status-token': statusToken } } : undefined);
      expect({ p, status: res.status }).toEqual({ p, status: 200 });
      const type = res.headers.get('content-type') ?? '';
      if (!type.includes('json') && !type.includes('html')) continue; // images
      const text = await res.text();
      scanned.push(p);
      expect({ p, phone: PHONE_RE.exec(text)?.[0] ?? null }).toEqual({ p, phone: null });
      expect({ p, id: ID_RE.exec(text)?.[0] ?? null }).toEqual({ p, id: null });
      expect({ p, anonymous: text.includes(ANONYMOUS) || text.includes(ANONYMOUS_ONLINE) }).toEqual({ p, anonymous: false });
      expect(text).not.toContain(ID_NUMBER);
    }
    expect(scanned.length).toBeGreaterThanOrEqual(7);
  });
});
