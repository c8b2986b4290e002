import { beforeAll, describe, expect, it } from 'vitest';
import { recountCampaign } from '../../functions/modules/campaigns/service.js';
import { releaseExpiredHolds } from '../../functions/modules/orders/sweeper.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeBuyer, makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Campaigns (扶贫日, 年货节): checked whole before anything is written; money counts toward a campaign
// only once really received (an order paid, a donation confirmed), in the same transaction, and
// leaves it with each refund; the counter equals a recount from the records.

let h: Harness;
let t: TestTenant;
let other: TestTenant;
let villageId: string;
let village2: string;
let listing: string;
let foreignVillage: string;
let foreignListing: string;

const NOW = new Date('2026-10-17T04:00:00Z'); // 扶贫日, noon in Shanghai

beforeAll(async () => {
  h = await makeHarness({ now: NOW });
  [t, other] = [await h.tenant(), await h.tenant()];
  villageId = await h.village(t, { name: '清水村' });
  village2 = await h.village(t, { name: '石门村' });
  listing = (await h.listing(t, { villageId, stock: 100, priceFen: 2_500 })).id;
  foreignVillage = await h.village(other);
  foreignListing = (await h.listing(other, { villageId: foreignVillage })).id;
});

const store = () => new TenantStore(h.deps.doc, h.deps.tableName, t.id);
const campaigns = async () => (await h.get(t.bureau, '/api/campaigns')).items as { id: string }[];
const valid = () => ({
  title: '扶贫日',
  kind: '扶贫日',
  startDate: '2026-10-10',
  endDate: '2026-10-20',
  targetFen: 10_000_000,
  villageIds: [villageId, village2],
  produceIds: [listing],
});
async function create(body: Record<string, unknown> = {}): Promise<string> {
  const res = await h.call('POST', '/api/campaigns', { token: t.bureau, body: { ...valid(), ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}
const progress = async (id: string) => (await h.get(t.bureau, `/api/campaigns/${id}`)).progress;
const checkout = (items: { produceId: string; quantity: number }[], campaignId?: string, token?: string) =>
  h.call('POST', `/api/public/${t.slug}/checkout`, { token, body: { items, buyer: makeBuyer(), ...(campaignId ? { campaignId } : {}) } });
const donate = (body: Record<string, unknown>) => h.call('POST', `/api/public/${t.slug}/donate`, { body });
const paths = (res: { body: { error: { details: { path: string }[] } } }) => res.body.error.details.map((d) => d.path);

/** The counter, as the bureau reads it, equals the recount from the orders and donations. */
async function expectCounterIsRecount(id: string) {
  const p = await progress(id);
  const r = await recountCampaign(store(), id);
  expect({ ...p, villages: p.villages.map(({ villageName: _n, ...v }: { villageName: string }) => v) }).toEqual(r);
  return p;
}

describe('a campaign is checked whole before anything is written', () => {
  it('refuses an end before its start (endDate), a target of 0 or less, another tenant’s village or listing — with field paths, nothing written', async () => {
    h.clock.now = NOW;
    const before = await campaigns();
    const endFirst = await h.call('POST', '/api/campaigns', { token: t.bureau, body: { ...valid(), startDate: '2026-10-20', endDate: '2026-10-19' } });
    expect(endFirst.status).toBe(400);
    expect(paths(endFirst)).toEqual(['endDate']);
    for (const targetFen of [0, -100, 1.5]) {
      const res = await h.call('POST', '/api/campaigns', { token: t.bureau, body: { ...valid(), targetFen } });
      expect(res.status).toBe(400);
      expect(paths(res)).toContain('targetFen');
    }
    const foreign = await h.call('POST', '/api/campaigns', {
      token: t.bureau,
      body: { ...valid(), villageIds: [villageId, foreignVillage], produceIds: [foreignListing] },
    });
    expect(foreign.status).toBe(400);
    expect(paths(foreign)).toEqual(['villageIds.1', 'produceIds.0']);
    const long = await h.call('POST', '/api/campaigns', { token: t.bureau, body: { ...valid(), title: '长'.repeat(61) } });
    expect(long.status).toBe(400);
    expect(paths(long)).toContain('title');
    expect(await campaigns()).toEqual(before);
  });

  it('a PATCH is checked as the campaign will be: an end moved before the start is refused and the campaign stays as it was', async () => {
    const id = await create();
    const before = await h.get(t.bureau, `/api/campaigns/${id}`);
    const res = await h.call('PATCH', `/api/campaigns/${id}`, { token: t.bureau, body: { endDate: '2026-10-01' } });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['endDate']);
    const foreign = await h.call('PATCH', `/api/campaigns/${id}`, { token: t.bureau, body: { villageIds: [foreignVillage] } });
    expect(paths(foreign)).toEqual(['villageIds.0']);
    expect(await h.get(t.bureau, `/api/campaigns/${id}`)).toEqual(before);
    const ok = await h.call('PATCH', `/api/campaigns/${id}`, { token: t.bureau, body: { title: '扶贫日·消费帮扶', targetFen: 500_000 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ title: '扶贫日·消费帮扶', targetFen: 500_000, status: 'open' });
    const trail = await h.audit(t, 'campaign', id);
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['create', 'update']);
  });

  it('only the bureau creates or changes one', async () => {
    const org = await h.organization(t);
    expect((await h.call('POST', '/api/campaigns', { token: org.member, body: valid() })).status).toBe(403);
    expect((await h.call('GET', '/api/campaigns', { token: org.member })).status).toBe(403);
  });
});

describe('money counts toward a campaign only when received, and leaves it with each refund', () => {
  it('a paid order and a confirmed donation count, per village; refunds take them out again', async () => {
    h.clock.now = NOW;
    const id = await create();
    // an order through the campaign: nothing counts until it is paid
    const o = (await checkout([{ produceId: listing, quantity: 4 }], id)).body;
    expect((await progress(id)).raisedFen).toBe(0);
    expect((await h.get(t.bureau, `/api/orders/${o.orderId}`)).campaignId).toBe(id);
    expect((await h.press(o.checkoutUrl, 'pay')).status).toBe(200);
    // a donation through the campaign, confirmed by the signed webhook (the local checkout page's Pay)
    const d = (await donate({ villageId: village2, amountFen: 30_000, campaignId: id })).body;
    expect((await progress(id)).donations).toBe(0);
    expect((await h.press(d.checkoutUrl, 'pay')).status).toBe(200);
    let p = await expectCounterIsRecount(id);
    expect(p).toMatchObject({ raisedFen: 40_000, orders: 1, orderFen: 10_000, donations: 1, donationFen: 30_000 });
    expect(p.villages).toEqual([
      { villageId: village2, villageName: '石门村', fen: 30_000 },
      { villageId, villageName: '清水村', fen: 10_000 },
    ]);
    // the public page: the same figures, no personal data
    const pub = (await h.call('GET', `/api/public/${t.slug}/campaigns/${id}`)).body;
    expect(pub).toMatchObject({ raisedFen: 40_000, targetFen: 10_000_000, status: 'open', daysLeft: 4, orders: 1, donations: 1 });
    expect(JSON.stringify(pub)).not.toMatch(/1[3-9]\d{9}|buyer|donorName/);
    expect((await h.call('GET', `/api/public/${t.slug}/campaigns`)).body.items.map((c: { id: string }) => c.id)).toContain(id);

    // refunds: the order's money and the donation's leave the campaign's total
    expect((await h.call('POST', `/api/orders/${o.orderId}/refund`, { token: t.bureau, body: {} })).status).toBe(200);
    p = await expectCounterIsRecount(id);
    expect(p).toMatchObject({ raisedFen: 30_000, orders: 0, orderFen: 0, donations: 1 });
    expect((await h.call('POST', `/api/donations/${d.donationId}/refund`, { token: t.bureau, body: {} })).status).toBe(200);
    p = await expectCounterIsRecount(id);
    expect(p).toMatchObject({ raisedFen: 0, orders: 0, donations: 0, donationFen: 0, villages: [] });
  });

  it('a parcel’s refund takes out that parcel alone; the order leaves the count with its last parcel', async () => {
    h.clock.now = NOW;
    const id = await create();
    const org = await h.organization(t);
    await h.activePairing(t, { orgId: org.id, villageId: village2, startDate: '2026-01-01' });
    const own = (await h.listing(t, { villageId: village2, stock: 10, priceFen: 7_000 }, org.member)).id;
    const o = (
      await checkout(
        [
          { produceId: listing, quantity: 2 },
          { produceId: own, quantity: 1 },
        ],
        id,
      )
    ).body;
    await h.press(o.checkoutUrl, 'pay');
    expect(await expectCounterIsRecount(id)).toMatchObject({ raisedFen: 12_000, orders: 1 });
    const order = await h.get(t.bureau, `/api/orders/${o.orderId}`);
    const parcel = order.fulfilments.find((f: { sellerOrganizationId: string | null }) => f.sellerOrganizationId === org.id);
    expect((await h.call('POST', `/api/orders/${o.orderId}/fulfilments/${parcel.id}/refund`, { token: org.member, body: {} })).status).toBe(200);
    expect(await expectCounterIsRecount(id)).toMatchObject({ raisedFen: 5_000, orders: 1, villages: [{ villageId, fen: 5_000, villageName: '清水村' }] });
    expect((await h.call('POST', `/api/orders/${o.orderId}/refund`, { token: t.bureau, body: {} })).status).toBe(200);
    expect(await expectCounterIsRecount(id)).toMatchObject({ raisedFen: 0, orders: 0 });
  });

  it('only the lines of its own listings or villages count, and only a donation to one of its villages; none of them: not attached', async () => {
    h.clock.now = NOW;
    const id = await create({ villageIds: [village2], produceIds: [] });
    const there = (await h.listing(t, { villageId: village2, stock: 10, priceFen: 3_000 })).id;
    // a mixed basket: the 石门村 line counts, the 清水村 line does not
    const o = (
      await checkout(
        [
          { produceId: listing, quantity: 2 },
          { produceId: there, quantity: 1 },
        ],
        id,
      )
    ).body;
    expect((await h.get(t.bureau, `/api/orders/${o.orderId}`)).campaignId).toBe(id);
    await h.press(o.checkoutUrl, 'pay');
    expect(await expectCounterIsRecount(id)).toMatchObject({ raisedFen: 3_000, orderFen: 3_000, orders: 1, villages: [{ villageId: village2, fen: 3_000 }] });
    // a basket with none of its lines, and a gift to a village it does not name: made without the campaign
    const outside = (await checkout([{ produceId: listing, quantity: 1 }], id)).body;
    await h.press(outside.checkoutUrl, 'pay');
    expect((await h.get(t.bureau, `/api/orders/${outside.orderId}`)).campaignId).toBeUndefined();
    const d = (await donate({ villageId, amountFen: 8_000, campaignId: id })).body;
    await h.press(d.checkoutUrl, 'pay');
    expect((await h.get(t.bureau, `/api/donations/${d.donationId}`)).campaignId ?? null).toBeNull();
    expect(await expectCounterIsRecount(id)).toMatchObject({ raisedFen: 3_000, orders: 1, donations: 0 });
    // refunding the whole mixed order takes out the counted line only
    expect((await h.call('POST', `/api/orders/${o.orderId}/refund`, { token: t.bureau, body: {} })).status).toBe(200);
    expect(await expectCounterIsRecount(id)).toMatchObject({ raisedFen: 0, orderFen: 0, orders: 0, villages: [] });
  });

  it('an order left unpaid, cancelled or expired never counts', async () => {
    h.clock.now = NOW;
    const id = await create();
    const cancelled = (await checkout([{ produceId: listing, quantity: 1 }], id)).body;
    await h.press(cancelled.checkoutUrl, 'cancel');
    const left = (await checkout([{ produceId: listing, quantity: 1 }], id)).body;
    const pendingDonation = (await donate({ villageId, amountFen: 5_000, campaignId: id })).body;
    expect(pendingDonation.donationId).toBeTruthy();
    expect(await expectCounterIsRecount(id)).toMatchObject({ raisedFen: 0, orders: 0, donations: 0 });
    // past its hold: the sweeper expires it, and still nothing counts
    h.clock.now = new Date(NOW.getTime() + 2 * 3600_000);
    await releaseExpiredHolds(store(), h.clock.now);
    expect((await h.get(t.bureau, `/api/orders/${left.orderId}`)).status).toBe('expired');
    expect(await expectCounterIsRecount(id)).toMatchObject({ raisedFen: 0, orders: 0, donations: 0 });
    h.clock.now = NOW;
  });

  it('a campaign not open that day is not attached: the order and the donation go through without it', async () => {
    h.clock.now = NOW;
    const ended = await create({ startDate: '2026-10-01', endDate: '2026-10-16' });
    const upcoming = await create({ startDate: '2026-10-18', endDate: '2026-10-30' });
    for (const id of [ended, upcoming]) {
      const o = await checkout([{ produceId: listing, quantity: 1 }], id);
      expect(o.status).toBe(201);
      await h.press(o.body.checkoutUrl, 'pay');
      expect((await h.get(t.bureau, `/api/orders/${o.body.orderId}`)).campaignId).toBeUndefined();
      const d = await donate({ villageId, amountFen: 1_000, campaignId: id });
      expect(d.status).toBe(201);
      await h.press(d.body.checkoutUrl, 'pay');
      expect((await h.get(t.bureau, `/api/donations/${d.body.donationId}`)).campaignId ?? null).toBeNull();
      expect((await progress(id)).raisedFen).toBe(0);
    }
    // another tenant's campaign id is no campaign here
    const theirs = (
      await h.call('POST', '/api/campaigns', {
        token: other.bureau,
        body: { title: '他人', startDate: '2026-10-01', endDate: '2026-10-30', targetFen: 100, villageIds: [], produceIds: [] },
      })
    ).body.id;
    const o = await checkout([{ produceId: listing, quantity: 1 }], theirs);
    expect(o.status).toBe(201);
    expect((await h.get(t.bureau, `/api/orders/${o.body.orderId}`)).campaignId).toBeUndefined();
  });
});
