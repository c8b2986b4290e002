import { beforeAll, describe, expect, it } from 'vitest';
import { makeBuyer, makeHarness, type Harness, type Res, type TestTenant } from '../support/harness.js';

// Two buyers can never both get the last unit (docs/API.md, checkout rules): many concurrent checkouts
// race for a few units; exactly as many orders as units are made, the rest are 409 out_of_stock,
// nothing is a 5xx and available never goes below zero. Paying them sells the stock; cancelling
// them gives it back.

let h: Harness;
let t: TestTenant;

beforeAll(async () => {
  h = await makeHarness();
  t = await h.tenant();
});

const listingOf = (id: string) => h.get(t.bureau, `/api/produce/${id}`);

/** Every request at once; meanwhile `available` is sampled and must never be negative. */
async function race(carts: { produceId: string; quantity: number }[][]) {
  const seen: number[] = [];
  let done = false;
  const ids = [...new Set(carts.flat().map((l) => l.produceId))];
  const sampler = (async () => {
    while (!done) {
      for (const id of ids) seen.push((await listingOf(id)).available);
    }
  })();
  const results = await Promise.all(carts.map((items, i) => h.checkout(t, items, { buyer: makeBuyer({ name: `买家${i}` }) })));
  done = true;
  await sampler;
  return { results, seen };
}

const created = (rs: Res[]) => rs.filter((r) => r.status === 201);

describe('50 buyers, one unit each, 5 in stock', () => {
  it('exactly 5 orders, 45 × 409 out_of_stock naming the listing, no 5xx; paying all 5 sells out', async () => {
    const l = await h.listing(t, { stock: 5, name: '最后五箱土豆' });
    const { results, seen } = await race(Array.from({ length: 50 }, () => [{ produceId: l.id, quantity: 1 }]));
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    expect(created(results)).toHaveLength(5);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(45);
    for (const r of refused) {
      expect(r.body.error.code).toBe('out_of_stock');
      expect(r.body.error.details).toMatchObject({ produceId: l.id, name: '最后五箱土豆', available: 0, requested: 1 });
    }
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
    expect(await listingOf(l.id)).toMatchObject({ stock: 5, sold: 0, available: 0 });

    for (const r of created(results)) expect((await h.press(r.body.checkoutUrl, 'pay')).status).toBe(200);
    expect(await listingOf(l.id)).toMatchObject({ stock: 5, sold: 5, available: 0 });
    const paid = (await h.get(t.bureau, `/api/orders?produceId=${l.id}&status=paid&limit=100`)).items;
    expect(paid).toHaveLength(5);
  });

  it('when all 5 are cancelled instead, the 5 units are for sale again (once)', async () => {
    const l = await h.listing(t, { stock: 5 });
    const { results } = await race(Array.from({ length: 50 }, () => [{ produceId: l.id, quantity: 1 }]));
    expect(created(results)).toHaveLength(5);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    for (const r of created(results)) {
      expect((await h.press(r.body.checkoutUrl, 'cancel')).status).toBe(200);
      expect((await h.press(r.body.checkoutUrl, 'cancel')).status).toBe(200); // pressed twice: given back once
    }
    expect(await listingOf(l.id)).toMatchObject({ stock: 5, sold: 0, available: 5 });
    const cancelled = (await h.get(t.bureau, `/api/orders?produceId=${l.id}&status=cancelled&limit=100`)).items;
    expect(cancelled).toHaveLength(5);
  });
});

describe('carts that share listings', () => {
  it('A+B against B+C: B’s 5 units go to exactly 5 carts, whichever their other listing', async () => {
    const [a, b, c] = [await h.listing(t, { stock: 50 }), await h.listing(t, { stock: 5 }), await h.listing(t, { stock: 50 })];
    const carts = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? [
            { produceId: a.id, quantity: 1 },
            { produceId: b.id, quantity: 1 },
          ]
        : [
            { produceId: b.id, quantity: 1 },
            { produceId: c.id, quantity: 1 },
          ],
    );
    const { results, seen } = await race(carts);
    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const won = created(results);
    expect(won).toHaveLength(5);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.details.produceId).toBe(b.id);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
    const [la, lb, lc] = [await listingOf(a.id), await listingOf(b.id), await listingOf(c.id)];
    expect(lb.available).toBe(0);
    // a refused cart held nothing: A and C lost exactly what the winning carts took
    expect(50 - la.available + (50 - lc.available)).toBe(5);

    for (const r of won) expect((await h.press(r.body.checkoutUrl, 'pay')).status).toBe(200);
    expect((await listingOf(b.id)).sold).toBe(5);
    expect((await listingOf(a.id)).sold + (await listingOf(c.id)).sold).toBe(5);
  });

  it('the same with every cart cancelled: all three listings are whole again', async () => {
    const [a, b, c] = [await h.listing(t, { stock: 50 }), await h.listing(t, { stock: 5 }), await h.listing(t, { stock: 50 })];
    const carts = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? [
            { produceId: a.id, quantity: 2 },
            { produceId: b.id, quantity: 1 },
          ]
        : [
            { produceId: b.id, quantity: 1 },
            { produceId: c.id, quantity: 3 },
          ],
    );
    const { results } = await race(carts);
    expect(created(results)).toHaveLength(5);
    for (const r of created(results)) expect((await h.press(r.body.checkoutUrl, 'cancel')).status).toBe(200);
    for (const l of [a, b, c]) expect((await listingOf(l.id)).available).toBe(l.id === b.id ? 5 : 50);
  });
});
