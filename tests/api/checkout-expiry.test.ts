import { beforeAll, describe, expect, it } from 'vitest';
import { releaseExpiredHolds, releaseExpiredHoldsEverywhereUnscoped } from '../../functions/modules/orders/sweeper.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Holds expire after CHECKOUT_TTL_SECONDS (default 1800). An expired hold counts for nothing even
// before the sweeper removes it (docs/DOMAIN.md "Hold"); the sweeper then gives the stock back, once.

let h: Harness;
let t: TestTenant;
const start = new Date('2026-06-15T04:00:00Z');
const TTL = 1800;

beforeAll(async () => {
  h = await makeHarness({ now: start });
  t = await h.tenant();
});

const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const listing = (id: string) => h.get(t.bureau, `/api/produce/${id}`);
const order = (id: string) => h.get(t.bureau, `/api/orders/${id}`);
const sweep = (now: Date) => releaseExpiredHolds(new TenantStore(h.deps.doc, h.deps.tableName, t.id), now);

async function withClock<T>(now: Date, fn: () => Promise<T>): Promise<T> {
  h.clock.now = now;
  try {
    return await fn();
  } finally {
    h.clock.now = start;
  }
}

describe('an open checkout holds its stock until it expires', () => {
  it('expiresAt is now + CHECKOUT_TTL_SECONDS', async () => {
    const l = await h.listing(t, { stock: 3 });
    const o = (await h.checkout(t, [{ produceId: l.id, quantity: 1 }])).body;
    expect((await order(o.orderId)).expiresAt).toBe(at(TTL).toISOString());
    const short = await makeHarness({ now: start, deps: { checkoutTtlSeconds: 120 } });
    const t2 = await short.tenant();
    const l2 = await short.listing(t2);
    const o2 = (await short.checkout(t2, [{ produceId: l2.id, quantity: 1 }])).body;
    expect((await short.get(t2.bureau, `/api/orders/${o2.orderId}`)).expiresAt).toBe(at(120).toISOString());
  });

  it('one second before expiry the held units are still unavailable', async () => {
    const l = await h.listing(t, { stock: 1 });
    expect((await h.checkout(t, [{ produceId: l.id, quantity: 1 }])).status).toBe(201);
    await withClock(at(TTL - 1), async () => {
      expect((await listing(l.id)).available).toBe(0);
      expect((await h.checkout(t, [{ produceId: l.id, quantity: 1 }])).status).toBe(409);
    });
  });
});

describe('an expired hold never blocks a buyer, even before the sweeper runs', () => {
  it('the units show as available again the moment the hold expires', async () => {
    const l = await h.listing(t, { stock: 2 });
    await h.checkout(t, [{ produceId: l.id, quantity: 2 }]);
    expect((await listing(l.id)).available).toBe(0);
    await withClock(at(TTL), async () => {
      expect((await listing(l.id)).available).toBe(2);
      expect((await h.call('GET', `/api/public/${t.slug}/produce/${l.id}`)).body.available).toBe(2);
    });
  });

  it('a new buyer gets the last unit; the expired checkout is released (expired), once', async () => {
    const l = await h.listing(t, { stock: 1 });
    const first = (await h.checkout(t, [{ produceId: l.id, quantity: 1 }])).body;
    const second = await withClock(at(TTL + 5), () => h.checkout(t, [{ produceId: l.id, quantity: 1 }]));
    expect(second.status).toBe(201);
    expect((await order(first.orderId)).status).toBe('expired');
    await withClock(at(TTL + 10), async () => {
      expect(await listing(l.id)).toMatchObject({ stock: 1, sold: 0, available: 0 });
      expect((await h.checkout(t, [{ produceId: l.id, quantity: 1 }])).status).toBe(409);
    });
    // and the first buyer's late press of Pay finds the session closed
    expect((await withClock(at(TTL + 10), () => h.press(first.checkoutUrl, 'pay'))).status).toBe(409);
  });

  it('a cart whose listings are each blocked by a different expired checkout goes through', async () => {
    const [a, b] = [await h.listing(t, { stock: 1 }), await h.listing(t, { stock: 1 })];
    await h.checkout(t, [{ produceId: a.id, quantity: 1 }]);
    await h.checkout(t, [{ produceId: b.id, quantity: 1 }]);
    const res = await withClock(at(TTL + 1), () =>
      h.checkout(t, [
        { produceId: a.id, quantity: 1 },
        { produceId: b.id, quantity: 1 },
      ]),
    );
    expect(res.status).toBe(201);
  });
});

