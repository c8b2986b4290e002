import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCode, makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// No user of one tenant may read or change another tenant's data: every route that takes an id,
// called from tenant B with tenant A's record, answers 404 and leaves the record as it was.
// The routes come from the running app's OpenAPI document, so a new id route fails this file
// until it is added to ROUTES below.

let h: Harness;
let a: TestTenant;
let b: TestTenant;
let bMember: string;
const A = {} as {
  village: string;
  pendingOrg: string;
  approvedOrg: string;
  pendingPairing: string;
  activePairing: string;
  listing: string;
  photo: string;
  paidOrder: string;
  shippedOrder: string;
  orderToken: string;
  donation: string;
  refundable: string;
  /** logged by A's member, waiting for A's bureau (issue 15) */
  pendingDonation: string;
  donationToken: string;
  expenditure: string;
  concern: string;
  concernToken: string;
  report: string;
  need: string;
  payout: string;
  notification: string;
  user: string;
  application: string;
  applicationToken: string;
  document: string;
  /** a change request of A's approved organization, pending (issue 15) */
  change: string;
  /** a recognition category of A's (rule 6) */
  recogCategory: string;
  /** an open campaign of A's, naming A's village and listing */
  campaign: string;
  /** a published story of A's, naming A's village, organization and pairing, and a photo of it */
  story: string;
  storyPhoto: string;
  /** a helper of A's approved organization, an activity on A's active pairing and a photo of it */
  helper: string;
  activity: string;
  activityPhoto: string;
};

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  [a, b] = [await h.tenant(), await h.tenant()];
  A.village = await h.village(a);
  A.pendingOrg = await h.organizationId(a, {}, false);
  A.approvedOrg = await h.organizationId(a);
  A.recogCategory = (await h.call('POST', '/api/recognition/categories', { token: a.bureau, body: { name: '甲县委组', thresholdFen: 5_000_000 } })).body.id;
  A.pendingPairing = (await h.pendingPairing(a, { orgId: A.approvedOrg })).id;
  A.activePairing = (await h.activePairing(a, { orgId: A.approvedOrg, villageId: A.village, startDate: '2026-01-01' })).id;
  A.listing = (await h.listing(a, { villageId: A.village })).id;
  A.photo = (await h.uploadPhoto(a.bureau, A.listing, PNG_1x1)).body.photoId;
  const paid = (await h.checkout(a, [{ produceId: A.listing, quantity: 1 }])).body;
  await h.press(paid.checkoutUrl, 'pay');
  const shipped = (await h.checkout(a, [{ produceId: A.listing, quantity: 1 }])).body;
  await h.press(shipped.checkoutUrl, 'pay');
  await h.call('POST', `/api/orders/${shipped.orderId}/ship`, { token: a.bureau, body: { carrier: '顺丰', trackingNo: 'SF100' } });
  [A.paidOrder, A.shippedOrder, A.orderToken] = [paid.orderId, shipped.orderId, paid.orderToken];
  const cash = { villageId: A.village, kind: 'cash', amountFen: 100_000, donorName: '甲', donorType: 'person' };
  A.donation = (await h.call('POST', '/api/donations', { token: a.bureau, body: cash })).body.id;
  A.refundable = (await h.call('POST', '/api/donations', { token: a.bureau, body: cash })).body.id;
  A.expenditure = (
    await h.call('POST', '/api/expenditures', { token: a.bureau, body: { villageId: A.village, amountFen: 1_000, purpose: '修路', date: '2026-06-01' } })
  ).body.id;
  const online = (await h.call('POST', `/api/public/${a.slug}/donate`, { body: { villageId: A.village, amountFen: 10_000, donorName: '乙' } })).body;
  await h.press(online.checkoutUrl, 'pay');
  A.donationToken = online.receiptToken;
  A.donation = online.donationId;
  const concern = (await h.call('POST', `/api/public/${a.slug}/concerns`, { body: { subject: { kind: 'village', id: A.village }, text: '资金去向不明' } }))
    .body;
  [A.concern, A.concernToken] = [concern.concernId, concern.statusToken];
  A.need = (
    await h.call('POST', '/api/needs', { token: a.bureau, body: { villageId: A.village, category: 'sales', title: '销路', quantity: 10, unit: '箱' } })
  ).body.id;
  A.report = (
    await h.call('POST', '/api/reports', {
      token: a.bureau,
      body: { organizationId: A.approvedOrg, weekStart: '2026-06-08', summary: '本周', progress: '进展', results: '成效' },
    })
  ).body.id;
  // a sale of the organization's own listing, and a payout of part of what it is owed (with evidence)
  const aMember = await h.member(a, A.approvedOrg);
  A.pendingDonation = (
    await h.call('POST', '/api/donations', { token: aMember, body: { ...cash, kind: 'goods', description: '书包', donorType: 'organization' } })
  ).body.id;
  const own = await h.listing(a, { villageId: A.village, priceFen: 5_000 }, aMember);
  // a member's rename of its approved organization: a change request awaiting the bureau (issue 15)
  A.change = (await h.call('PATCH', `/api/organizations/${A.approvedOrg}`, { token: aMember, body: { name: '甲组织改名' } })).body.change.id;
  await h.press((await h.checkout(a, [{ produceId: own.id, quantity: 1 }])).body.checkoutUrl, 'pay');
  A.payout = (
    await h.call('POST', '/api/payouts', {
      token: a.bureau,
      body: { organizationId: A.approvedOrg, amountFen: 1_000, method: 'bank_transfer', reference: 'B-1', date: '2026-06-15' },
    })
  ).body.id;
  // an application to join A, pending, with one document
  const appForm = new FormData();
  for (const [k, v] of Object.entries({
    name: '申请者',
    kind: 'enterprise',
    creditCode: creditCode(),
    contactName: '李',
    contactPhone: '13900000000',
    email: 'applicant@example.com',
    villageIds: A.village,
  }))
    appForm.append(k, v);
  appForm.append('documents', new File([PNG_1x1 as Uint8Array<ArrayBuffer>], 'licence.png', { type: 'image/png' }));
  const applied = await (await h.app.request(`/api/public/${a.slug}/applications`, { method: 'POST', body: appForm })).json();
  [A.application, A.applicationToken] = [applied.applicationId, applied.statusToken];
  A.document = (await h.get(a.bureau, `/api/applications/${A.application}`)).documents[0].id;
  // A's bureau's bell (the claims above told it) and a member A may disable
  await h.deliver();
  A.notification = (await h.get(a.bureau, '/api/notifications')).items[0].id;
  A.user = (await h.get(aMember, '/api/me')).id;
  A.helper = (await h.call('POST', `/api/organizations/${A.approvedOrg}/helpers`, { token: a.bureau, body: { name: '甲队员', role: '帮扶队员' } })).body.id;
  A.activity = (
    await h.call('POST', `/api/pairings/${A.activePairing}/activities`, {
      token: a.bureau,
      body: { date: '2026-06-01', type: 'visit', peopleReached: 1, description: '走访', participants: { headcount: 2, helperIds: [A.helper] } },
    })
  ).body.id;
  const activityPhoto = new FormData();
  activityPhoto.append('file', new File([PNG_1x1 as Uint8Array<ArrayBuffer>], 'p.png', { type: 'image/png' }));
  A.activityPhoto = (
    await (
      await h.app.request(`/api/activities/${A.activity}/photos`, { method: 'POST', headers: { authorization: `Bearer ${a.bureau}` }, body: activityPhoto })
    ).json()
  ).photoId;
  A.campaign = (
    await h.call('POST', '/api/campaigns', {
      token: a.bureau,
      body: { title: '年货节', startDate: '2026-06-01', endDate: '2026-06-30', targetFen: 1_000_000, villageIds: [A.village], produceIds: [A.listing] },
    })
  ).body.id;
  A.story = (
    await h.call('POST', '/api/stories', {
      token: a.bureau,
      body: {
        title: '甲村经验',
        summary: '摘要',
        body: '正文',
        status: 'published',
        villageIds: [A.village],
        organizationIds: [A.approvedOrg],
        pairingIds: [A.activePairing],
      },
    })
  ).body.id;
  const storyPhoto = new FormData();
  storyPhoto.append('file', new File([PNG_1x1 as Uint8Array<ArrayBuffer>], 'p.png', { type: 'image/png' }));
  A.storyPhoto = (
    await (await h.app.request(`/api/stories/${A.story}/photos`, { method: 'POST', headers: { authorization: `Bearer ${a.bureau}` }, body: storyPhoto })).json()
  ).photoId;
  const bOrg = await h.organization(b);
  bMember = bOrg.member;
  await h.activePairing(b, { orgId: bOrg.id, startDate: '2026-01-01' });
});

