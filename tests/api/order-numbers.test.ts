import { beforeAll, describe, expect, it } from 'vitest';
import { makeBuyer, makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Issue 16, item 4: order numbers people can read out (<SLUG>-YYYYMMDD-NNNN, a per-tenant daily
// sequence in the tenant's time zone, never the same twice) and "find my order" by mobile number +
// order number (a fresh link to the order page; any mismatch the same 404; rate-limited per client).

let h: Harness;
let a: TestTenant; // Asia/Shanghai (the default)
let b: TestTenant; // UTC
let listingA: string;
let listingB: string;

// 15:30 UTC = 23:30 in Shanghai on 10 March
const EVENING = new Date('2026-03-10T15:30:00Z');

beforeAll(async () => {
  h = await makeHarness({ now: EVENING });
  a = await h.tenant();
  b = await h.tenant({ timeZone: 'UTC' });
  listingA = (await h.listing(a, { stock: 500 })).id;
  listingB = (await h.listing(b, { stock: 500 })).id;
});

let client = 0;
/** A fresh client address: each test counts against its own rate limit. */
const newClient = () => ({ 'x-forwarded-for': `198.51.100.${++client}` });

async function buy(t: TestTenant, produceId: string, buyer = makeBuyer()) {
  const r = await h.checkout(t, [{ produceId, quantity: 1 }], { buyer });
  expect(r.status).toBe(201);
  const order = await h.get(t.bureau, `/api/orders/${r.body.orderId}`);
  return { id: r.body.orderId as string, token: r.body.orderToken as string, orderNo: order.orderNo as string };
}

const lookup = (t: Pick<TestTenant, 'slug'>, body: unknown, headers: Record<string, string> = newClient()) =>
  h.call('POST', `/api/public/${t.slug}/orders/lookup`, { body: body as never, headers });

const openLink = (url: string) => {
  const [path, fragment] = url.split('#token=');
  const [, , slug, , id] = path.split('/');
  return h.call('GET', `/api/public/${slug}/orders/${id}`, { headers: { 'x-access-token': decodeURIComponent(fragment) } });
};

describe('order numbers', () => {
  it('<SLUG>-YYYYMMDD-NNNN, a sequence per tenant per day in the tenant’s time zone', async () => {
    h.clock.now = EVENING;
    const a1 = await buy(a, listingA);
    const b1 = await buy(b, listingB);
    const a2 = await buy(a, listingA);
    expect(a1.orderNo).toBe(`${a.slug.toUpperCase()}-20260310-0001`);
    expect(a2.orderNo).toBe(`${a.slug.toUpperCase()}-20260310-0002`);
    expect(b1.orderNo).toBe(`${b.slug.toUpperCase()}-20260310-0001`); // its own sequence

    // 16:30 UTC: already the 11th in Shanghai (a new sequence), still the 10th in UTC
    h.clock.now = new Date('2026-03-10T16:30:00Z');
    expect((await buy(a, listingA)).orderNo).toBe(`${a.slug.toUpperCase()}-20260311-0001`);
    expect((await buy(b, listingB)).orderNo).toBe(`${b.slug.toUpperCase()}-20260310-0002`);

    // shown to the buyer, in the list, and to the seller
    const page = await h.call('GET', `/api/public/${a.slug}/orders/${a1.id}`, { headers: { 'x-access-token': a1.token } });
    expect(page.body.orderNo).toBe(a1.orderNo);
    const list = await h.get(a.bureau, `/api/orders?limit=100`);
    expect(list.items.find((o: any) => o.id === a1.id).orderNo).toBe(a1.orderNo);
  });

  it('a checkout refused for stock takes no number: the next order gets the next one', async () => {
    h.clock.now = new Date('2026-03-14T02:00:00Z');
    const lastOne = (await h.listing(a, { stock: 1 })).id;
    const first = await buy(a, lastOne);
    expect(first.orderNo).toBe(`${a.slug.toUpperCase()}-20260314-0001`);
    for (let i = 0; i < 3; i++) {
      const refused = await h.checkout(a, [{ produceId: lastOne, quantity: 1 }], { buyer: makeBuyer() });
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'out_of_stock', details: { produceId: lastOne, available: 0, requested: 1 } });
    }
    expect((await buy(a, listingA)).orderNo).toBe(`${a.slug.toUpperCase()}-20260314-0002`);
  });

  it('an expired hold does not refuse a checkout early: it is released and the order goes through', async () => {
    h.clock.now = new Date('2026-03-15T02:00:00Z');
    const lastOne = (await h.listing(a, { stock: 1 })).id;
    const held = await h.checkout(a, [{ produceId: lastOne, quantity: 1 }], { buyer: makeBuyer() });
    expect(held.status).toBe(201);
    h.clock.now = new Date('2026-03-15T05:00:00Z'); // long past the hold's expiry, before any sweep
    expect((await buy(a, lastOne)).orderNo).toBe(`${a.slug.toUpperCase()}-20260315-0002`);
  });

  it('10 checkouts at once never share a number', async () => {
    h.clock.now = new Date('2026-03-12T02:00:00Z');
    const rs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => h.checkout(a, [{ produceId: listingA, quantity: 1 }], { buyer: makeBuyer({ name: `买家${i}` }), key: undefined })),
    );
    expect(rs.map((r) => r.status)).toEqual(Array(10).fill(201));
    const nos = await Promise.all(rs.map(async (r) => (await h.get(a.bureau, `/api/orders/${r.body.orderId}`)).orderNo as string));
    expect(new Set(nos).size).toBe(10);
    for (const no of nos) expect(no).toMatch(new RegExp(`^${a.slug.toUpperCase()}-20260312-\\d{4}$`));
  });

  it('the console finds an order by its number (any case), and only its own tenant’s', async () => {
    h.clock.now = new Date('2026-03-13T02:00:00Z');
    const o = await buy(a, listingA);
    const found = await h.get(a.bureau, `/api/orders?orderNo=${o.orderNo.toLowerCase()}`);
    expect(found.items.map((x: any) => x.id)).toEqual([o.id]);
    expect((await h.get(b.bureau, `/api/orders?orderNo=${o.orderNo}`)).items).toEqual([]);
    expect((await h.get(a.bureau, `/api/orders?orderNo=${a.slug.toUpperCase()}-20260313-9999`)).items).toEqual([]);
    const bad = await h.call('GET', '/api/orders?orderNo=nonsense', { token: a.bureau });
    expect(bad.status).toBe(400);
  });
});

