import { beforeAll, describe, expect, it } from 'vitest';
import { backfillCountersEverywhereUnscoped } from '../../functions/modules/dashboard/backfill.js';
import { recountDashboard } from '../../functions/modules/dashboard/recount.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// A DATA_DIR written before the dashboard's counter items existed: `npm start` recounts each tenant
// once (behind a marker item) and writes the counters, so the dashboard shows the right figures.
// "Today" is 2026-06-15 in Asia/Shanghai.

let h: Harness;
let t: TestTenant;
let store: TenantStore;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
});

const post = async (url: string, body: Record<string, unknown> = {}, token = t.bureau) => {
  const res = await h.call('POST', url, { token, body });
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** What an old DATA_DIR lacks: the issue-6 counter items, the open-gap flags and the marker. */
async function forgetNewCounters() {
  const counters = await store.queryAll<{ pk: string; sk: string }>({ pk: store.pk('COUNTERS') });
  const gaps = await store.queryAll<{ pk: string; sk: string }>({ pk: store.pk('FLAG'), skBeginsWith: 'GAPOPEN#' });
  const gone = [...counters.filter((c) => /^(VILLAGES|FUNDS|OVER_LIMIT|BACKFILLED|MONTH#|COMMITMENTS#)/.test(c.sk)), ...gaps];
  for (const k of gone) await store.transact([{ Delete: { Key: { pk: k.pk, sk: k.sk } } }]);
  return gone.length;
}

describe('the one-off counter backfill', () => {
  it('recounts an old tenant once: the dashboard reads what the records say', async () => {
    const org = await h.organization(t);
    const v = await h.village(t, { supervised: true, registeredOn: '2026-01-01' });
    await h.village(t, { supervised: true });
    await h.village(t, { supervised: false });
    const ended = await h.activePairing(t, { orgId: org.id, startDate: '2026-06-01' });
    await h.endPairing(t, ended.id, '2026-06-03');
    await h.activePairing(t, { villageId: v, orgId: org.id, startDate: '2026-06-05' });
    const d = await post('/api/donations', { villageId: v, kind: 'cash', amountFen: 90_000, donorName: '甲', donorType: 'person', date: '2026-03-03' });
    await post('/api/donations', { villageId: v, kind: 'cash', amountFen: 10_000, donorName: '乙', donorType: 'person', date: '2026-04-03' });
    await post(`/api/donations/${d.id}/refund`);
    await post('/api/expenditures', { villageId: v, amountFen: 4_000, purpose: '修路', category: 'infrastructure', date: '2026-05-01' });
    await h.call('PUT', '/api/commitments', { token: t.bureau, body: { organizationId: org.id, year: 2026, amountFen: 70_000 } });
    const l = await h.listing(t, { villageId: v, stock: 5, priceFen: 2_500 });
    await h.press((await h.checkout(t, [{ produceId: l.id, quantity: 2 }], { token: org.member })).body.checkoutUrl, 'pay');

    const right = await h.get(t.bureau, '/api/dashboard');
    expect(right).toEqual(await recountDashboard({ store, now: h.clock.now }));
    expect(right.villages).toMatchObject({ total: 4, supervised: 3, covered: 1 });

    expect(await forgetNewCounters()).toBeGreaterThan(5);
    const old = await h.get(t.bureau, '/api/dashboard');
    expect(old.villages).toMatchObject({ total: 0, covered: 0 });
    expect(old.flags.map((f: { kind: string }) => f.kind)).not.toContain('pairing_gap_open');

    expect(await backfillCountersEverywhereUnscoped(h.deps.doc, h.deps.tableName, h.clock.now)).toBe(1);
    expect(await h.get(t.bureau, '/api/dashboard')).toEqual(right);

    // once: the marker stops a second run, and writes after it keep moving the counters
    expect(await backfillCountersEverywhereUnscoped(h.deps.doc, h.deps.tableName, h.clock.now)).toBe(0);
    await h.village(t, { supervised: false });
    const after = await h.get(t.bureau, '/api/dashboard');
    expect(after.villages.total).toBe(5);
    expect(after).toEqual(await recountDashboard({ store, now: h.clock.now }));
  });

  it('a tenant created now starts with the marker (its counters move from the first write)', async () => {
    const fresh = await h.tenant();
    const s = new TenantStore(h.deps.doc, h.deps.tableName, fresh.id);
    expect(await s.get(s.pk('COUNTERS'), 'BACKFILLED')).not.toBeNull();
  });
});
