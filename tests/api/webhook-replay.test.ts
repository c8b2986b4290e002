import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalPayments } from '../../functions/adapters/payments/local.js';
import { makeHarness, type Harness } from '../support/harness.js';

// Issue 8, Webhooks: every event of an order's and a donation's life (paid, expired, and a second
// event id for the same payment, as Stripe may send), each delivered 5 times, shuffled, some at the
// same moment, ends in exactly the state one in-order delivery reaches: the same order and donation
// statuses, stock sold once, village funds and the dashboard's counters moved once.
// A signature older than Stripe's 300 s tolerance is refused (400) and changes nothing.

let h: Harness;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
});

const payments = () => h.deps.payments as LocalPayments;
const sessionIdOf = (url: string) => url.split('/').at(-1)!;
let seq = 0;
type Signed = { payload: string; header: string };

async function event(checkoutUrl: string, type: 'checkout.session.completed' | 'checkout.session.expired', opts: { timestamp?: number } = {}): Promise<Signed> {
  const s = (await payments().getSessionUnscoped(sessionIdOf(checkoutUrl)))!;
  const { payload } = payments().signedEvent(s, type, `evt_replay_${seq++}`, `pi_replay_${sessionIdOf(checkoutUrl)}`);
  return { payload, header: Stripe.webhooks.generateTestHeaderString({ payload, secret: payments().webhookSecret, timestamp: opts.timestamp }) };
}

const deliver = (e: Signed) => h.call('POST', '/api/webhooks/stripe', { body: e.payload, headers: { 'stripe-signature': e.header } });

/** A tenant with a village, two listings, three checkouts and three donations, and the events that settle them. */
async function world() {
  const t = await h.tenant();
  const villageId = await h.village(t);
  const listings = [await h.listing(t, { villageId, stock: 10, priceFen: 500 }), await h.listing(t, { villageId, stock: 4, priceFen: 800 })];
  const orders = [];
  for (const items of [
    [
      { produceId: listings[0]!.id, quantity: 2 },
      { produceId: listings[1]!.id, quantity: 1 },
    ],
    [{ produceId: listings[1]!.id, quantity: 3 }],
    [{ produceId: listings[0]!.id, quantity: 5 }],
  ]) {
    const r = await h.checkout(t, items);
    expect(r.status).toBe(201);
    orders.push(r.body as { orderId: string; checkoutUrl: string });
  }
  const donations = [];
  for (const amountFen of [10_000, 25_000, 7_700]) {
    const r = await h.call('POST', `/api/public/${t.slug}/donate`, { body: { villageId, amountFen } });
    expect(r.status).toBe(201);
    donations.push(r.body as { donationId: string; checkoutUrl: string });
  }
  const events: Signed[] = [
    await event(orders[0]!.checkoutUrl, 'checkout.session.completed'),
    await event(orders[0]!.checkoutUrl, 'checkout.session.completed'), // a second event id for the same payment
    await event(orders[1]!.checkoutUrl, 'checkout.session.expired'),
    await event(orders[2]!.checkoutUrl, 'checkout.session.completed'),
    await event(donations[0]!.checkoutUrl, 'checkout.session.completed'),
    await event(donations[0]!.checkoutUrl, 'checkout.session.completed'),
    await event(donations[1]!.checkoutUrl, 'checkout.session.expired'),
    await event(donations[2]!.checkoutUrl, 'checkout.session.completed'),
  ];
  return { t, villageId, listings, orders, donations, events };
}

type World = Awaited<ReturnType<typeof world>>;

/** Numbers only, ids and times dropped, so two tenants' worlds compare. */
function numbersOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(numbersOf);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k, x]) => typeof x !== 'string' && !/At$|Id$|^id$/.test(k))
        .map(([k, x]) => [k, numbersOf(x)]),
    );
  }
  return v;
}

