import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Orders after payment: paid → shipped → delivered, or refunded from any of those. An organization
// sees (with the buyer's full contact) the orders holding its listings, the bureau all of them.
// Refunds keep the numbers right: refunded units leave `sold`, and go back on sale only if they
// were never shipped.

let h: Harness;
let t: TestTenant;
let org: { id: string; member: string; villageId: string };

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  const o = await h.organization(t);
  const p = await h.activePairing(t, { orgId: o.id });
  org = { ...o, villageId: p.villageId };
});

const SHIPMENT = { carrier: '顺丰速运', trackingNo: 'SF1234567890' };
const act = (token: string, id: string, action: 'ship' | 'deliver' | 'refund', body: Record<string, unknown> = action === 'ship' ? SHIPMENT : {}) =>
  h.call('POST', `/api/orders/${id}/${action}`, { token, body });

/** A paid order of `quantity` units of a new listing of the organization (stock 10). */
async function paidOrder(quantity = 2, status: 'paid' | 'shipped' | 'delivered' | 'pending_payment' | 'cancelled' = 'paid') {
  const l = await h.listing(t, { villageId: org.villageId, stock: 10, priceFen: 1000 }, org.member);
  const o = (await h.checkout(t, [{ produceId: l.id, quantity }])).body;
  if (status === 'cancelled') await h.press(o.checkoutUrl, 'cancel');
  if (status !== 'pending_payment' && status !== 'cancelled') await h.press(o.checkoutUrl, 'pay');
  if (status === 'shipped' || status === 'delivered') expect((await act(org.member, o.orderId, 'ship')).status).toBe(200);
  if (status === 'delivered') expect((await act(org.member, o.orderId, 'deliver')).status).toBe(200);
  return { listingId: l.id, orderId: o.orderId as string };
}

const listing = (id: string) => h.get(t.bureau, `/api/produce/${id}`);
const order = (id: string) => h.get(t.bureau, `/api/orders/${id}`);
const sales = async () => (await h.get(t.bureau, '/api/dashboard')).sales;

describe('who sees which orders', () => {
  it('an organization sees the orders holding its listings, with the buyer’s full contact; others are not found', async () => {
    const mine = await paidOrder();
    const bureauListing = await h.listing(t);
    const notMine = (await h.checkout(t, [{ produceId: bureauListing.id, quantity: 1 }])).body;
    const ids = await h.ids(org.member, '/api/orders?limit=100');
    expect(ids).toContain(mine.orderId);
    expect(ids).not.toContain(notMine.orderId);
    expect((await h.get(org.member, `/api/orders/${mine.orderId}`)).buyer.phone).toBe('13912345678');
    expect((await h.call('GET', `/api/orders/${notMine.orderId}`, { token: org.member })).status).toBe(404);
    expect((await act(org.member, notMine.orderId, 'refund')).status).toBe(404);
    expect(await h.ids(t.bureau, '/api/orders?limit=100')).toEqual(expect.arrayContaining([mine.orderId, notMine.orderId]));
  });

  it('a cart from two organizations’ listings is seen by both', async () => {
    const other = await h.organization(t);
    const p = await h.activePairing(t, { orgId: other.id });
    const a = await h.listing(t, { villageId: org.villageId }, org.member);
    const b = await h.listing(t, { villageId: p.villageId }, other.member);
    const o = (
      await h.checkout(t, [
        { produceId: a.id, quantity: 1 },
        { produceId: b.id, quantity: 1 },
      ])
    ).body;
    expect(await h.ids(org.member, `/api/orders?produceId=${a.id}`)).toEqual([o.orderId]);
    expect(await h.ids(other.member, `/api/orders?produceId=${b.id}`)).toEqual([o.orderId]);
    expect(await h.ids(other.member, `/api/orders?villageId=${p.villageId}`)).toEqual([o.orderId]);
  });

  it('filters by status, village and listing', async () => {
    const paid = await paidOrder();
    const pending = await paidOrder(1, 'pending_payment');
    expect(await h.ids(t.bureau, `/api/orders?produceId=${paid.listingId}&status=paid`)).toEqual([paid.orderId]);
    expect(await h.ids(t.bureau, `/api/orders?produceId=${paid.listingId}&status=pending_payment`)).toEqual([]);
    expect(await h.ids(org.member, `/api/orders?produceId=${pending.listingId}&status=pending_payment`)).toEqual([pending.orderId]);
    expect((await h.call('GET', '/api/orders?status=lost', { token: t.bureau })).status).toBe(400);
  });
});