describe('find my order', () => {
  it('phone + number → a link that opens the order (valid 24 h); the checkout token still works', async () => {
    h.clock.now = new Date('2026-03-14T02:00:00Z');
    const o = await buy(a, listingA, makeBuyer({ phone: '13800138000' }));
    const r = await lookup(a, { phone: '13800138000', orderNo: ` ${o.orderNo.toLowerCase()} ` });
    expect(r.status).toBe(200);
    expect(r.body.orderId).toBe(o.id);
    expect(r.body.url).toMatch(new RegExp(`^/shop/${a.slug}/orders/${o.id}#token=`));
    const page = await openLink(r.body.url);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ id: o.id, orderNo: o.orderNo });
    expect(page.body.buyer.phone).not.toBe('13800138000'); // masked
    expect((await h.call('GET', `/api/public/${a.slug}/orders/${o.id}`, { headers: { 'x-access-token': o.token } })).status).toBe(200);

    h.clock.now = new Date('2026-03-15T02:00:01Z');
    expect((await openLink(r.body.url)).status).toBe(404);
  });

  it('a wrong phone, an unknown number and another tenant’s number get the same 404', async () => {
    h.clock.now = new Date('2026-03-16T02:00:00Z');
    const o = await buy(a, listingA, makeBuyer({ phone: '13800138001' }));
    const other = await buy(b, listingB, makeBuyer({ phone: '13800138001' }));
    const wrongPhone = await lookup(a, { phone: '13800138002', orderNo: o.orderNo });
    const unknownNo = await lookup(a, { phone: '13800138001', orderNo: `${a.slug.toUpperCase()}-20260316-0999` });
    const otherTenant = await lookup(a, { phone: '13800138001', orderNo: other.orderNo });
    for (const r of [wrongPhone, unknownNo, otherTenant]) expect(r.status).toBe(404);
    expect(unknownNo.body).toEqual(wrongPhone.body);
    expect(otherTenant.body).toEqual(wrongPhone.body);
    expect(wrongPhone.body.error.message).toMatch(/未找到/);

    // another tenant's slug: its orders only
    expect((await lookup(b, { phone: '13800138001', orderNo: o.orderNo })).status).toBe(404);
    expect((await lookup({ slug: 'no-such-shop' }, { phone: '13800138001', orderNo: o.orderNo })).status).toBe(404);
  });

  it('a match and a miss take about the same time (a floor of 300 ms)', async () => {
    const o = await buy(a, listingA, makeBuyer({ phone: '13800138003' }));
    const time = async (body: unknown) => {
      const t0 = performance.now();
      await lookup(a, body);
      return performance.now() - t0;
    };
    expect(await time({ phone: '13800138003', orderNo: o.orderNo })).toBeGreaterThanOrEqual(290);
    expect(await time({ phone: '13800138009', orderNo: o.orderNo })).toBeGreaterThanOrEqual(290);
  });

  it('bad input: field paths and Chinese messages', async () => {
    const r = await lookup(a, { phone: '123', orderNo: 'abc' });
    expect(r.status).toBe(400);
    const paths = JSON.stringify(r.body.error);
    expect(paths).toContain('phone');
    expect(paths).toContain('orderNo');
    expect(paths).toMatch(/手机号/);
  });

  it('rate-limited: the 11th lookup of a client in an hour is a 429, another client still gets through', async () => {
    h.clock.now = new Date('2026-03-17T02:00:00Z');
    const me = newClient();
    const body = { phone: '13800138000', orderNo: `${a.slug.toUpperCase()}-20260317-0001` };
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await lookup(a, body, me)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses[10]).toBe(429);
    expect((await lookup(a, body)).status).toBe(404);
  });
});
