import { beforeAll, describe, expect, it } from 'vitest';
import { makeBuyer, makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Checkout's bad input (issue 4, "Bad input"): a clear 4xx with field paths, and nothing written —
// no order, no hold, not a unit of stock moved. Lines for the same listing are merged first.

let h: Harness;
let t: TestTenant;
let listing: { id: string };

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  listing = await h.listing(t, { stock: 2000 });
});

async function written() {
  const [orders, l] = await Promise.all([h.get(t.bureau, '/api/orders?limit=100'), h.get(t.bureau, `/api/produce/${listing.id}`)]);
  return { orders: orders.items.length, available: l.available };
}

const one = (quantity: unknown, produceId = listing.id) => [{ produceId, quantity: quantity as number }];
const paths = (body: any) => (body.error.details as { path: string }[]).map((d) => d.path);

describe('refused carts write nothing', () => {
  it.each([
    ['zero units', () => one(0), 'items.0.quantity'],
    ['negative units', () => one(-2), 'items.0.quantity'],
    ['a fractional quantity', () => one(1.5), 'items.0.quantity'],
    ['a quantity as text', () => one('2'), 'items.0.quantity'],
    ['1,000 units of one listing', () => one(1000), 'items.0.quantity'],
    ['an empty cart', () => [], 'items'],
  ])('%s is a 400 at %s', async (_what, items, path) => {
    const before = await written();
    const res = await h.call('POST', `/api/public/${t.slug}/checkout`, { body: { items: items(), buyer: makeBuyer() } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(paths(res.body)).toContain(path);
    expect(await written()).toEqual(before);
  });

  it('lines of one listing are merged before the 999-unit limit: 600 + 600 is refused', async () => {
    const before = await written();
    const res = await h.checkout(t, [...one(600), ...one(600)]);
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['items.1.quantity']);
    expect(await written()).toEqual(before);
  });

  it('… and 400 + 599 of one listing is one line of 999', async () => {
    const res = await h.checkout(t, [...one(400), ...one(599)]);
    expect(res.status).toBe(201);
    const order = await h.get(t.bureau, `/api/orders/${res.body.orderId}`);
    expect(order.lines).toHaveLength(1);
    expect(order.lines[0].quantity).toBe(999);
    await h.press(res.body.checkoutUrl, 'cancel');
  });

  it('21 distinct listings is a 400; 20 is fine', async () => {
    const villageId = await h.village(t);
    const many = [];
    for (let i = 0; i < 21; i++) many.push((await h.listing(t, { villageId, stock: 5, priceFen: 100 })).id);
    const before = await written();
    const res = await h.checkout(
      t,
      many.map((produceId) => ({ produceId, quantity: 1 })),
    );
    expect(res.status).toBe(400);
    expect(paths(res.body)).toEqual(['items']);
    expect(await written()).toEqual(before);
    const twenty = await h.checkout(
      t,
      many.slice(0, 20).map((produceId) => ({ produceId, quantity: 1 })),
    );
    expect(twenty.status).toBe(201);
    expect((await h.get(t.bureau, `/api/orders/${twenty.body.orderId}`)).lines).toHaveLength(20);
  });

  it('an unknown listing is a 404 naming the line', async () => {
    const before = await written();
    const res = await h.checkout(t, [...one(1), ...one(1, 'pro_nope')]);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(paths(res.body)).toEqual(['items.1.produceId']);
    expect(await written()).toEqual(before);
  });

  it.each(['draft', 'delisted'])('a %s listing is a 404', async (status) => {
    const l = await h.listing(t, { status: status === 'draft' ? 'draft' : 'published' });
    if (status === 'delisted') await h.call('PATCH', `/api/produce/${l.id}`, { token: t.bureau, body: { status: 'delisted' } });
    const res = await h.checkout(t, [{ produceId: l.id, quantity: 1 }]);
    expect(res.status).toBe(404);
    expect((await h.get(t.bureau, `/api/produce/${l.id}`)).available).toBe(100);
  });

  it('another tenant’s listing is a 404 in this tenant’s shop', async () => {
    const other = await h.tenant();
    const theirs = await h.listing(other);
    expect((await h.checkout(t, [{ produceId: theirs.id, quantity: 1 }])).status).toBe(404);
    expect((await h.get(other.bureau, `/api/produce/${theirs.id}`)).available).toBe(100);
  });

  it.each([
    ['a phone that is not a mainland mobile', { phone: '12345' }, 'buyer.phone'],
    ['a landline', { phone: '0938-1234567' }, 'buyer.phone'],
    ['no name', { name: '' }, 'buyer.name'],
    ['a malformed email', { email: 'not-an-email' }, 'buyer.email'],
  ])('%s is a 400 at %s', async (_what, buyer, path) => {
    const before = await written();
    const res = await h.checkout(t, one(1), { buyer: makeBuyer(buyer) });
    expect(res.status).toBe(400);
    expect(paths(res.body)).toContain(path);
    expect(await written()).toEqual(before);
  });

  it('more than asked for is a 409 out_of_stock that says what is left', async () => {
    const l = await h.listing(t, { stock: 3, name: '土蜂蜜' });
    const res = await h.checkout(t, [{ produceId: l.id, quantity: 4 }]);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'out_of_stock', details: { produceId: l.id, name: '土蜂蜜', available: 3, requested: 4 } });
    expect((await h.get(t.bureau, `/api/produce/${l.id}`)).available).toBe(3);
  });

  it('an unknown shop is a 404', async () => {
    expect((await h.call('POST', '/api/public/no-such-shop/checkout', { body: { items: one(1), buyer: makeBuyer() } })).status).toBe(404);
  });
});

