import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// Issue 15, hole 4: a donation an org_member logs waits `pending` — outside the public figures,
// the dashboard's totals and recognition — until the bureau confirms it (cash with a voucher only);
// confirming adds it exactly once, in one transaction; the bureau's own stay confirmed at once.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

const BIG = 99_999_999; // ¥999,999.99

async function uploadVoucher(token: string, id: string) {
  const form = new FormData();
  form.append('file', new File([PNG_1x1 as Uint8Array<ArrayBuffer>], 'voucher.png', { type: 'image/png' }));
  const res = await h.app.request(`/api/donations/${id}/voucher`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return res.status;
}

/** Everything a donation may move: the public pages, the dashboard, recognition, the village's funds. */
async function figures(villageId: string) {
  const pub = (await h.call('GET', `/api/public/${t.slug}/transparency`)).body;
  const village = (await h.call('GET', `/api/public/${t.slug}/villages/${villageId}/transparency`)).body;
  const dash = await h.get(t.bureau, '/api/dashboard');
  const recognition = await h.get(t.bureau, '/api/recognition');
  return {
    totals: pub.totals,
    village: village.village,
    publicDonations: [...pub.recentDonations, ...village.recentDonations].map((d: any) => d.id),
    dashboard: { donations: dash.donations, monthly: dash.monthly },
    recognition: recognition.items,
    funds: await h.get(t.bureau, `/api/villages/${villageId}/funds`),
  };
}

describe('a member’s logged donation waits for the bureau', () => {
  it('is pending and counted nowhere; the bureau confirms it once (voucher first); then it counts exactly once', async () => {
    const villageId = await h.village(t);
    const org = await h.organization(t, { kind: 'social_org', name: '自报家门协会' });
    const before = await figures(villageId);

    const logged = await h.call('POST', '/api/donations', {
      token: org.member,
      body: { villageId, kind: 'cash', amountFen: BIG, donorName: '自报家门协会', donorType: 'organization' },
    });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ status: 'pending', serialNo: null, confirmedAt: null, organizationId: org.id });
    const id = logged.body.id as string;

    // nothing public, no total, no recognition moved
    const pending = await figures(villageId);
    expect(pending).toEqual(before);
    expect(JSON.stringify(pending)).not.toContain(id);
    // no receipt for an unconfirmed donation
    expect((await h.call('GET', `/api/donations/${id}/receipt`, { token: t.bureau })).status).toBe(409);

    // the bureau sees it in its queue
    const queue = await h.get(t.bureau, '/api/donations?status=pending');
    expect(queue.items.map((d: any) => d.id)).toContain(id);

    // cash without a voucher cannot be confirmed
    const noVoucher = await h.call('POST', `/api/donations/${id}/confirm`, { token: t.bureau });
    expect(noVoucher.status).toBe(409);
    expect(noVoucher.body.error.message).toMatch(/凭证/);
    expect(await figures(villageId)).toEqual(before);

    // the member may not confirm its own
    expect(await uploadVoucher(org.member, id)).toBe(201);
    expect((await h.call('POST', `/api/donations/${id}/confirm`, { token: org.member })).status).toBe(403);
    expect(await figures(villageId)).toEqual(before);

    // confirmed, twice at once: one wins, the other is a 409, the money counts once
    const [a, b] = await Promise.all([
      h.call('POST', `/api/donations/${id}/confirm`, { token: t.bureau }),
      h.call('POST', `/api/donations/${id}/confirm`, { token: t.bureau }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const ok = a.status === 200 ? a : b;
    expect(ok.body).toMatchObject({ status: 'confirmed', serialNo: expect.stringMatching(/^JZ-2026-\d{6}$/) });
    expect((await h.call('POST', `/api/donations/${id}/confirm`, { token: t.bureau })).status).toBe(409);

    const after = await figures(villageId);
    expect(after.totals.cashReceivedFen - before.totals.cashReceivedFen).toBe(BIG);
    expect(after.village.cashReceivedFen - before.village.cashReceivedFen).toBe(BIG);
    expect(after.village.balanceFen - before.village.balanceFen).toBe(BIG);
    expect(after.funds.balanceFen - before.funds.balanceFen).toBe(BIG);
    expect(after.dashboard.donations.cashFen - before.dashboard.donations.cashFen).toBe(BIG);
    expect(after.publicDonations.filter((x) => x === id)).toHaveLength(2); // tenant-wide and the village's
    expect(after.recognition).toContainEqual(expect.objectContaining({ organizationId: org.id, cashFen: BIG, totalFen: BIG }));

    // audited; the organization is told
    expect((await h.audit(t, 'donation', id)).map((e) => e.action)).toEqual(['create', 'attach_voucher', 'confirm']);
    const bell = await h.deliver().then(() => h.get(org.member, '/api/notifications'));
    expect(bell.items.map((n: any) => n.title)).toContainEqual(expect.stringContaining('捐赠已确认'));
  });

  it('goods need no voucher; a rejection needs a reason and keeps it out for good', async () => {
    const villageId = await h.village(t);
    const org = await h.organization(t);
    const before = await figures(villageId);
    const goods = (
      await h.call('POST', '/api/donations', {
        token: org.member,
        body: { villageId, kind: 'goods', amountFen: 80_000, donorName: '本单位', donorType: 'organization', description: '棉被 40 床' },
      })
    ).body;
    expect(goods.status).toBe('pending');
    const ok = await h.call('POST', `/api/donations/${goods.id}/confirm`, { token: t.bureau });
    expect(ok.status).toBe(200);
    expect((await figures(villageId)).village.goodsFen - before.village.goodsFen).toBe(80_000);

    const cash = (
      await h.call('POST', '/api/donations', {
        token: org.member,
        body: { villageId, kind: 'cash', amountFen: 5_000, donorName: '本单位', donorType: 'organization' },
      })
    ).body;
    const noReason = await h.call('POST', `/api/donations/${cash.id}/reject`, { token: t.bureau, body: { reason: ' ' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toContainEqual(expect.objectContaining({ path: 'reason' }));
    const rejected = await h.call('POST', `/api/donations/${cash.id}/reject`, { token: t.bureau, body: { reason: '凭证与到账记录不符' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectedReason: '凭证与到账记录不符' });
    expect(await uploadVoucher(org.member, cash.id)).toBe(201);
    expect((await h.call('POST', `/api/donations/${cash.id}/confirm`, { token: t.bureau })).status).toBe(409);
    expect((await h.call('POST', `/api/donations/${cash.id}/reject`, { token: t.bureau, body: { reason: '再次' } })).status).toBe(409);
    const after = await figures(villageId);
    expect(after.village.cashReceivedFen).toBe(before.village.cashReceivedFen);
    expect((await h.audit(t, 'donation', cash.id)).map((e) => e.action)).toContain('reject');
  });

  it('the bureau’s own logged donation is confirmed at once', async () => {
    const villageId = await h.village(t);
    const orgId = await h.organizationId(t);
    const d = await h.call('POST', '/api/donations', {
      token: t.bureau,
      body: { villageId, kind: 'cash', amountFen: 1_000, donorName: '某企业', donorType: 'organization', organizationId: orgId },
    });
    expect(d.body).toMatchObject({ status: 'confirmed', serialNo: expect.any(String) });
    expect((await h.get(t.bureau, `/api/villages/${villageId}/funds`)).cashReceivedFen).toBe(1_000);
    expect((await h.call('POST', `/api/donations/${d.body.id}/confirm`, { token: t.bureau })).status).toBe(409);
  });

  it('another organization’s member and another tenant see 404; another tenant’s bureau cannot confirm', async () => {
    const villageId = await h.village(t);
    const org = await h.organization(t);
    const d = (
      await h.call('POST', '/api/donations', {
        token: org.member,
        body: { villageId, kind: 'goods', amountFen: 100, donorName: '本单位', donorType: 'organization', description: '书' },
      })
    ).body;
    const otherOrg = await h.organization(t);
    expect((await h.call('GET', `/api/donations/${d.id}`, { token: otherOrg.member })).status).toBe(404);
    expect((await h.call('POST', `/api/donations/${d.id}/confirm`, { token: otherOrg.member })).status).toBe(403);
    const other = await h.tenant();
    expect((await h.call('POST', `/api/donations/${d.id}/confirm`, { token: other.bureau })).status).toBe(404);
    expect((await h.call('POST', `/api/donations/${d.id}/reject`, { token: other.bureau, body: { reason: '不是你的' } })).status).toBe(404);
    expect((await h.get(t.bureau, `/api/donations/${d.id}`)).status).toBe('pending');
  });
});
