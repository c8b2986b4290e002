import { beforeAll, describe, expect, it } from 'vitest';
import { recountDashboard } from '../../functions/modules/dashboard/recount.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// A marketplace order (issue 13): one checkout from several sellers is paid once and split into one
// parcel (fulfilment) per seller. Each organization sees and moves its own parcel only; a refund of
// one parcel gives back exactly its amount and moves stock, sales, commitments, the village's
// public figure and the seller's settlement by exactly that.

let h: Harness;
let t: TestTenant;
type Seller = { id: string; member: string; villageId: string };
let a: Seller;
let b: Seller;

const SHIPMENT = { carrier: '顺丰速运', trackingNo: 'SF1234567890' };
const at = new Date('2026-06-15T04:00:00Z');

beforeAll(async () => {
  h = await makeHarness({ now: at });
  t = await h.tenant();
  const seller = async (name: string): Promise<Seller> => {
    const o = await h.organization(t, { name });
    const p = await h.activePairing(t, { orgId: o.id });
    return { ...o, villageId: p.villageId };
  };
  a = await seller('甲公司');
  b = await seller('乙协会');
});

/** A paid three-seller order: 2 × ¥10 of A's, 1 × ¥25 of B's, 3 × ¥5 of the bureau's. */
async function threeSellerOrder(opts: { token?: string } = {}) {
  const la = await h.listing(t, { villageId: a.villageId, stock: 10, priceFen: 1000, name: '甲的苹果' }, a.member);
  const lb = await h.listing(t, { villageId: b.villageId, stock: 10, priceFen: 2500, name: '乙的蜂蜜' }, b.member);
  const lc = await h.listing(t, { stock: 10, priceFen: 500, name: '局的小米' });
  const res = await h.checkout(
    t,
    [
      { produceId: la.id, quantity: 2 },
      { produceId: lb.id, quantity: 1 },
      { produceId: lc.id, quantity: 3 },
    ],
    { token: opts.token },
  );
  expect(res.status).toBe(201);
  expect((await h.press(res.body.checkoutUrl, 'pay')).status).toBeLessThan(400);
  const order = await h.get(t.bureau, `/api/orders/${res.body.orderId}`);
  const parcel = (seller: string | null) => order.fulfilments.find((f: { sellerOrganizationId: string | null }) => f.sellerOrganizationId === seller);
  return { orderId: res.body.orderId as string, token: res.body.orderToken as string, order, la, lb, lc, fa: parcel(a.id), fb: parcel(b.id), fc: parcel(null) };
}

const parcelCall = (
  token: string,
  orderId: string,
  fid: string,
  action: 'ship' | 'deliver' | 'refund',
  body: Record<string, unknown> = action === 'ship' ? SHIPMENT : {},
) => h.call('POST', `/api/orders/${orderId}/fulfilments/${fid}/${action}`, { token, body });
const listing = (id: string) => h.get(t.bureau, `/api/produce/${id}`);
const sales = async () => (await h.get(t.bureau, '/api/dashboard')).sales;
const villageSales = async (villageId: string) =>
  (await h.call('GET', `/api/public/${t.slug}/transparency`)).body.villages.find((v: { villageId: string }) => v.villageId === villageId);