async function state(w: World) {
  const get = (url: string) => h.get(w.t.bureau, url);
  const listings = await Promise.all(w.listings.map((l) => get(`/api/produce/${l.id}`)));
  const orders = await Promise.all(w.orders.map((o) => get(`/api/orders/${o.orderId}`)));
  const donations = await Promise.all(w.donations.map((d) => get(`/api/donations/${d.donationId}`)));
  return {
    listings: listings.map((l) => ({ stock: l.stock, sold: l.sold, available: l.available })),
    orders: orders.map((o) => ({ status: o.status, paid: o.paidAt != null })),
    donations: donations.map((d) => ({ status: d.status, serial: typeof d.serialNo === 'string' })),
    funds: numbersOf(await get(`/api/villages/${w.villageId}/funds`)),
    dashboard: numbersOf(await get('/api/dashboard')),
  };
}

/** A seeded shuffle (mulberry32), so a failure reproduces. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('an order’s and a donation’s events, each 5 times, out of order', () => {
  let once: Awaited<ReturnType<typeof state>>;
  let before: Awaited<ReturnType<typeof state>>;

  beforeAll(async () => {
    const w = await world();
    before = await state(w);
    for (const e of w.events) expect((await deliver(e)).status).toBe(200);
    once = await state(w);
  });

  it('once, in order: paid orders sold their units once, the expired gave them back; paid donations counted once', () => {
    expect(once.listings).toEqual([
      { stock: 10, sold: 7, available: 3 },
      { stock: 4, sold: 1, available: 3 },
    ]);
    expect(once.orders.map((o) => o.status)).toEqual(['paid', 'expired', 'paid']);
    expect(once.donations.map((d) => d.status)).toEqual(['confirmed', 'expired', 'confirmed']);
    expect(once.funds).not.toEqual(before.funds); // the paid donations moved the village's counters
    expect(JSON.stringify(once.funds)).toContain(String(10_000 + 7_700));
    expect(once.dashboard).not.toEqual(before.dashboard); // and the dashboard's counters
  });

  it.each([1, 2, 3])('shuffled deck of 5 copies of every event (seed %i), in bursts of 4 at once: the same final state', async (seed) => {
    const w = await world();
    const deck = shuffled(
      w.events.flatMap((e) => [e, e, e, e, e]),
      seed,
    );
    for (let i = 0; i < deck.length; i += 4) {
      const answers = await Promise.all(deck.slice(i, i + 4).map(deliver));
      for (const a of answers) expect(a.status).toBe(200);
    }
    expect(await state(w)).toEqual(once);
  });

  it('every event in reverse order, 5 times over: the same final state', async () => {
    const w = await world();
    for (let round = 0; round < 5; round++) for (const e of [...w.events].reverse()) expect((await deliver(e)).status).toBe(200);
    expect(await state(w)).toEqual(once);
  });
});

describe('stale signatures', () => {
  it('an order’s and a donation’s completion signed more than 300 s ago are refused and change nothing; 290 s is accepted', async () => {
    const w = await world();
    const start = await state(w);
    const realNow = Math.floor(Date.now() / 1000);
    for (const url of [w.orders[0]!.checkoutUrl, w.donations[0]!.checkoutUrl]) {
      for (const age of [301, 3600, 86_400]) {
        const res = await deliver(await event(url, 'checkout.session.completed', { timestamp: realNow - age }));
        expect({ age, status: res.status }).toEqual({ age, status: 400 });
        expect(res.body.error.code).toBe('validation_failed');
      }
    }
    expect(await state(w)).toEqual(start);
    for (const url of [w.orders[0]!.checkoutUrl, w.donations[0]!.checkoutUrl]) {
      const res = await deliver(await event(url, 'checkout.session.completed', { timestamp: Math.floor(Date.now() / 1000) - 290 }));
      expect(res.status).toBe(200);
    }
    const after = await state(w);
    expect(after.orders[0]!.status).toBe('paid');
    expect(after.donations[0]!.status).toBe('confirmed');
  });
});