describe('fulfilment', () => {
  it('paid → shipped (carrier, tracking number) → delivered, each audited', async () => {
    const o = await paidOrder();
    const shipped = await act(org.member, o.orderId, 'ship');
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', shipment: SHIPMENT, shippedAt: '2026-06-15T04:00:00.000Z' });
    const delivered = await act(t.bureau, o.orderId, 'deliver');
    expect(delivered.body).toMatchObject({ status: 'delivered', deliveredAt: '2026-06-15T04:00:00.000Z' });
    const trail = await h.audit(t, 'order', o.orderId);
    // the public checkout's create and the payment provider's pay come first (issue 15, hole 9)
    expect(trail.map((e) => e.action)).toEqual(['create', 'pay', 'ship', 'deliver']);
    // the audit keeps the buyer's contact masked
    expect(JSON.stringify(trail)).not.toContain('13912345678');
  });

  it('a shipment needs a carrier and a tracking number (400, nothing changes)', async () => {
    const o = await paidOrder();
    const res = await act(org.member, o.orderId, 'ship', { carrier: '顺丰速运' });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('trackingNo');
    expect((await order(o.orderId)).status).toBe('paid');
  });

  it.each([
    ['pending_payment', 'ship'],
    ['pending_payment', 'refund'],
    ['cancelled', 'ship'],
    ['cancelled', 'refund'],
    ['paid', 'deliver'],
    ['shipped', 'ship'],
    ['delivered', 'ship'],
    ['delivered', 'deliver'],
  ] as const)('a %s order cannot %s: 409 and nothing changes', async (status, action) => {
    const o = await paidOrder(2, status);
    const before = [await order(o.orderId), await listing(o.listingId), await sales()];
    const res = await act(org.member, o.orderId, action);
    expect(res.status).toBe(409);
    expect([await order(o.orderId), await listing(o.listingId), await sales()]).toEqual(before);
  });
});

describe('refunds keep sold, stock and totals right', () => {
  it('before shipping: the units leave sold and are for sale again', async () => {
    const o = await paidOrder(3);
    const s0 = await sales();
    expect(await listing(o.listingId)).toMatchObject({ stock: 10, sold: 3, available: 7 });
    const res = await act(t.bureau, o.orderId, 'refund', { reason: '买家申请' });
    expect(res.body).toMatchObject({ status: 'refunded', refundedAt: '2026-06-15T04:00:00.000Z' });
    expect(await listing(o.listingId)).toMatchObject({ stock: 10, sold: 0, available: 10 });
    expect(await sales()).toEqual({ paidOrders: s0.paidOrders - 1, totalFen: s0.totalFen - 3000 });
  });

  it.each(['shipped', 'delivered'] as const)('once %s: the units leave sold and stock, and do not come back on sale', async (status) => {
    const o = await paidOrder(3, status);
    expect((await act(org.member, o.orderId, 'refund')).status).toBe(200);
    expect(await listing(o.listingId)).toMatchObject({ stock: 7, sold: 0, available: 7 });
  });

  it('a refund happens once: refunding again is a 409', async () => {
    const o = await paidOrder(1);
    expect((await act(t.bureau, o.orderId, 'refund')).status).toBe(200);
    const again = await act(t.bureau, o.orderId, 'refund');
    expect(again.status).toBe(409);
    expect(await listing(o.listingId)).toMatchObject({ stock: 10, sold: 0, available: 10 });
  });

  it('the dashboard counts paid orders and their total', async () => {
    const s0 = await sales();
    await paidOrder(2);
    await paidOrder(1, 'pending_payment');
    expect(await sales()).toEqual({ paidOrders: s0.paidOrders + 1, totalFen: s0.totalFen + 2000 });
  });
});