describe('a paid cart from three sellers', () => {
  it('is split into one parcel per seller, each with its own lines, amount and the seller’s name', async () => {
    const o = await threeSellerOrder();
    expect(o.order.fulfilments).toHaveLength(3);
    expect(o.fa).toMatchObject({ sellerName: '甲公司', totalFen: 2000, status: 'paid', shipment: null });
    expect(o.fb).toMatchObject({ sellerName: '乙协会', totalFen: 2500 });
    expect(o.fc).toMatchObject({ sellerOrganizationId: null, sellerName: `${t.slug} 民政局`, totalFen: 1500 });
    expect(o.fa.lines.map((l: { produceId: string }) => l.produceId)).toEqual([o.la.id]);
    expect(o.order.totalFen).toBe(6000);
    // the buyer's page shows the three parcels with their sellers
    const mine = await h.call('GET', `/api/public/${t.slug}/orders/${o.orderId}?token=${o.token}`);
    expect(mine.body.fulfilments.map((f: { sellerName: string }) => f.sellerName)).toEqual(['甲公司', '乙协会', `${t.slug} 民政局`]);
    // the sellers' payment fees are theirs and the bureau's, not the buyer's
    expect(mine.body.fulfilments.every((f: Record<string, unknown>) => !('feeFen' in f))).toBe(true);
  });

  it('each seller sees its own parcel’s lines and the buyer’s contact, never another seller’s lines or money', async () => {
    const o = await threeSellerOrder();
    const seen = await h.get(a.member, `/api/orders/${o.orderId}`);
    expect(seen.lines.map((l: { produceId: string }) => l.produceId)).toEqual([o.la.id]);
    expect(seen.fulfilments.map((f: { id: string }) => f.id)).toEqual([o.fa.id]);
    expect(seen).toMatchObject({ totalFen: 2000, status: 'paid', buyer: { phone: '13912345678' } });
    expect(JSON.stringify(seen)).not.toContain(o.lb.id);
    expect(JSON.stringify(seen)).not.toContain('乙的蜂蜜');
    const listed = (await h.get(b.member, `/api/orders?limit=100`)).items.find((x: { id: string }) => x.id === o.orderId);
    expect(listed.lines.map((l: { produceId: string }) => l.produceId)).toEqual([o.lb.id]);
    expect(listed.totalFen).toBe(2500);
  });

  it('each seller ships its own parcel; another seller’s parcel is not found and does not move', async () => {
    const o = await threeSellerOrder();
    const wrong = await parcelCall(a.member, o.orderId, o.fb.id, 'ship');
    expect(wrong.status).toBe(404);
    expect((await parcelCall(a.member, o.orderId, o.fb.id, 'refund')).status).toBe(404);
    expect((await parcelCall(a.member, o.orderId, o.fc.id, 'ship')).status).toBe(404);
    expect((await h.get(t.bureau, `/api/orders/${o.orderId}`)).fulfilments.map((f: { status: string }) => f.status)).toEqual(['paid', 'paid', 'paid']);
    expect(await listing(o.lb.id)).toMatchObject({ sold: 1 });

    const shipped = await parcelCall(a.member, o.orderId, o.fa.id, 'ship');
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ status: 'shipped', fulfilments: [{ id: o.fa.id, status: 'shipped', shipment: SHIPMENT }] });
    // the order is shipped only when every live parcel is
    expect((await h.get(t.bureau, `/api/orders/${o.orderId}`)).status).toBe('paid');
    expect((await parcelCall(b.member, o.orderId, o.fb.id, 'ship', { carrier: '邮政', trackingNo: 'EMS001' })).status).toBe(200);
    expect((await parcelCall(t.bureau, o.orderId, o.fc.id, 'ship')).status).toBe(200);
    const all = await h.get(t.bureau, `/api/orders/${o.orderId}`);
    expect(all.status).toBe('shipped');
    expect(all.fulfilments.map((f: { shipment: { trackingNo: string } }) => f.shipment.trackingNo)).toEqual(['SF1234567890', 'EMS001', 'SF1234567890']);
    // a parcel ships once
    expect((await parcelCall(a.member, o.orderId, o.fa.id, 'ship')).status).toBe(409);
    const trail = await h.audit(t, 'order', o.orderId);
    expect(trail.filter((e) => e.action === 'ship').map((e) => e.after.fulfilmentId)).toEqual([o.fa.id, o.fb.id, o.fc.id]);
  });

  it('three sellers shipping at the same moment all ship: no parcel move overwrites another’s', async () => {
    const o = await threeSellerOrder();
    const answers = await Promise.all([
      parcelCall(a.member, o.orderId, o.fa.id, 'ship'),
      parcelCall(b.member, o.orderId, o.fb.id, 'ship', { carrier: '邮政', trackingNo: 'EMS002' }),
      parcelCall(t.bureau, o.orderId, o.fc.id, 'refund'),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    const after = await h.get(t.bureau, `/api/orders/${o.orderId}`);
    expect(after.fulfilments.map((f: { status: string }) => f.status)).toEqual(['shipped', 'shipped', 'refunded']);
    expect(after).toMatchObject({ status: 'shipped', refundedFen: 1500 });
    // the order's own shipment is a live parcel's: once A's parcel is refunded, B's
    expect((await parcelCall(a.member, o.orderId, o.fa.id, 'refund')).status).toBe(200);
    expect((await h.get(t.bureau, `/api/orders/${o.orderId}`)).shipment).toEqual({ carrier: '邮政', trackingNo: 'EMS002' });
    expect(await listing(o.lc.id)).toMatchObject({ sold: 0, available: 10 });
  });

  it('the order-wide routes send a seller of a shared order to its parcel (409); the bureau moves every parcel', async () => {
    const o = await threeSellerOrder();
    const res = await h.call('POST', `/api/orders/${o.orderId}/ship`, { token: a.member, body: SHIPMENT });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(`/api/orders/${o.orderId}/fulfilments/${o.fa.id}/ship`);
    expect(res.body.error.details).toMatchObject({ fulfilmentId: o.fa.id });
    const all = await h.call('POST', `/api/orders/${o.orderId}/ship`, { token: t.bureau, body: SHIPMENT });
    expect(all.status).toBe(200);
    expect(all.body.fulfilments.map((f: { status: string }) => f.status)).toEqual(['shipped', 'shipped', 'shipped']);
  });

  it('an unknown parcel, or another tenant’s order, is not found', async () => {
    const o = await threeSellerOrder();
    expect((await parcelCall(t.bureau, o.orderId, 'F9', 'ship')).status).toBe(404);
    const other = await h.tenant();
    expect((await parcelCall(other.bureau, o.orderId, o.fa.id, 'ship')).status).toBe(404);
    expect((await parcelCall(other.bureau, o.orderId, o.fa.id, 'refund')).status).toBe(404);
  });
});

