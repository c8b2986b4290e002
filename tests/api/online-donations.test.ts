import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalPayments } from '../../functions/adapters/payments/local.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Online donations: a pending donation and a checkout session (the local checkout page here);
// confirmed ONLY by the signed webhook (metadata.kind 'donation'), once per event id; the receipt
// opens with its token (a wrong one is a 404) or for the bureau.

let h: Harness;
let t: TestTenant;
let villageId: string;

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  villageId = await h.village(t, { name: '清水村' });
});

const payments = () => h.deps.payments as LocalPayments;
const sessionIdOf = (url: string) => url.split('/').at(-1)!;
const funds = () => h.get(t.bureau, `/api/villages/${villageId}/funds`);
const donate = (body: Record<string, unknown>, headers: Record<string, string> = {}) => h.call('POST', `/api/public/${t.slug}/donate`, { body, headers });
let evt = 0;

async function signed(checkoutUrl: string, type: 'checkout.session.completed' | 'checkout.session.expired') {
  const s = (await payments().getSessionUnscoped(sessionIdOf(checkoutUrl)))!;
  const { payload } = payments().signedEvent(s, type, `evt_don_${evt++}`, `pi_don_${evt}`);
  return { payload, header: Stripe.webhooks.generateTestHeaderString({ payload, secret: payments().webhookSecret }) };
}
const deliver = (e: { payload: string; header: string }) =>
  h.call('POST', '/api/webhooks/stripe', { body: e.payload, headers: { 'stripe-signature': e.header } });

describe('online donations', () => {
  it('is pending until the signed webhook, then counted once (replays do nothing)', async () => {
    const before = await funds();
    const d = await donate({ villageId, amountFen: 10_000, donorName: '王五' });
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ donationId: expect.any(String), checkoutUrl: expect.stringContaining('/checkout/'), receiptToken: expect.any(String) });
    const session = await h.call('GET', `/api/public/checkout/${sessionIdOf(d.body.checkoutUrl)}`);
    expect(session.body).toMatchObject({ kind: 'donation', donationId: d.body.donationId, totalFen: 10_000, villageName: '清水村', status: 'open' });
    expect(await funds()).toEqual(before);
    const status = await h.call('GET', `/api/public/${t.slug}/donations/${d.body.donationId}?token=${d.body.receiptToken}`);
    expect(status.body.status).toBe('pending_payment');

    const e = await signed(d.body.checkoutUrl, 'checkout.session.completed');
    expect((await deliver(e)).body.outcome).toBe('confirmed');
    expect((await deliver(e)).body.outcome).toBe('replay');
    const after = await funds();
    expect(after.cashReceivedFen - before.cashReceivedFen).toBe(10_000);
    expect(after.balanceFen - before.balanceFen).toBe(10_000);
    const confirmed = await h.get(t.bureau, `/api/donations/${d.body.donationId}`);
    expect(confirmed).toMatchObject({ status: 'confirmed', channel: 'online', serialNo: expect.stringMatching(/^JZ-2026-/) });
    // a second, different event for the same session changes nothing more
    expect((await deliver(await signed(d.body.checkoutUrl, 'checkout.session.completed'))).body.outcome).toBe('already_confirmed');
    expect(await funds()).toEqual(after);
  });

  it('an unsigned or wrongly signed event confirms nothing', async () => {
    const d = (await donate({ villageId, amountFen: 5_000 })).body;
    const e = await signed(d.checkoutUrl, 'checkout.session.completed');
    const before = await funds();
    expect((await h.call('POST', '/api/webhooks/stripe', { body: e.payload, headers: { 'stripe-signature': 't=1,v1=bad' } })).status).toBe(400);
    expect((await h.call('POST', '/api/webhooks/stripe', { body: e.payload })).status).toBe(400);
    expect(await funds()).toEqual(before);
    expect((await h.get(t.bureau, `/api/donations/${d.donationId}`)).status).toBe('pending_payment');
  });

  it('an expired checkout leaves the donation expired and uncounted', async () => {
    const d = (await donate({ villageId, amountFen: 7_700, anonymous: true })).body;
    const before = await funds();
    expect((await deliver(await signed(d.checkoutUrl, 'checkout.session.expired'))).body.outcome).toBe('expired');
    expect((await h.get(t.bureau, `/api/donations/${d.donationId}`)).status).toBe('expired');
    expect(await funds()).toEqual(before);
  });

  it('the local page’s Pay button confirms through the same webhook; Idempotency-Key gives one donation', async () => {
    const key = `don-${Date.now()}`;
    const first = await donate({ villageId, amountFen: 12_345 }, { 'idempotency-key': key });
    const again = await donate({ villageId, amountFen: 12_345 }, { 'idempotency-key': key });
    expect(again.body.donationId).toBe(first.body.donationId);
    const before = await funds();
    expect((await h.press(first.body.checkoutUrl, 'pay')).body.status).toBe('complete');
    expect((await funds()).cashReceivedFen - before.cashReceivedFen).toBe(12_345);
  });

  it('Cancel on the local page expires it; a lapsed checkout reads expired to the donor', async () => {
    const d = (await donate({ villageId, amountFen: 2_000 })).body;
    expect((await h.press(d.checkoutUrl, 'cancel')).status).toBe(200);
    expect((await h.get(t.bureau, `/api/donations/${d.donationId}`)).status).toBe('expired');
    const lapsing = (await donate({ villageId, amountFen: 2_000 })).body;
    h.clock.now = new Date(h.clock.now.getTime() + 2 * 3600_000);
    try {
      expect((await h.call('GET', `/api/public/${t.slug}/donations/${lapsing.donationId}?token=${lapsing.receiptToken}`)).body.status).toBe('expired');
    } finally {
      h.clock.now = new Date('2026-06-15T04:00:00Z');
    }
  });

  it.each([
    ['zero', { amountFen: 0 }],
    ['negative', { amountFen: -5 }],
    ['fractional', { amountFen: 100.5 }],
    ['missing village', { villageId: undefined }],
  ])('%s is a 400', async (_w, patch) => {
    expect((await donate({ villageId, amountFen: 100, ...patch })).status).toBe(400);
  });

  it('another tenant’s village, or an unknown slug, is a 404', async () => {
    const other = await h.tenant();
    const theirs = await h.village(other);
    expect((await donate({ villageId: theirs, amountFen: 100 })).status).toBe(404);
    expect((await h.call('POST', '/api/public/no-such-tenant/donate', { body: { villageId, amountFen: 100 } })).status).toBe(404);
  });
});