describe('the sweeper', () => {
  it('does nothing before expiry', async () => {
    const l = await h.listing(t, { stock: 3 });
    const o = (await h.checkout(t, [{ produceId: l.id, quantity: 2 }])).body;
    await sweep(at(TTL - 1));
    expect((await order(o.orderId)).status).toBe('pending_payment');
    expect((await listing(l.id)).available).toBe(1);
  });

  it('gives the stock back once, however often it runs', async () => {
    const l = await h.listing(t, { stock: 3 });
    const o = (await h.checkout(t, [{ produceId: l.id, quantity: 2 }])).body;
    expect(await sweep(at(TTL + 60))).toBeGreaterThanOrEqual(1);
    expect(await sweep(at(TTL + 120))).toBe(0);
    await Promise.all([sweep(at(TTL + 180)), sweep(at(TTL + 180))]);
    expect((await order(o.orderId)).status).toBe('expired');
    expect(await listing(l.id)).toMatchObject({ stock: 3, sold: 0, available: 3 });
    // nothing stays held: the full stock sells
    const all = await withClock(at(TTL + 200), () => h.checkout(t, [{ produceId: l.id, quantity: 3 }]));
    expect(all.status).toBe(201);
  });

  it('racing the webhook’s expiry event for the same checkout, gives the stock back once', async () => {
    const l = await h.listing(t, { stock: 4 });
    const o = (await h.checkout(t, [{ produceId: l.id, quantity: 4 }])).body;
    await withClock(at(TTL + 1), () => Promise.all([sweep(at(TTL + 1)), h.press(o.checkoutUrl, 'cancel'), sweep(at(TTL + 1))]));
    expect(['expired', 'cancelled']).toContain((await order(o.orderId)).status);
    expect(await listing(l.id)).toMatchObject({ stock: 4, sold: 0, available: 4 });
  });

  it('leaves paid and cancelled checkouts alone', async () => {
    const l = await h.listing(t, { stock: 5 });
    const paid = (await h.checkout(t, [{ produceId: l.id, quantity: 2 }])).body;
    const cancelled = (await h.checkout(t, [{ produceId: l.id, quantity: 1 }])).body;
    await h.press(paid.checkoutUrl, 'pay');
    await h.press(cancelled.checkoutUrl, 'cancel');
    await sweep(at(TTL + 60));
    expect((await order(paid.orderId)).status).toBe('paid');
    expect((await order(cancelled.orderId)).status).toBe('cancelled');
    expect(await listing(l.id)).toMatchObject({ stock: 5, sold: 2, available: 3 });
  });

  it('the job sweeps every tenant through the slug index', async () => {
    const t2 = await h.tenant();
    const l = await h.listing(t2, { stock: 2 });
    const o = (await h.checkout(t2, [{ produceId: l.id, quantity: 2 }])).body;
    const result = await releaseExpiredHoldsEverywhereUnscoped(h.deps.doc, h.deps.tableName, at(TTL + 60));
    expect(result.tenants).toBeGreaterThanOrEqual(2);
    expect((await h.get(t2.bureau, `/api/orders/${o.orderId}`)).status).toBe('expired');
    expect((await h.get(t2.bureau, `/api/produce/${l.id}`)).available).toBe(2);
  });
});