describe('refunding one parcel', () => {
  it('gives back exactly its amount: its units, the sales, the village’s public figure, once', async () => {
    const o = await threeSellerOrder();
    const s0 = await sales();
    const fa0 = await villageSales(a.villageId);
    const fb0 = await villageSales(b.villageId);
    const res = await parcelCall(a.member, o.orderId, o.fa.id, 'refund', { reason: '买家不要了' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'refunded', refundedFen: 2000, totalFen: 2000 });
    expect(await listing(o.la.id)).toMatchObject({ stock: 10, sold: 0, available: 10 });
    expect(await listing(o.lb.id)).toMatchObject({ sold: 1 });
    // the order is still paid (two live parcels): still one paid order, ¥20 less
    expect(await sales()).toEqual({ paidOrders: s0.paidOrders, totalFen: s0.totalFen - 2000 });
    // the village's public sales figure: A's village down by exactly the parcel, B's untouched
    expect((await villageSales(a.villageId)).salesFen).toBe(fa0.salesFen - 2000);
    expect((await villageSales(b.villageId)).salesFen).toBe(fb0.salesFen);
    const whole = await h.get(t.bureau, `/api/orders/${o.orderId}`);
    expect(whole).toMatchObject({ status: 'paid', refundedFen: 2000, totalFen: 6000 });
    // once only
    const again = await parcelCall(t.bureau, o.orderId, o.fa.id, 'refund');
    expect(again.status).toBe(409);
    expect(await sales()).toEqual({ paidOrders: s0.paidOrders, totalFen: s0.totalFen - 2000 });
    // the rest, by the bureau's order-wide refund: the order leaves the count with its last parcel
    expect((await h.call('POST', `/api/orders/${o.orderId}/refund`, { token: t.bureau, body: {} })).status).toBe(200);
    expect(await sales()).toEqual({ paidOrders: s0.paidOrders - 1, totalFen: s0.totalFen - 6000 });
    const pub = await h.call('GET', `/api/public/${t.slug}/orders/${o.orderId}?token=${o.token}`);
    expect(pub.body).toMatchObject({ status: 'refunded', refundedFen: 6000 });
    expect((await villageSales(b.villageId)).salesFen).toBe(fb0.salesFen - 2500);
  });

  it('a shipped parcel’s units leave stock too; the others are untouched', async () => {
    const o = await threeSellerOrder();
    await parcelCall(b.member, o.orderId, o.fb.id, 'ship');
    expect((await parcelCall(b.member, o.orderId, o.fb.id, 'refund')).status).toBe(200);
    expect(await listing(o.lb.id)).toMatchObject({ stock: 9, sold: 0, available: 9 });
    expect(await listing(o.la.id)).toMatchObject({ stock: 10, sold: 2 });
  });

  it('takes exactly its amount off the buyer organization’s commitment (rule 9)', async () => {
    const buyer = await h.organization(t, { name: '丙企业' });
    const before =
      (await h.get(t.bureau, '/api/commitments?year=2026')).items.find((c: { organizationId: string }) => c.organizationId === buyer.id)?.purchasedFen ?? 0;
    const o = await threeSellerOrder({ token: buyer.member });
    const progress = async () =>
      (await h.get(t.bureau, '/api/commitments?year=2026')).items.find((c: { organizationId: string }) => c.organizationId === buyer.id).purchasedFen;
    expect(await progress()).toBe(before + 6000);
    expect((await parcelCall(t.bureau, o.orderId, o.fb.id, 'refund')).status).toBe(200);
    expect(await progress()).toBe(before + 3500);
  });

  it('leaves the dashboard’s counters equal to a full recount from the records, a month later too', async () => {
    const buyer = await h.organization(t, { name: '丁企业' });
    const o = await threeSellerOrder({ token: buyer.member });
    expect((await parcelCall(a.member, o.orderId, o.fa.id, 'refund')).status).toBe(200);
    h.clock.now = new Date('2026-07-02T04:00:00Z');
    try {
      expect((await parcelCall(t.bureau, o.orderId, o.fc.id, 'refund')).status).toBe(200);
      const dash = await h.get(t.bureau, '/api/dashboard');
      const recount = await recountDashboard({ store: new TenantStore(h.deps.doc, h.deps.tableName, t.id), now: h.clock.now });
      expect(dash.sales).toEqual(recount.sales);
      expect(dash.monthly).toEqual(recount.monthly);
      expect(dash.commitments).toEqual(recount.commitments);
      // the July refund is in July's sales, the June one in June's
      expect(dash.monthly.find((m: { month: string }) => m.month === '2026-07').salesFen).toBe(-1500);
    } finally {
      h.clock.now = at;
    }
  });
});