afterAll(() => h.stopMail());

type Route = {
  /** a body that would pass validation, so the answer is about the record, not the input */
  body?: Record<string, unknown>;
  /** the body is a multipart photo upload */
  photo?: boolean;
  /** an org member may call it for its own records, so B's member must get 404 too */
  member?: boolean;
};

/** Every route with an `{id}`, keyed as `METHOD /path` the way the OpenAPI document lists it. */
const ROUTES: Record<string, Route> = {
  'GET /villages/{id}': { member: true },
  'PATCH /villages/{id}': { body: { name: '越权改名村' } },
  'GET /organizations/{id}': { member: true },
  'PATCH /organizations/{id}': { body: { name: '越权改名' }, member: true },
  'POST /organizations/{id}/approve': { body: {} },
  'POST /organizations/{id}/reject': { body: { reason: '越权' } },
  'POST /organizations/{id}/suspend': { body: {} },
  'GET /pairings/{id}': { member: true },
  'POST /pairings/{id}/approve': { body: { startDate: '2026-06-01' } },
  'POST /pairings/{id}/reject': { body: {} },
  'POST /pairings/{id}/end': { body: { endDate: '2026-06-01' } },
  'GET /pairings/{id}/activities': { member: true },
  'POST /pairings/{id}/activities': { body: { date: '2026-06-01', type: 'visit', peopleReached: 1, description: '越权' }, member: true },
  'GET /produce/{id}': { member: true },
  'PATCH /produce/{id}': { body: { priceFen: 1 }, member: true },
  'POST /produce/{id}/photos': { photo: true, member: true },
  // issue 16: the upload ticket and its confirmation
  'POST /produce/{id}/photos/presign': { body: { contentType: 'image/jpeg' }, member: true },
  'POST /produce/{id}/photos/confirm': { body: { key: 'ten_x/photos/pho_x/original' }, member: true },
  'GET /orders/{id}': { member: true },
  'POST /orders/{id}/ship': { body: { carrier: '顺丰', trackingNo: 'SF999' }, member: true },
  'POST /orders/{id}/deliver': { body: {}, member: true },
  'POST /orders/{id}/refund': { body: {}, member: true },
  'POST /orders/{id}/fulfilments/{fulfilmentId}/ship': { body: { carrier: '顺丰', trackingNo: 'SF999' }, member: true },
  'POST /orders/{id}/fulfilments/{fulfilmentId}/deliver': { body: {}, member: true },
  'POST /orders/{id}/fulfilments/{fulfilmentId}/refund': { body: {}, member: true },
  'PUT /organizations/{id}/payout-account': { body: { stripeAccountId: 'acct_1A2b3C4d5E6f' } },
  'POST /payouts/{id}/evidence': { photo: true },
  'GET /payouts/{id}/evidence': { member: true },
  'GET /donations/{id}': { member: true },
  'GET /donations/{id}/receipt': { member: true },
  'POST /donations/{id}/refund': { body: {} },
  'POST /donations/{id}/confirm': { body: {} },
  'POST /donations/{id}/reject': { body: { reason: '越权驳回' } },
  'GET /expenditures/{id}': {},
  'GET /villages/{id}/funds': { member: true },
  'POST /donations/{id}/voucher': { photo: true, member: true },
  'GET /donations/{id}/voucher': { member: true },
  'POST /expenditures/{id}/evidence': { photo: true },
  'GET /expenditures/{id}/evidence': {},
  'GET /concerns/{id}': {},
  'PATCH /concerns/{id}': { body: { status: 'investigating' } },
  'PATCH /recognition/categories/{id}': { body: { thresholdFen: 1 } },
  'PUT /recognition/organizations/{id}/category': {
    get body() {
      return { categoryId: A.recogCategory };
    },
  },
  'GET /campaigns/{id}': {},
  'PATCH /campaigns/{id}': { body: { title: '越权改名' } },
  'GET /stories/{id}': {},
  'PATCH /stories/{id}': { body: { title: '越权改名' } },
  'POST /stories/{id}/photos': { photo: true },
  'GET /stories/{id}/photos/{photoId}': {},
  'DELETE /stories/{id}/photos/{photoId}': {},
  'GET /reports/{id}': { member: true },
  'POST /reports/{id}/photos': { photo: true, member: true },
  'GET /reports/{id}/photos/{photoId}': { member: true },
  'GET /needs/{id}': { member: true },
  'POST /needs/{id}/pledge': { body: { organizationId: 'org_any', note: '越权认领' }, member: true },
  'POST /needs/{id}/fulfil': { body: { note: '越权完成' }, member: true },
  'POST /needs/{id}/withdraw': { body: {}, member: true },
  'POST /needs/{id}/close': { body: { reason: '越权关闭' } },
  'POST /notifications/{id}/read': { member: true },
  'GET /applications/{id}': {},
  'GET /applications/{id}/documents/{documentId}': {},
  'POST /applications/{id}/approve': { body: {} },
  'POST /applications/{id}/reject': { body: { reason: '越权驳回' } },
  'POST /users/{id}/disable': {},
  'POST /organization-changes/{id}/approve': { body: {} },
  'POST /organization-changes/{id}/reject': { body: { reason: '越权驳回' } },
  'POST /users/{id}/enable': {},
  'GET /organizations/{id}/helpers': { member: true },
  'POST /organizations/{id}/helpers': { body: { name: '越权队员', role: '帮扶队员' }, member: true },
  'PATCH /helpers/{id}': { body: { active: false }, member: true },
  'PUT /pairings/{id}/team': { body: { helperIds: [] }, member: true },
  'POST /activities/{id}/photos': { photo: true, member: true },
  'GET /activities/{id}/photos/{photoId}': { member: true },
  'DELETE /activities/{id}/photos/{photoId}': { member: true },
};

