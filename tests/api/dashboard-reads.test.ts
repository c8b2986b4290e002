import { beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../functions/modules/context.js';
import { reportsPart, visitsPart } from '../../functions/modules/dashboard/reports-adapter.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Issue 6: one GET /api/dashboard reads a fixed handful of items whether the tenant has 10 records
// or a million — every figure is a counter item moved with the write that changes it. Counted by
// the tenant store's read tally (tenant-store.ts readTally: a GetItem that finds its item = 1, a
// BatchGetItem = the items returned, a Query = the items DynamoDB evaluated, filtered-out ones too).
// "Today" is 2026-06-15 in Asia/Shanghai.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
});

const post = async (token: string, url: string, body: Record<string, unknown> = {}) => {
  const res = await h.call('POST', url, { token, body });
  if (res.status !== 201 && res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

const dashboardReads = async () => {
  const { items, result } = await h.itemsRead(t.id, () => h.call('GET', '/api/dashboard', { token: t.bureau }));
  expect(result.status).toBe(200);
  // of which the reports module's part (rules 3, 4, 10), read through its own functions
  const store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
  const ctx = { store, now: h.clock.now } as ServiceContext;
  await Promise.all([reportsPart(ctx), visitsPart(ctx)]);
  return { items, reportsPart: store.itemsRead, body: result.body };
};

/** Adds `n` of everything that grows a tenant, none of it changing the uncovered list. */
async function grow(n: number, orgs: { id: string; member: string }[]) {
  for (let i = 0; i < n; i++) {
    const plain = await h.village(t, { name: `普通村${i}`, supervised: false });
    // a covered supervised village (each organization takes at most 3)
    const sup = await h.village(t, { name: `督战村${i}`, supervised: true });
    const org = orgs[i % orgs.length];
    const p = await h.activePairing(t, { villageId: sup, orgId: org.id, startDate: '2026-06-01' });
    await post(org.member, `/api/pairings/${p.id}/activities`, {
      date: '2026-06-02',
      type: 'training',
      peopleReached: 10,
      amountFen: 1000,
      description: '培训',
    });
    await post(t.bureau, '/api/donations', { villageId: plain, kind: 'cash', amountFen: 10_000, donorName: '甲', donorType: 'person', date: '2026-06-03' });
    await post(t.bureau, '/api/donations', {
      villageId: sup,
      kind: 'goods',
      amountFen: 5_000,
      donorName: '乙',
      donorType: 'organization',
      description: '书包',
      date: '2026-06-03',
    });
    await post(t.bureau, '/api/expenditures', { villageId: plain, amountFen: 2_000, purpose: '修路', category: 'infrastructure', date: '2026-06-04' });
    const l = await h.listing(t, { villageId: sup, stock: 10, priceFen: 1000 }, org.member);
    const o = (await h.checkout(t, [{ produceId: l.id, quantity: 1 }])).body;
    expect((await h.press(o.checkoutUrl, 'pay')).status).toBeLessThan(400);
  }
}

describe('GET /api/dashboard reads a fixed number of items', () => {
  it('the same number with a small tenant and after it grew many times over', async () => {
    const orgs = [];
    for (let i = 0; i < 10; i++) orgs.push(await h.organization(t));
    // the small tenant: two uncovered supervised villages and one of each record
    await h.village(t, { name: '未覆盖甲', supervised: true });
    await h.village(t, { name: '未覆盖乙', supervised: true });
    await grow(1, orgs);
    // the reports module fills a week's or quarter's snapshot item from the records the first time
    // it is read (a one-off); the dashboard's own reads never depend on the records
    await dashboardReads();
    const small = await dashboardReads();

    await grow(20, orgs);
    const grown = await dashboardReads();
    console.log(
      `dashboard items read: small tenant (${small.body.villages.total} villages, ${small.body.sales.paidOrders} paid orders) = ${small.items} (reports part ${small.reportsPart}); ` +
        `grown tenant (${grown.body.villages.total} villages, ${grown.body.sales.paidOrders} paid orders, 21 donations of each kind, 21 expenditures, 21 activities) = ${grown.items} (reports part ${grown.reportsPart})`,
    );

    expect(grown.body.villages).toMatchObject({ total: 44, supervised: 23, covered: 21 });
    expect(grown.body.sales.paidOrders).toBe(21);
    expect(grown.body.donations).toMatchObject({ cashFen: 210_000, usedFen: 42_000, balanceFen: 168_000, goodsFen: 105_000 });
    expect(grown.body.monthly.at(-1)).toMatchObject({
      month: '2026-06',
      cashFen: 210_000,
      goodsFen: 105_000,
      usedFen: 42_000,
      salesFen: 21_000,
      paidOrders: 21,
    });
    expect(small.items).toBeGreaterThan(0);
    expect(grown.items).toBe(small.items);

    // the tally does measure growth: a full list of the villages reads every one of them
    const list = await h.itemsRead(t.id, () => h.call('GET', '/api/villages?limit=100', { token: t.bureau }));
    expect(list.items).toBeGreaterThanOrEqual(44);
    console.log(`for comparison, GET /api/villages?limit=100 on the grown tenant read ${list.items} items`);
    // ~200 HTTP writes to grow the tenant: about 12 s on a quiet machine, 30 s at load 11
  }, 120_000);
});
