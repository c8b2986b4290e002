import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Rule 9 (消费帮扶): an organization commits to buy an amount in a year; its members' paid orders,
// placed while signed in, count toward it (refunds taken off); the bureau sees every organization.

let h: Harness;
let t: TestTenant;
let buyerOrg: { id: string; member: string };
let listingId: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  buyerOrg = await h.organization(t, { name: '清水县某企业' });
  listingId = (await h.listing(t, { stock: 100, priceFen: 2500 })).id;
});

const progress = async (token: string, year = 2026) => (await h.get(token, `/api/commitments?year=${year}`)).items as any[];
const mine = async (year = 2026) => (await progress(t.bureau, year)).find((c) => c.organizationId === buyerOrg.id);

async function buy(quantity: number, token?: string, pay = true) {
  const o = (await h.checkout(t, [{ produceId: listingId, quantity }], { token })).body;
  if (pay) expect((await h.press(o.checkoutUrl, 'pay')).status).toBe(200);
  return o.orderId as string;
}

describe('rule 9: members’ purchases count toward their organization’s commitment', () => {
  it('the bureau sets a commitment; the member’s signed-in paid order counts, an anonymous one does not', async () => {
    const set = await h.call('PUT', '/api/commitments', { token: t.bureau, body: { organizationId: buyerOrg.id, year: 2026, amountFen: 1_000_000 } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ organizationId: buyerOrg.id, organizationName: '清水县某企业', year: 2026, committedFen: 1_000_000, purchasedFen: 0 });

    const orderId = await buy(4, buyerOrg.member);
    expect((await h.get(t.bureau, `/api/orders/${orderId}`)).buyerOrganizationId).toBe(buyerOrg.id);
    await buy(2); // nobody signed in
    await buy(3, buyerOrg.member, false); // not paid
    expect(await mine()).toMatchObject({ committedFen: 1_000_000, purchasedFen: 10_000 });
  });

  it('a refund takes the purchase off again', async () => {
    const before = (await mine()).purchasedFen;
    const orderId = await buy(2, buyerOrg.member);
    expect((await mine()).purchasedFen).toBe(before + 5000);
    expect((await h.call('POST', `/api/orders/${orderId}/refund`, { token: t.bureau, body: {} })).status).toBe(200);
    expect((await mine()).purchasedFen).toBe(before);
  });

  it('a member sees and sets its own organization’s commitment only', async () => {
    const other = await h.organizationId(t, { name: '另一组织' });
    const own = await h.call('PUT', '/api/commitments', { token: buyerOrg.member, body: { year: 2027, amountFen: 500_000 } });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ organizationId: buyerOrg.id, year: 2027, committedFen: 500_000 });
    expect((await h.call('PUT', '/api/commitments', { token: buyerOrg.member, body: { organizationId: other, year: 2027, amountFen: 1 } })).status).toBe(403);
    expect((await progress(buyerOrg.member, 2027)).map((c) => c.organizationId)).toEqual([buyerOrg.id]);
    const all = (await progress(t.bureau, 2027)).map((c) => c.organizationId);
    expect(all).toEqual(expect.arrayContaining([buyerOrg.id, other]));
  });

  it('a purchase counts in the year of its payment in the tenant’s time zone', async () => {
    // 2026-12-31 17:30 UTC is already 2027-01-01 in Asia/Shanghai
    h.clock.now = new Date('2026-12-31T17:30:00Z');
    try {
      const before2027 = (await mine(2027)).purchasedFen;
      await buy(1, buyerOrg.member);
      expect((await mine(2027)).purchasedFen).toBe(before2027 + 2500);
    } finally {
      h.clock.now = new Date('2026-06-15T04:00:00Z');
    }
  });

  it('another tenant’s member, or a broken token, buys as anyone would (counts for nobody, still sells)', async () => {
    const other = await h.tenant();
    const stranger = await h.organization(other);
    const a = (await h.checkout(t, [{ produceId: listingId, quantity: 1 }], { token: stranger.member })).body;
    const b = await h.checkout(t, [{ produceId: listingId, quantity: 1 }], { token: 'not-a-token' });
    expect(b.status).toBe(201);
    expect((await h.get(t.bureau, `/api/orders/${a.orderId}`)).buyerOrganizationId).toBeNull();
    expect((await h.get(t.bureau, `/api/orders/${b.body.orderId}`)).buyerOrganizationId).toBeNull();
  });

  it('bad input is a 400 with the field', async () => {
    const res = await h.call('PUT', '/api/commitments', { token: t.bureau, body: { organizationId: buyerOrg.id, year: 2026, amountFen: 12.5 } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('amountFen');
    expect((await h.call('GET', '/api/commitments?year=abc', { token: t.bureau })).status).toBe(400);
    expect((await h.call('PUT', '/api/commitments', { token: t.bureau, body: { year: 2026, amountFen: 1 } })).status).toBe(400);
  });
});