/**
 * Tenant A's record for a path prefix, in a state where the action would succeed if the tenant
 * check were missing (a pending organization to approve, an active pairing to end …).
 */
const RECORD_BY_PREFIX: Record<string, (action: string) => { id: string; read: string[] }> = {
  '/villages': () => ({ id: A.village, read: [`/api/villages/${A.village}`] }),
  '/organizations': (action) => {
    const id = action === 'approve' || action === 'reject' ? A.pendingOrg : A.approvedOrg;
    return { id, read: [`/api/organizations/${id}`, `/api/organizations/${id}/helpers`] };
  },
  '/pairings': (action) => {
    const id = action === 'approve' || action === 'reject' ? A.pendingPairing : A.activePairing;
    return { id, read: [`/api/pairings/${id}`, `/api/pairings/${id}/activities`] };
  },
  '/produce': () => ({ id: A.listing, read: [`/api/produce/${A.listing}`] }),
  '/donations': (action) => {
    const id = action === 'refund' ? A.refundable : action === 'confirm' || action === 'reject' ? A.pendingDonation : A.donation;
    return { id, read: [`/api/donations/${id}`, `/api/villages/${A.village}/funds`] };
  },
  '/expenditures': () => ({ id: A.expenditure, read: [`/api/expenditures/${A.expenditure}`, `/api/villages/${A.village}/funds`] }),
  '/concerns': () => ({ id: A.concern, read: [`/api/concerns/${A.concern}`] }),
  '/recognition': (action) =>
    action === 'category'
      ? { id: A.approvedOrg, read: [`/api/organizations/${A.approvedOrg}`, '/api/recognition'] }
      : { id: A.recogCategory, read: ['/api/recognition/categories'] },
  '/campaigns': () => ({ id: A.campaign, read: [`/api/campaigns/${A.campaign}`, `/api/public/${a.slug}/campaigns/${A.campaign}`] }),
  '/stories': () => ({ id: A.story, read: [`/api/stories/${A.story}`, `/api/public/${a.slug}/stories/${A.story}`] }),
  '/reports': () => ({ id: A.report, read: [`/api/reports/${A.report}`] }),
  '/needs': () => ({ id: A.need, read: [`/api/needs/${A.need}`, '/api/needs/summary'] }),
  '/payouts': () => ({ id: A.payout, read: ['/api/payouts', '/api/settlements?month=2026-06'] }),
  '/notifications': () => ({ id: A.notification, read: ['/api/notifications'] }),
  '/applications': () => ({ id: A.application, read: [`/api/applications/${A.application}`, '/api/organizations?limit=100'] }),
  '/organization-changes': () => ({ id: A.change, read: [`/api/organization-changes?organizationId=${A.approvedOrg}`, `/api/organizations/${A.approvedOrg}`] }),
  '/users': (action) => ({ id: A.user, read: action === 'enable' ? ['/api/users'] : ['/api/users', '/api/pairings'] }),
  '/helpers': () => ({ id: A.helper, read: [`/api/organizations/${A.approvedOrg}/helpers`] }),
  '/activities': () => ({ id: A.activity, read: [`/api/pairings/${A.activePairing}/activities`] }),
  '/orders': (action) => {
    const id = action === 'deliver' ? A.shippedOrder : A.paidOrder;
    return { id, read: [`/api/orders/${id}`, `/api/produce/${A.listing}`] };
  },
};