describe('receipts', () => {
  it('prints serial, tenant, village, ¥ and capital numerals; a wrong token is a 404; the bureau opens any', async () => {
    const d = (await donate({ villageId, amountFen: 1_200_000, donorName: '隐名者', anonymous: true })).body;
    await h.press(d.checkoutUrl, 'pay');
    const res = await h.app.request(`/api/public/${t.slug}/donations/${d.donationId}/receipt?token=${d.receiptToken}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    const serial = (await h.get(t.bureau, `/api/donations/${d.donationId}`)).serialNo;
    for (const s of [serial, t.tenant.name, '清水村', '¥12,000.00', '人民币壹万贰仟元整', '2026年06月15日', '@media print']) expect(html).toContain(s);
    expect(html).not.toContain('隐名者');
    expect((await h.call('GET', `/api/public/${t.slug}/donations/${d.donationId}/receipt?token=wrong`)).status).toBe(404);
    expect((await h.call('GET', `/api/public/${t.slug}/donations/${d.donationId}/receipt`)).status).toBe(400);
    // issue 15, hole 10: the token in a header, the answer never cached; the links carry it in the fragment
    const byHeader = await h.app.request(`/api/public/${t.slug}/donations/${d.donationId}/receipt`, { headers: { 'x-access-token': d.receiptToken } });
    expect(byHeader.status).toBe(200);
    expect(byHeader.headers.get('cache-control')).toContain('no-store');
    const status = await h.call('GET', `/api/public/${t.slug}/donations/${d.donationId}`, { headers: { 'x-access-token': d.receiptToken } });
    expect(status.status).toBe(200);
    expect(status.headers.get('cache-control')).toBe('no-store');
    for (const link of [d.receiptUrl, status.body.receiptUrl]) {
      expect(link).toMatch(new RegExp(`/give/${t.slug}/donations/${d.donationId}#token=`));
      expect(link).not.toContain('?token=');
    }
    const bureau = await h.app.request(`/api/donations/${d.donationId}/receipt`, { headers: { authorization: `Bearer ${t.bureau}` } });
    expect(bureau.status).toBe(200);
    expect(await bureau.text()).toContain('壹万贰仟元整');
  });

  it('the date is the tenant’s local date', async () => {
    h.clock.now = new Date('2026-06-30T17:30:00Z'); // 01:30 on 1 July in Asia/Shanghai
    try {
      const d = (await donate({ villageId, amountFen: 100 })).body;
      await h.press(d.checkoutUrl, 'pay');
      const html = await (await h.app.request(`/api/public/${t.slug}/donations/${d.donationId}/receipt?token=${d.receiptToken}`)).text();
      expect(html).toContain('2026年07月01日');
      expect(html).toContain('壹元整');
    } finally {
      h.clock.now = new Date('2026-06-15T04:00:00Z');
    }
  });
});