describe('the buyer’s order page', () => {
  it('shows the order through its token, the contact masked; a forged token is a 404', async () => {
    const res = await h.checkout(t, one(2));
    const url = `/api/public/${t.slug}/orders/${res.body.orderId}`;
    const mine = await h.call('GET', `${url}?token=${res.body.orderToken}`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: res.body.orderId, status: 'pending_payment', totalFen: 9000, buyer: { name: '李**', phone: '139****5678' } });
    expect(mine.body).not.toHaveProperty('buyerOrganizationId');
    expect(JSON.stringify(mine.body)).not.toContain('13912345678');
    const forged = `${res.body.orderToken.slice(0, -2)}xx`;
    expect((await h.call('GET', `${url}?token=${forged}`)).status).toBe(404);
    expect((await h.call('GET', url)).status).toBe(400);
    // the token of one order opens no other
    const other = await h.checkout(t, one(1));
    expect((await h.call('GET', `/api/public/${t.slug}/orders/${other.body.orderId}?token=${res.body.orderToken}`)).status).toBe(404);
    // under another tenant's slug the order does not exist
    const t2 = await h.tenant();
    expect((await h.call('GET', `/api/public/${t2.slug}/orders/${res.body.orderId}?token=${res.body.orderToken}`)).status).toBe(404);
  });

  it('takes the token in the X-Access-Token header, answers no-store either way, and links carry it in the fragment (issue 15, hole 10)', async () => {
    const res = await h.checkout(t, one(1));
    const url = `/api/public/${t.slug}/orders/${res.body.orderId}`;
    const byHeader = await h.call('GET', url, { headers: { 'x-access-token': res.body.orderToken } });
    expect(byHeader.status).toBe(200);
    expect(byHeader.body.id).toBe(res.body.orderId);
    expect(byHeader.headers.get('cache-control')).toBe('no-store');
    // an old link's ?token= still opens it, never cached either
    const byQuery = await h.call('GET', `${url}?token=${res.body.orderToken}`);
    expect(byQuery.status).toBe(200);
    expect(byQuery.headers.get('cache-control')).toBe('no-store');
    expect((await h.call('GET', url, { headers: { 'x-access-token': 'wrong-token' } })).status).toBe(404);
    // the payment page sends the buyer back to an address whose token is in the fragment
    const session = await h.call('GET', `/api/public/checkout/${res.body.checkoutUrl.split('/').at(-1)}`);
    expect(session.body.returnUrl).toMatch(new RegExp(`/shop/${t.slug}/orders/${res.body.orderId}#token=`));
    expect(session.body.returnUrl).not.toContain('?token=');
  });

  it('the bureau sees the buyer’s contact in full', async () => {
    const res = await h.checkout(t, one(1));
    expect((await h.get(t.bureau, `/api/orders/${res.body.orderId}`)).buyer.phone).toBe('13912345678');
  });
});

describe('Idempotency-Key on the public checkout', () => {
  it('the same key and cart from the same client make one order and return the same answer', async () => {
    const before = await written();
    const a = await h.checkout(t, one(3), { key: 'cart-retry-1' });
    const b = await h.checkout(t, one(3), { key: 'cart-retry-1' });
    expect(a.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(await written()).toEqual({ orders: before.orders + 1, available: before.available - 3 });
  });

  it('the same key with another cart is a 409; from another client it is another request', async () => {
    expect((await h.checkout(t, one(1), { key: 'cart-retry-2' })).status).toBe(201);
    expect((await h.checkout(t, one(2), { key: 'cart-retry-2' })).status).toBe(409);
    const elsewhere = await h.call('POST', `/api/public/${t.slug}/checkout`, {
      body: { items: one(1), buyer: makeBuyer() },
      headers: { 'idempotency-key': 'cart-retry-2', 'x-forwarded-for': '198.51.100.23' },
    });
    expect(elsewhere.status).toBe(201);
  });
});