const prefixOf = (path: string) => '/' + path.split('/')[1];
const actionOf = (path: string) => path.split('/').at(-1) ?? '';

async function idOperationsOfTheApp(): Promise<string[]> {
  const spec = (await h.call('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths)
    .filter(([path]) => path.includes('{id}') && !path.includes('{tenantSlug}'))
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
}

/** A's record as A's bureau sees it, with its audit trail. */
async function seenByA(record: { id: string; read: string[] }, entity: string) {
  const reads = await Promise.all(record.read.map((url) => h.get(a.bureau, url)));
  return { reads, audit: entity ? await h.audit(a, entity, record.id) : [] };
}

const ENTITY: Record<string, string> = {
  '/villages': 'village',
  '/organizations': 'organization',
  '/pairings': 'pairing',
  '/produce': 'produce',
  '/orders': 'order',
  '/donations': 'donation',
  '/expenditures': 'expenditure',
  '/concerns': 'concern',
  '/recognition': 'recognition_category',
  '/campaigns': 'campaign',
  '/stories': 'story',
  '/reports': 'report',
  '/needs': 'need',
  '/payouts': 'payout',
  '/users': 'user',
  '/applications': 'application',
  '/helpers': 'helper',
  '/activities': 'activity',
};

/** A call as tenant B (its bureau or its member) with a JSON body or a photo upload. */
async function callAs(token: string, method: string, url: string, route: Route) {
  if (!route.photo) return h.call(method, url, { token, body: route.body });
  const form = new FormData();
  form.append('file', new File([PNG_1x1 as Uint8Array<ArrayBuffer>], 'p.png', { type: 'image/png' }));
  const res = await h.app.request(url, { method, headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: await res.json() };
}

describe('every id route of the app', () => {
  it('the map covers every route with an {id} the app serves, and no other', async () => {
    const live = await idOperationsOfTheApp();
    expect(live.length).toBeGreaterThanOrEqual(13);
    expect([...live].sort()).toEqual(Object.keys(ROUTES).sort());
    for (const op of live) expect(Object.keys(RECORD_BY_PREFIX)).toContain(prefixOf(op.split(' ')[1]));
  });

  it.each(Object.entries(ROUTES))("%s with tenant A's id, as tenant B, is not found and changes nothing", async (op, route) => {
    const [method, path] = op.split(' ');
    const record = RECORD_BY_PREFIX[prefixOf(path)](actionOf(path));
    const entity = ENTITY[prefixOf(path)];
    const url =
      '/api' +
      path
        .replace('{id}', record.id)
        .replace('{fulfilmentId}', 'F1')
        .replace('{documentId}', A.document)
        .replace('{photoId}', path.startsWith('/stories/') ? A.storyPhoto : A.activityPhoto);
    const before = await seenByA(record, entity);

    const asBureau = await callAs(b.bureau, method, url, route);
    expect({ op, status: asBureau.status, code: asBureau.body?.error?.code }).toEqual({ op, status: 404, code: 'not_found' });
    if (route.member) {
      const asMember = await callAs(bMember, method, url, route);
      expect({ op, status: asMember.status }).toEqual({ op, status: 404 });
    }
    expect(await seenByA(record, entity)).toEqual(before);
  });

  it("the same calls with tenant A's own token do reach the records (the 404s above are about the tenant)", async () => {
    expect((await h.call('GET', `/api/villages/${A.village}`, { token: a.bureau })).status).toBe(200);
    expect((await h.call('GET', `/api/organizations/${A.approvedOrg}`, { token: a.bureau })).status).toBe(200);
    expect((await h.call('GET', `/api/pairings/${A.activePairing}/activities`, { token: a.bureau })).status).toBe(200);
  });
});

// The public routes name the tenant by its slug: tenant B's slug with tenant A's ids finds nothing,
// and A's own slug does (so the 404s are about the tenant, not the ids).
const PUBLIC_ROUTES: Record<string, () => Record<string, string>> = {
  'GET /public/{tenantSlug}/produce/{id}': () => ({ id: A.listing }),
  'GET /public/{tenantSlug}/produce/{id}/qr.png': () => ({ id: A.listing }),
  'GET /public/{tenantSlug}/photos/{photoId}': () => ({ photoId: A.photo }),
  'GET /public/{tenantSlug}/photos/{photoId}/{size}': () => ({ photoId: A.photo, size: 'w320' }),
  'GET /public/{tenantSlug}/orders/{orderId}': () => ({ orderId: A.paidOrder, '?token': A.orderToken }),
  'GET /public/{tenantSlug}/donations/{id}': () => ({ id: A.donation, '?token': A.donationToken }),
  'GET /public/{tenantSlug}/donations/{id}/receipt': () => ({ id: A.donation, '?token': A.donationToken }),
  'GET /public/{tenantSlug}/villages/{id}/transparency': () => ({ id: A.village }),
  'GET /public/{tenantSlug}/villages/{id}/qr.png': () => ({ id: A.village }),
  'GET /public/{tenantSlug}/applications/{id}': () => ({ id: A.application, 'header:x-status-token': A.applicationToken }),
  'GET /public/{tenantSlug}/concerns/{id}': () => ({ id: A.concern, 'header:x-status-token': A.concernToken }),
  'GET /public/{tenantSlug}/campaigns/{id}': () => ({ id: A.campaign }),
  'GET /public/{tenantSlug}/campaigns/{id}/qr.png': () => ({ id: A.campaign }),
  'GET /public/{tenantSlug}/stories/{id}': () => ({ id: A.story }),
  'GET /public/{tenantSlug}/stories/{id}/photos/{photoId}': () => ({ id: A.story, photoId: A.storyPhoto }),
};

describe('every public route that takes an id', () => {
  async function publicIdOperations(): Promise<string[]> {
    const spec = (await h.call('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    return Object.entries(spec.paths)
      .filter(([path]) => path.includes('{tenantSlug}') && /\{(?!tenantSlug)\w+\}/.test(path))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  }

  it('the map covers every public route with an id the app serves', async () => {
    expect((await publicIdOperations()).sort()).toEqual(Object.keys(PUBLIC_ROUTES).sort());
  });

  it.each(Object.keys(PUBLIC_ROUTES))("%s with tenant A's id under tenant B's slug is not found", async (op) => {
    const [method, path] = op.split(' ');
    const { '?token': token, 'header:x-status-token': statusToken, ...params } = PUBLIC_ROUTES[op]();
    const headers = statusToken ? { 'x-status-token': statusToken } : undefined;
    const url = (slug: string) =>
      '/api' + Object.entries({ tenantSlug: slug, ...params }).reduce((p, [k, v]) => p.replace(`{${k}}`, v), path) + (token ? `?token=${token}` : '');
    const asB = await h.call(method, url(b.slug), { token: b.bureau, headers });
    expect({ op, status: asB.status }).toEqual({ op, status: 404 });
    const asA = await h.call(method, url(a.slug), { headers });
    expect({ op, status: asA.status }).toEqual({ op, status: 200 });
  });
});

// Issue 15, hole 8: no answer carries the store's internals — keys (pk, sk, the indexes' keys), hashes
// of tokens or passwords, TTL attributes, outbox markers. Every GET route of the OpenAPI document is
// called (as A's bureau, as A's member, anonymously for the public ones) with A's records filled in.
const INTERNAL_KEY = /^(pk|sk|outbox|ttl)$|(Pk|Sk|Hash|hash)$|^_/;
function internalsIn(value: unknown, path = '$', found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => internalsIn(v, `${path}[${i}]`, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (INTERNAL_KEY.test(k) || (k === 'expiresAt' && typeof v === 'number')) found.push(`${path}.${k}`);
      internalsIn(v, `${path}.${k}`, found);
    }
  }
  return found;
}

const W = { sessionId: '' };
/** The value of a path or query parameter, by its name, from A's records. */
function paramFor(name: string, path: string): string | undefined {
  const segments = path.split('/');
  const afterSlug = path.startsWith('/public/') ? '/' + segments[3] : prefixOf(path);
  const byName: Record<string, string> = {
    tenantSlug: a.slug,
    photoId: A.photo,
    size: 'w320',
    documentId: A.document,
    orderId: A.paidOrder,
    organizationId: A.approvedOrg,
    villageId: A.village,
    month: '2026-06',
    year: '2026',
    weekStart: '2026-06-08',
    period: '2026-06',
    // an invitation link nobody was sent: the answer is a 404 (its shape is walked all the same)
    token: 'x'.repeat(43),
    sessionId: W.sessionId,
  };
  if (name === 'id') return afterSlug === '/orders' ? A.paidOrder : RECORD_BY_PREFIX[afterSlug]?.(actionOf(path)).id;
  return byName[name];
}

describe('no answer carries store internals (issue 15, hole 8)', () => {
  it('the walk finds none in any GET route, as the bureau, a member and the public', async () => {
    const spec = (await h.call('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>>;
    };
    const aMember = await h.member(a, A.approvedOrg);
    // an open checkout of A's (its session's public status page)
    W.sessionId = new URL((await h.checkout(a, [{ produceId: A.listing, quantity: 1 }])).body.checkoutUrl, 'http://x').pathname.split('/').at(-1)!;
    const leaks: string[] = [];
    const unfilled: string[] = [];
    let answered = 0;
    for (const [path, ops] of Object.entries(spec.paths)) {
      const op = ops.get;
      if (!op) continue;
      let url = '/api' + path;
      for (const name of path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
        const v = paramFor(name, path);
        if (!v) unfilled.push(`${path} {${name}}`);
        url = url.replace(`{${name}}`, v ?? 'x');
      }
      const query = new URLSearchParams();
      for (const p of op.parameters ?? []) if (p.in === 'query' && p.required) query.set(p.name, paramFor(p.name, path) ?? '');
      if (path.includes('/orders/')) query.set('token', A.orderToken);
      if (path.includes('/donations/')) query.set('token', A.donationToken);
      const full = url + (query.size ? `?${query}` : '');
      const headers = path.includes('/applications/{id}')
        ? { 'x-status-token': A.applicationToken }
        : path === '/public/{tenantSlug}/concerns/{id}'
          ? { 'x-status-token': A.concernToken }
          : undefined;
      for (const token of path.startsWith('/public/') ? [undefined] : [a.bureau, aMember]) {
        const res = await h.call('GET', full, { token, headers });
        if (res.status === 200) answered++;
        for (const leak of internalsIn(res.body)) leaks.push(`GET ${full} → ${leak}`);
      }
    }
    expect(unfilled).toEqual([]);
    expect(answered).toBeGreaterThan(60);
    expect(leaks).toEqual([]);
  });

  it('the walk would see a leak: GET /api/settings as it was (pk, sk) is caught', () => {
    expect(internalsIn({ id: 't1', pk: 'T#x#TENANT', sk: 'TENANT', nested: [{ tokenHash: 'ab', orgPk: 'x', expiresAt: 1 }] })).toEqual([
      '$.pk',
      '$.sk',
      '$.nested[0].tokenHash',
      '$.nested[0].orgPk',
      '$.nested[0].expiresAt',
    ]);
  });
});
