import { beforeAll, describe, expect, it } from 'vitest';
import { Dashboard } from '../../shared/schemas/dashboard.js';
import { recountDashboard } from '../../functions/modules/dashboard/recount.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// GET /api/dashboard (issue 6): the shared Dashboard schema, the counter-backed figures (monthly,
// commitments, over-limit organizations), the flags in order. "Today" is 2026-06-15 in Asia/Shanghai.

let h: Harness;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
});

const dash = async (t: TestTenant) => Dashboard.parse(await h.get(t.bureau, '/api/dashboard'));
const recount = (t: TestTenant) => recountDashboard({ store: new TenantStore(h.deps.doc, h.deps.tableName, t.id), now: h.clock.now });
/** The dashboard equals the recount; the reports module's flags (rules 3, 4, 10) compared as a set. */
async function sameAsRecount(t: TestTenant, d: Dashboard | Promise<Dashboard>) {
  const [a, b] = [await d, await recount(t)];
  const split = (x: Dashboard) => ({
    ...x,
    flags: x.flags.filter((f) => COUNTER_FLAGS.includes(f.kind)),
    reportFlags: x.flags
      .filter((f) => !COUNTER_FLAGS.includes(f.kind))
      .map((f) => JSON.stringify(f))
      .sort(),
  });
  expect(split(a)).toEqual(split(b));
}
const COUNTER_FLAGS = ['uncovered_supervised', 'pairing_gap_open', 'pairing_gap', 'over_limit'];
const post = async (t: TestTenant, url: string, body: Record<string, unknown> = {}, token = t.bureau) => {
  const res = await h.call('POST', url, { token, body });
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

describe('the dashboard answer', () => {
  it('has every section of the shared schema, the last 12 months oldest first, zeros for a new tenant', async () => {
    const t = await h.tenant();
    const d = await dash(t);
    expect(d.monthly.map((m) => m.month)).toEqual([
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
    ]);
    expect(d.monthly.every((m) => m.cashFen === 0 && m.paidOrders === 0)).toBe(true);
    expect(d.commitments).toEqual({ year: 2026, organizations: 0, committedFen: 0, purchasedFen: 0 });
    expect(d.needs).toEqual({ open: 0, pledged: 0, met: 0, withdrawn: 0 });
    expect(d.villages).toEqual({ total: 0, supervised: 0, covered: 0, uncovered: [] });
    await sameAsRecount(t, d);
  });

  it('puts money in the month of the donation and expenditure dates, and a refund in the month it was made', async () => {
    const t = await h.tenant();
    const v = await h.village(t, { registeredOn: '2026-01-01' });
    const april = await post(t, '/api/donations', { villageId: v, kind: 'cash', amountFen: 50_000, donorName: '甲', donorType: 'person', date: '2026-04-20' });
    await post(t, '/api/donations', {
      villageId: v,
      kind: 'goods',
      amountFen: 7_000,
      donorName: '乙',
      donorType: 'person',
      description: '书包',
      date: '2026-05-02',
    });
    await post(t, '/api/expenditures', { villageId: v, amountFen: 10_000, purpose: '修路', category: 'infrastructure', date: '2026-05-10' });
    await post(t, `/api/donations/${april.id}/refund`, {}).catch(() => undefined); // 409: part of it was spent
    await post(t, '/api/donations', { villageId: v, kind: 'cash', amountFen: 20_000, donorName: '丙', donorType: 'person', date: '2026-04-25' });
    const d1 = await dash(t);
    const month = (d: Dashboard, m: string) => d.monthly.find((x) => x.month === m);
    expect(month(d1, '2026-04')).toMatchObject({ cashFen: 70_000, goodsFen: 0, usedFen: 0 });
    expect(month(d1, '2026-05')).toMatchObject({ cashFen: 0, goodsFen: 7_000, usedFen: 10_000 });
    const refundable = (await h.get(t.bureau, `/api/donations?villageId=${v}`)).items.find((x: { amountFen: number }) => x.amountFen === 20_000);
    await post(t, `/api/donations/${refundable.id}/refund`, {});
    const d2 = await dash(t);
    expect(month(d2, '2026-04')).toMatchObject({ cashFen: 70_000 });
    expect(month(d2, '2026-06')).toMatchObject({ cashFen: -20_000 });
    expect(d2.donations).toEqual({ cashFen: 70_000, usedFen: 10_000, balanceFen: 40_000, refundedFen: 20_000, goodsFen: 7_000 });
    await sameAsRecount(t, d2);
  });

  it("counts this year's commitments: organizations committed, the amount, and members' purchases", async () => {
    const t = await h.tenant();
    const a = await h.organization(t);
    const b = await h.organization(t);
    const put = (orgId: string, amountFen: number, year = 2026) =>
      h.call('PUT', '/api/commitments', { token: t.bureau, body: { organizationId: orgId, year, amountFen } });
    expect((await put(a.id, 100_000)).status).toBe(200);
    expect((await put(b.id, 50_000)).status).toBe(200);
    expect((await put(b.id, 80_000)).status).toBe(200);
    expect((await put(a.id, 1_000, 2027)).status).toBe(200);
    const l = await h.listing(t, { stock: 10, priceFen: 3_000 });
    const o = (await h.checkout(t, [{ produceId: l.id, quantity: 2 }], { token: a.member })).body;
    await h.press(o.checkoutUrl, 'pay');
    expect((await dash(t)).commitments).toEqual({ year: 2026, organizations: 2, committedFen: 180_000, purchasedFen: 6_000 });
    expect((await put(b.id, 0)).status).toBe(200);
    expect((await dash(t)).commitments).toEqual({ year: 2026, organizations: 1, committedFen: 100_000, purchasedFen: 6_000 });
    expect((await dash(t)).monthly.at(-1)).toMatchObject({ month: '2026-06', salesFen: 6_000, paidOrders: 1 });
    await sameAsRecount(t, await dash(t));
  });
});

describe('over-limit organizations (rule 2 after the bureau lowers the limit)', () => {
  it('are flagged once the limit is lowered, come down as their pairings end, and leave the list within it', async () => {
    const t = await h.tenant();
    const org = await h.organization(t);
    const pairings = [];
    for (let i = 0; i < 3; i++) pairings.push(await h.activePairing(t, { orgId: org.id, startDate: '2026-06-10' }));
    const overLimit = async () => (await dash(t)).flags.filter((f) => f.kind === 'over_limit');
    expect(await overLimit()).toEqual([]);

    expect((await h.call('PATCH', '/api/settings', { token: t.bureau, body: { maxActivePairingsPerOrg: 1 } })).status).toBe(200);
    expect(await overLimit()).toEqual([expect.objectContaining({ kind: 'over_limit', organizationId: org.id, activePairings: 3, limit: 1 })]);
    await sameAsRecount(t, await dash(t));

    await h.endPairing(t, pairings[0].id, '2026-06-14');
    expect(await overLimit()).toEqual([expect.objectContaining({ organizationId: org.id, activePairings: 2 })]);
    await h.endPairing(t, pairings[1].id, '2026-06-14');
    expect(await overLimit()).toEqual([]);
    await sameAsRecount(t, await dash(t));
  });

  it('raising the limit again clears the flag', async () => {
    const t = await h.tenant();
    const org = await h.organization(t);
    for (let i = 0; i < 2; i++) await h.activePairing(t, { orgId: org.id, startDate: '2026-06-10' });
    await h.call('PATCH', '/api/settings', { token: t.bureau, body: { maxActivePairingsPerOrg: 1 } });
    expect((await dash(t)).flags.filter((f) => f.kind === 'over_limit')).toHaveLength(1);
    await h.call('PATCH', '/api/settings', { token: t.bureau, body: { maxActivePairingsPerOrg: 3 } });
    expect((await dash(t)).flags.filter((f) => f.kind === 'over_limit')).toEqual([]);
  });
});

describe('flags', () => {
  it('uncovered supervised villages first, then gaps, then over-limit organizations', async () => {
    const t = await h.tenant();
    const org = await h.organization(t);
    const gap = await h.activePairing(t, { orgId: org.id, startDate: '2026-06-01' });
    await h.endPairing(t, gap.id, '2026-06-05');
    await h.activePairing(t, { orgId: org.id, startDate: '2026-06-10' });
    await h.activePairing(t, { orgId: org.id, startDate: '2026-06-10' });
    await h.village(t, { supervised: true });
    await h.call('PATCH', '/api/settings', { token: t.bureau, body: { maxActivePairingsPerOrg: 1 } });
    const d = await dash(t);
    // (the reports module's flags, rules 3, 4 and 10, sit between the gaps and the over-limit ones)
    const kinds = d.flags.map((f) => f.kind).filter((k) => ['uncovered_supervised', 'pairing_gap_open', 'pairing_gap', 'over_limit'].includes(k));
    expect(d.flags.findIndex((f) => f.kind === 'over_limit')).toBe(d.flags.length - 1);
    // the village whose pairing ended is (supervised and) uncovered too
    expect(kinds).toEqual(['uncovered_supervised', 'uncovered_supervised', 'pairing_gap_open', 'over_limit']);
    expect(d.flags[2]).toMatchObject({ kind: 'pairing_gap_open', villageId: gap.villageId, endedOn: '2026-06-05', days: 10 });
    await sameAsRecount(t, d);
  });
});
