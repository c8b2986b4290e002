import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// The public page (公示): per village and for the tenant, received = used + balance + refunded to
// the fen, goods apart, sales from paid orders, pairing organizations by name, donors by name only
// when not anonymous.

let h: Harness;
let t: TestTenant;
let v1: string;
let v2: string;
let orgName: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  v1 = await h.village(t, { name: '东坡村' });
  v2 = await h.village(t, { name: '西岭村' });
  orgName = '阳光培训学校';
  const orgId = await h.organizationId(t, { name: orgName });
  await h.activePairing(t, { orgId, villageId: v1, startDate: '2026-01-01' });
  const post = (url: string, body: Record<string, unknown>) => h.call('POST', url, { token: t.bureau, body });
  await post('/api/donations', { villageId: v1, kind: 'cash', amountFen: 1_000_000, donorName: '公开捐赠人', donorType: 'person' });
  await post('/api/donations', { villageId: v1, kind: 'cash', amountFen: 500_005, donorName: '不愿具名者', donorType: 'person', anonymous: true });
  await post('/api/donations', { villageId: v1, kind: 'goods', amountFen: 80_000, donorName: '某公司', donorType: 'organization', description: '书包 40 个' });
  const refund = (await post('/api/donations', { villageId: v2, kind: 'cash', amountFen: 20_000, donorName: '丙', donorType: 'person' })).body;
  await post('/api/donations', { villageId: v2, kind: 'cash', amountFen: 30_000, donorName: '丁', donorType: 'person' });
  await post(`/api/donations/${refund.id}/refund`, {});
  await post('/api/expenditures', { villageId: v1, amountFen: 300_000, purpose: '修建灌溉水渠', category: 'infrastructure', date: '2026-06-01' });
  await post('/api/expenditures', { villageId: v1, amountFen: 100_000, purpose: '购买种苗', category: 'industry', date: '2026-06-02' });
  await post('/api/expenditures', { villageId: v2, amountFen: 5_000, purpose: '助学', category: 'education', date: '2026-06-03' });
  const listing = await h.listing(t, { villageId: v1, priceFen: 4_500 });
  const o = (await h.checkout(t, [{ produceId: listing.id, quantity: 2 }])).body;
  await h.press(o.checkoutUrl, 'pay');
});

describe('the tenant’s transparency page', () => {
  it('adds up to the fen, per village and in total', async () => {
    const res = await h.call('GET', `/api/public/${t.slug}/transparency`);
    expect(res.status).toBe(200);
    const p = res.body;
    const east = p.villages.find((v: any) => v.villageId === v1);
    const west = p.villages.find((v: any) => v.villageId === v2);
    expect(east).toMatchObject({
      name: '东坡村',
      cashReceivedFen: 1_500_005,
      cashUsedFen: 400_000,
      balanceFen: 1_100_005,
      refundedFen: 0,
      goodsFen: 80_000,
      salesFen: 9_000,
      paidOrders: 1,
    });
    expect(east.usedByPurpose).toEqual([
      { category: 'industry', amountFen: 100_000 },
      { category: 'infrastructure', amountFen: 300_000 },
    ]);
    expect(east.organizations).toEqual([expect.objectContaining({ name: orgName })]);
    expect(west).toMatchObject({ cashReceivedFen: 50_000, cashUsedFen: 5_000, balanceFen: 25_000, refundedFen: 20_000 });
    for (const v of [...p.villages, p.totals]) expect(v.cashReceivedFen).toBe(v.cashUsedFen + v.balanceFen + v.refundedFen);
    expect((await h.get(t.bureau, '/api/dashboard')).donations).toEqual({
      cashFen: 1_550_005,
      usedFen: 405_000,
      balanceFen: 1_125_005,
      refundedFen: 20_000,
      goodsFen: 80_000,
    });
    expect(p.totals).toMatchObject({ cashReceivedFen: 1_550_005, cashUsedFen: 405_000, goodsFen: 80_000, salesFen: 9_000, villages: 2, activePairings: 1 });
  });

  it('names donors only when not anonymous; no contact data', async () => {
    const p = (await h.call('GET', `/api/public/${t.slug}/transparency`)).body;
    const text = JSON.stringify(p);
    expect(text).toContain('公开捐赠人');
    expect(text).not.toContain('不愿具名者');
    expect(text).not.toContain('13800000000');
    const anon = p.recentDonations.find((d: any) => d.amountFen === 500_005);
    expect(anon).toMatchObject({ anonymous: true, donorName: null });
    // a refunded donation leaves the public list
    expect(p.recentDonations.some((d: any) => d.donorName === '丙')).toBe(false);
  });

  it('a village page lists its public expenditures (no evidence) and donations', async () => {
    const res = await h.call('GET', `/api/public/${t.slug}/villages/${v1}/transparency`);
    expect(res.status).toBe(200);
    expect(res.body.village).toMatchObject({ villageId: v1, balanceFen: 1_100_005 });
    expect(res.body.expenditures.map((e: any) => e.purpose).sort()).toEqual(['修建灌溉水渠', '购买种苗']);
    expect(res.body.expenditures[0]).not.toHaveProperty('evidenceUrl');
    expect((await h.call('GET', `/api/public/${t.slug}/villages/nope/transparency`)).status).toBe(404);
  });

  it('a confirmed online donation moves the page by exactly its amount', async () => {
    const before = (await h.call('GET', `/api/public/${t.slug}/villages/${v2}/transparency`)).body.village;
    const d = (await h.call('POST', `/api/public/${t.slug}/donate`, { body: { villageId: v2, amountFen: 10_000 } })).body;
    await h.press(d.checkoutUrl, 'pay');
    const after = (await h.call('GET', `/api/public/${t.slug}/villages/${v2}/transparency`)).body.village;
    expect(after.cashReceivedFen - before.cashReceivedFen).toBe(10_000);
    expect(after.balanceFen - before.balanceFen).toBe(10_000);
  });
});
