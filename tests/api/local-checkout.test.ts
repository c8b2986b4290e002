import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocalWebhookSecret } from '../../functions/adapters/payments/local.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Without STRIPE_SECRET_KEY the checkout page is local: GET its session, then POST <checkoutUrl>/pay
// or /cancel, and the server delivers the signed Stripe-shaped event to its own webhook route.

let h: Harness;
let t: TestTenant;
const start = new Date('2026-06-15T04:00:00Z');

beforeAll(async () => {
  h = await makeHarness({ now: start });
  t = await h.tenant();
});

async function open(quantity = 1) {
  const l = await h.listing(t, { stock: 10 });
  const res = await h.checkout(t, [{ produceId: l.id, quantity }]);
  expect(res.status).toBe(201);
  return { l, ...res.body, sessionId: res.body.checkoutUrl.split('/').at(-1) as string };
}

describe('the local checkout page', () => {
  it('lives at <origin>/checkout/<sessionId> and its session says what is being paid', async () => {
    const o = await open(2);
    expect(o.checkoutUrl).toMatch(/^http:\/\/localhost\/checkout\/cs_local_[0-9a-f]+$/);
    const s = await h.call('GET', `/api/public/checkout/${o.sessionId}`);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({
      sessionId: o.sessionId,
      kind: 'order',
      tenantSlug: t.slug,
      orderId: o.orderId,
      orderToken: o.orderToken,
      totalFen: 9000,
      status: 'open',
      returnUrl: `http://localhost/shop/${t.slug}/orders/${o.orderId}#token=${o.orderToken}`,
    });
    expect(s.body.lines).toEqual([expect.objectContaining({ produceId: o.l.id, quantity: 2, priceFen: 4500 })]);
    expect((await h.call('GET', '/api/public/checkout/cs_local_nope')).status).toBe(404);
  });

  it('Pay pressed twice pays once', async () => {
    const o = await open(2);
    expect((await h.press(o.checkoutUrl, 'pay')).body.status).toBe('complete');
    expect((await h.press(o.checkoutUrl, 'pay')).status).toBe(200);
    expect(await h.get(t.bureau, `/api/produce/${o.l.id}`)).toMatchObject({ sold: 2, available: 8 });
    expect((await h.call('GET', `/api/public/checkout/${o.sessionId}`)).body.status).toBe('complete');
  });

  it('Cancel after Pay is refused (409), Pay after Cancel too', async () => {
    const paid = await open();
    await h.press(paid.checkoutUrl, 'pay');
    expect((await h.press(paid.checkoutUrl, 'cancel')).status).toBe(409);
    const cancelled = await open();
    await h.press(cancelled.checkoutUrl, 'cancel');
    expect((await h.press(cancelled.checkoutUrl, 'pay')).status).toBe(409);
    expect((await h.get(t.bureau, `/api/orders/${cancelled.orderId}`)).status).toBe('cancelled');
    expect((await h.get(t.bureau, `/api/produce/${cancelled.l.id}`)).available).toBe(10);
  });

  it('a session past its expiry shows expired and cannot be paid', async () => {
    const o = await open();
    h.clock.now = new Date(start.getTime() + 1801 * 1000);
    try {
      expect((await h.call('GET', `/api/public/checkout/${o.sessionId}`)).body.status).toBe('expired');
      expect((await h.press(o.checkoutUrl, 'pay')).status).toBe(409);
    } finally {
      h.clock.now = start;
    }
  });

  it('a browser’s plain form post is sent on to the order page', async () => {
    const o = await open();
    const res = await h.app.request(`${o.checkoutUrl}/pay`, { method: 'POST', headers: { accept: 'text/html' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`http://localhost/shop/${t.slug}/orders/${o.orderId}#token=${o.orderToken}`);
  });

  it('an unknown session is a 404', async () => {
    expect((await h.press('http://localhost/checkout/cs_local_0000', 'pay')).status).toBe(404);
  });
});

describe('the local webhook secret', () => {
  it('is generated once into DATA_DIR and read back the same', async () => {
    const file = path.join(h.dataDir, 'payments', 'webhook-secret');
    expect(existsSync(file)).toBe(true);
    const secret = readFileSync(file, 'utf8');
    expect(secret).toMatch(/^whsec_local_[0-9a-f]{48}$/);
    expect(await loadLocalWebhookSecret(h.dataDir)).toBe(secret);
  });
});
