import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalPayments } from '../../functions/adapters/payments/local.js';
import { makeHarness, type Harness } from '../support/harness.js';

// POST /api/webhooks/stripe: the signature is verified by the stripe SDK (300 s tolerance); each
// event id is recorded, so a replay does nothing; every change is conditional on the states it may
// come from, so any number of deliveries in any order end where one delivery in order ends.

let h: Harness;

beforeAll(async () => {
  h = await makeHarness();
});

const payments = () => h.deps.payments as LocalPayments;
const sessionIdOf = (checkoutUrl: string) => checkoutUrl.split('/').at(-1)!;
let eventSeq = 0;

/** A signed Stripe-shaped event about a checkout's local session, as Stripe would send it. */
async function event(checkoutUrl: string, type: 'checkout.session.completed' | 'checkout.session.expired', opts: { timestamp?: number; secret?: string } = {}) {
  const s = (await payments().getSessionUnscoped(sessionIdOf(checkoutUrl)))!;
  const { payload } = payments().signedEvent(s, type, `evt_test_${eventSeq++}`, `pi_test_${eventSeq}`);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? payments().webhookSecret, timestamp: opts.timestamp });
  return { payload, header };
}

const deliver = (e: { payload: string; header: string }) =>
  h.call('POST', '/api/webhooks/stripe', { body: e.payload, headers: { 'stripe-signature': e.header } });

/** A tenant with three listings and four open checkouts, and the events that settle them. */
async function world() {
  const t = await h.tenant();
  const listings = [await h.listing(t, { stock: 10 }), await h.listing(t, { stock: 3 }), await h.listing(t, { stock: 4 })];
  const carts = [
    [
      { produceId: listings[0].id, quantity: 2 },
      { produceId: listings[1].id, quantity: 1 },
    ],
    [{ produceId: listings[1].id, quantity: 2 }],
    [
      { produceId: listings[0].id, quantity: 1 },
      { produceId: listings[2].id, quantity: 4 },
    ],
  ];
  const orders = [];
  for (const items of carts) {
    const r = await h.checkout(t, items);
    expect(r.status).toBe(201);
    orders.push(r.body);
  }
  const unknownType = { payload: '', header: '' };
  const body = JSON.stringify({ id: `evt_test_${eventSeq++}`, object: 'event', type: 'customer.created', data: { object: { id: 'cus_1', metadata: {} } } });
  unknownType.payload = body;
  unknownType.header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: payments().webhookSecret });
  const events = [
    await event(orders[0].checkoutUrl, 'checkout.session.completed'),
    await event(orders[1].checkoutUrl, 'checkout.session.expired'),
    unknownType,
    await event(orders[2].checkoutUrl, 'checkout.session.completed'),
  ];
  return { t, listings, orders, events };
}

/** The world as the bureau sees it, with ids replaced by positions so two worlds compare. */
async function state(w: Awaited<ReturnType<typeof world>>) {
  const listings = await Promise.all(w.listings.map((l) => h.get(w.t.bureau, `/api/produce/${l.id}`)));
  const orders = await Promise.all(w.orders.map((o) => h.get(w.t.bureau, `/api/orders/${o.orderId}`)));
  return {
    listings: listings.map((l) => ({ stock: l.stock, sold: l.sold, available: l.available })),
    orders: orders.map((o) => ({ status: o.status, paid: o.paidAt !== null })),
  };
}

describe('delivery order and repetition do not matter', () => {
  let once: unknown;

  beforeAll(async () => {
    const w = await world();
    for (const e of w.events) expect((await deliver(e)).status).toBe(200);
    once = await state(w);
  });

  it('once, in order: the paid orders sold their units, the expired one gave its units back', () => {
    expect(once).toEqual({
      listings: [
        { stock: 10, sold: 3, available: 7 },
        { stock: 3, sold: 1, available: 2 },
        { stock: 4, sold: 4, available: 0 },
      ],
      orders: [
        { status: 'paid', paid: true },
        { status: 'expired', paid: false },
        { status: 'paid', paid: true },
      ],
    });
  });

  it('every event delivered 5 times (some at the same moment) ends in the same state', async () => {
    const w = await world();
    for (const e of w.events) {
      const answers = await Promise.all([deliver(e), deliver(e), deliver(e)]);
      answers.push(await deliver(e), await deliver(e));
      for (const a of answers) expect(a.status).toBe(200);
    }
    expect(await state(w)).toEqual(once);
  });

  it('every event in reverse order, twice over, ends in the same state', async () => {
    const w = await world();
    for (const e of [...w.events].reverse()) expect((await deliver(e)).status).toBe(200);
    for (const e of [...w.events].reverse()) expect((await deliver(e)).status).toBe(200);
    expect(await state(w)).toEqual(once);
  });

  it('a replay is acknowledged and recorded as one', async () => {
    const w = await world();
    const first = await deliver(w.events[0]);
    const again = await deliver(w.events[0]);
    expect(first.body).toEqual({ received: true, outcome: 'paid' });
    expect(again.body).toEqual({ received: true, outcome: 'replay' });
  });
});

describe('a signature that does not verify changes nothing', () => {
  it.each([
    ['signed with another secret', { secret: 'whsec_somebody_else_entirely' }],
    ['older than 300 s', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
  ])('an event %s is a 400; the same event signed properly then still works', async (_what, opts) => {
    const w = await world();
    const before = await state(w);
    const bad = await event(w.orders[0].checkoutUrl, 'checkout.session.completed', opts);
    const res = await deliver(bad);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(await state(w)).toEqual(before);
    const good = { payload: bad.payload, header: Stripe.webhooks.generateTestHeaderString({ payload: bad.payload, secret: payments().webhookSecret }) };
    expect((await deliver(good)).body.outcome).toBe('paid');
  });

  it('a missing signature, or a body altered after signing, is a 400', async () => {
    const w = await world();
    const before = await state(w);
    const e = await event(w.orders[0].checkoutUrl, 'checkout.session.completed');
    expect((await h.call('POST', '/api/webhooks/stripe', { body: e.payload })).status).toBe(400);
    const altered = { payload: e.payload.replace('"amount_total":', '"amount_total":1,"x":'), header: e.header };
    expect((await deliver(altered)).status).toBe(400);
    expect(await state(w)).toEqual(before);
  });

  it('an event type nobody handles is acknowledged and ignored', async () => {
    const w = await world();
    const before = await state(w);
    const res = await deliver(w.events[2]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: true, outcome: 'ignored_type' });
    expect(await state(w)).toEqual(before);
  });

  it('an event for a payment whose amount differs from the order does not pay it', async () => {
    const w = await world();
    const s = (await payments().getSessionUnscoped(sessionIdOf(w.orders[0].checkoutUrl)))!;
    const { payload } = payments().signedEvent({ ...s, amountFen: s.amountFen - 1 }, 'checkout.session.completed', `evt_test_${eventSeq++}`, 'pi_x');
    const res = await deliver({ payload, header: Stripe.webhooks.generateTestHeaderString({ payload, secret: payments().webhookSecret }) });
    expect(res.body.outcome).toBe('amount_mismatch');
    expect((await h.get(w.t.bureau, `/api/orders/${w.orders[0].orderId}`)).status).toBe('pending_payment');
  });
});

describe('a payment that arrives after its checkout expired', () => {
  it('is taken (paid, stock sold) when the units are still there', async () => {
    const t = await h.tenant();
    const l = await h.listing(t, { stock: 2 });
    const o = (await h.checkout(t, [{ produceId: l.id, quantity: 2 }])).body;
    const paid = await event(o.checkoutUrl, 'checkout.session.completed');
    await deliver(await event(o.checkoutUrl, 'checkout.session.expired'));
    expect((await h.get(t.bureau, `/api/produce/${l.id}`)).available).toBe(2);
    expect((await deliver(paid)).body.outcome).toBe('late_payment_sold');
    expect(await h.get(t.bureau, `/api/orders/${o.orderId}`)).toMatchObject({ status: 'paid', latePayment: { outcome: 'sold', amountFen: 9000 } });
    expect(await h.get(t.bureau, `/api/produce/${l.id}`)).toMatchObject({ sold: 2, available: 0 });
  });

  it('never oversells: with the units sold to someone else meanwhile, it is refunded and the order stays expired', async () => {
    const t = await h.tenant();
    const l = await h.listing(t, { stock: 2 });
    const o = (await h.checkout(t, [{ produceId: l.id, quantity: 2 }])).body;
    const paid = await event(o.checkoutUrl, 'checkout.session.completed');
    await deliver(await event(o.checkoutUrl, 'checkout.session.expired'));
    const other = (await h.checkout(t, [{ produceId: l.id, quantity: 1 }])).body;
    expect((await h.press(other.checkoutUrl, 'pay')).status).toBe(200);
    expect((await deliver(paid)).body.outcome).toBe('late_payment_refunded');
    expect(await h.get(t.bureau, `/api/orders/${o.orderId}`)).toMatchObject({ status: 'expired', paidAt: null, latePayment: { outcome: 'refunded' } });
    expect(await h.get(t.bureau, `/api/produce/${l.id}`)).toMatchObject({ stock: 2, sold: 1, available: 1 });
  });
});
