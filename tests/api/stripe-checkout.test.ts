import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StripePayments } from '../../functions/adapters/payments/stripe.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// With STRIPE_SECRET_KEY: the real stripe SDK makes the Checkout Session and the refund. Only
// Stripe's servers are stood in for, by a small local HTTP server that records what the SDK sent
// and answers as Stripe would; the webhook is signed and verified by the SDK as in production.

type Call = { method: string; path: string; params: URLSearchParams; idempotencyKey?: string };
const calls: Call[] = [];
let failNext = false;
/** runs inside the stand-in while it handles the next refund, before it answers */
let beforeRefund: (() => Promise<unknown>) | null = null;
/** the next refund is answered charge_already_refunded (Stripe forgot the idempotency key) */
let alreadyRefunded = false;
let earlierRefundAmount = 0;
/** the stand-in's balance transaction fee, in its currency's minor unit */
let feeAmount = 0;
let feeCurrency = 'cny';
let refuseTransfer = false;
let server: Server;
let h: Harness;
let t: TestTenant;
const start = new Date('2026-06-15T04:00:00Z');
const WEBHOOK_SECRET = 'whsec_test_standin_0123456789';

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const params = new URLSearchParams(await body(req));
    calls.push({ method: req.method!, path: req.url!, params, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
    res.setHeader('content-type', 'application/json');
    if (failNext) {
      failNext = false;
      res.statusCode = 500;
      return res.end(JSON.stringify({ error: { type: 'api_error', message: 'stand-in outage' } }));
    }
    if (req.url === '/v1/checkout/sessions') {
      const id = `cs_test_${calls.length}`;
      return res.end(JSON.stringify({ id, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/${id}`, metadata: {} }));
    }
    if (req.method === 'POST' && req.url === '/v1/refunds' && beforeRefund) {
      const run = beforeRefund;
      beforeRefund = null;
      await run();
    }
    if (req.method === 'POST' && req.url === '/v1/refunds' && alreadyRefunded) {
      alreadyRefunded = false;
      res.statusCode = 400;
      return res.end(
        JSON.stringify({ error: { type: 'invalid_request_error', code: 'charge_already_refunded', message: 'Charge has already been refunded.' } }),
      );
    }
    if (req.method === 'GET' && req.url?.startsWith('/v1/refunds?')) {
      return res.end(
        JSON.stringify({
          object: 'list',
          has_more: false,
          url: '/v1/refunds',
          data: [{ id: 're_test_earlier', object: 'refund', status: 'succeeded', amount: Number(earlierRefundAmount) }],
        }),
      );
    }
    if (req.url === '/v1/refunds') return res.end(JSON.stringify({ id: `re_test_${calls.length}`, object: 'refund', status: 'succeeded' }));
    // a payment's fee: its charge's balance transaction (issue 13 settlement)
    if (req.method === 'GET' && req.url?.startsWith('/v1/payment_intents/pi_fee_')) {
      const id = req.url.split('?')[0].split('/').at(-1)!;
      const bt = { id: `txn_${id}`, object: 'balance_transaction', currency: feeCurrency, fee: feeAmount, exchange_rate: feeCurrency === 'cny' ? null : 0.14 };
      return res.end(JSON.stringify({ id, object: 'payment_intent', latest_charge: { id: `ch_${id}`, object: 'charge', balance_transaction: bt } }));
    }
    if (req.method === 'POST' && req.url === '/v1/transfers') {
      if (refuseTransfer) {
        refuseTransfer = false;
        res.statusCode = 400;
        return res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Insufficient funds in Stripe account.' } }));
      }
      return res.end(JSON.stringify({ id: `tr_test_${calls.length}`, object: 'transfer', amount: Number(params.get('amount')) }));
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'no such route' } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const client = new Stripe('sk_test_standin', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
  h = await makeHarness({ now: start, deps: { payments: new StripePayments({ secretKey: 'sk_test_standin', webhookSecret: WEBHOOK_SECRET, client }) } });
  t = await h.tenant();
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const lastCall = (path: string) => [...calls].reverse().find((c) => c.path === path)!;

function signed(event: Record<string, unknown>) {
  const payload = JSON.stringify(event);
  return { body: payload, headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) } };
}

describe('Stripe Checkout with a secret key', () => {
  it('opens a session in CNY for card, Alipay and WeChat Pay, with the order’s lines, expiring with the hold', async () => {
    const l = await h.listing(t, { stock: 5, priceFen: 1250, name: '核桃' });
    const res = await h.checkout(t, [{ produceId: l.id, quantity: 2 }]);
    expect(res.status).toBe(201);
    const p = lastCall('/v1/checkout/sessions').params;
    const order = await h.get(t.bureau, `/api/orders/${res.body.orderId}`);
    expect(res.body.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_\d+$/);
    expect(Object.fromEntries(p)).toMatchObject({
      mode: 'payment',
      currency: 'cny',
      'allowed_payment_method_types[0]': 'card',
      'allowed_payment_method_types[1]': 'alipay',
      'allowed_payment_method_types[2]': 'wechat_pay',
      'payment_method_options[wechat_pay][client]': 'web',
      'line_items[0][quantity]': '2',
      'line_items[0][price_data][currency]': 'cny',
      'line_items[0][price_data][unit_amount]': '1250',
      'line_items[0][price_data][product_data][name]': '核桃（测试村）',
      'metadata[tenantId]': t.id,
      'metadata[orderId]': res.body.orderId,
      'metadata[kind]': 'order',
      success_url: `http://localhost/shop/${t.slug}/orders/${res.body.orderId}#token=${res.body.orderToken}`,
    });
    // Stripe's floor is 30 minutes after it receives the request: the hold lasts 31
    expect(Number(p.get('expires_at'))).toBe(Math.floor(Date.parse(order.expiresAt) / 1000));
    expect(Date.parse(order.expiresAt) - start.getTime()).toBe(1860 * 1000);
    // no local checkout page in this mode
    expect((await h.press(`http://localhost/checkout/${res.body.checkoutUrl.split('/').at(-1)}`, 'pay')).status).toBe(404);
  });

  it('the signed checkout.session.completed pays the order; a refund goes through the SDK once per order', async () => {
    const l = await h.listing(t, { stock: 5, priceFen: 1000 });
    const res = await h.checkout(t, [{ produceId: l.id, quantity: 3 }]);
    const sessionId = res.body.checkoutUrl.split('/').at(-1);
    const event = {
      id: 'evt_test_paid_1',
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: sessionId,
          object: 'checkout.session',
          metadata: { tenantId: t.id, orderId: res.body.orderId, kind: 'order' },
          payment_status: 'paid',
          amount_total: 3000,
          currency: 'cny',
          payment_intent: 'pi_test_42',
        },
      },
    };
    const hook = await h.call('POST', '/api/webhooks/stripe', signed(event));
    expect(hook.body).toEqual({ received: true, outcome: 'paid' });
    expect(await h.get(t.bureau, `/api/produce/${l.id}`)).toMatchObject({ sold: 3, available: 2 });

    const refund = await h.call('POST', `/api/orders/${res.body.orderId}/refund`, { token: t.bureau, body: {} });
    expect(refund.status).toBe(200);
    const call = lastCall('/v1/refunds');
    expect(Object.fromEntries(call.params)).toMatchObject({ payment_intent: 'pi_test_42', amount: '3000', 'metadata[orderId]': res.body.orderId });
    expect(call.idempotencyKey).toBe(`refund-${res.body.orderId}`);
    expect(await h.get(t.bureau, `/api/produce/${l.id}`)).toMatchObject({ sold: 0, available: 5 });
  });

  it('when Stripe cannot open a session the buyer gets a 503 and the stock is given back at once', async () => {
    const l = await h.listing(t, { stock: 2 });
    failNext = true;
    const res = await h.checkout(t, [{ produceId: l.id, quantity: 2 }]);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('payment_unavailable');
    expect((await h.get(t.bureau, `/api/produce/${l.id}`)).available).toBe(2);
    const cancelled = (await h.get(t.bureau, `/api/orders?produceId=${l.id}`)).items;
    expect(cancelled.map((o: { status: string }) => o.status)).toEqual(['cancelled']);
  });

  it('when Stripe refuses a refund nothing changes (503)', async () => {
    const l = await h.listing(t, { stock: 5, priceFen: 1000 });
    const res = await h.checkout(t, [{ produceId: l.id, quantity: 1 }]);
    const event = {
      id: 'evt_test_paid_2',
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: res.body.checkoutUrl.split('/').at(-1),
          metadata: { tenantId: t.id, orderId: res.body.orderId, kind: 'order' },
          payment_status: 'paid',
          amount_total: 1000,
          currency: 'cny',
          payment_intent: 'pi_test_43',
        },
      },
    };
    await h.call('POST', '/api/webhooks/stripe', signed(event));
    failNext = true;
    const refund = await h.call('POST', `/api/orders/${res.body.orderId}/refund`, { token: t.bureau, body: {} });
    expect(refund.status).toBe(503);
    expect((await h.get(t.bureau, `/api/orders/${res.body.orderId}`)).status).toBe('paid');
  });
});

describe('an online donation refunded with a secret key', () => {
  async function paidDonation(amountFen: number, n: number) {
    const villageId = await h.village(t);
    const d = await h.call('POST', `/api/public/${t.slug}/donate`, { body: { villageId, amountFen } });
    expect(d.status).toBe(201);
    const donationId = d.body.donationId ?? d.body.id;
    const event = {
      id: `evt_test_gift_${n}`,
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: d.body.checkoutUrl.split('/').at(-1),
          object: 'checkout.session',
          metadata: { tenantId: t.id, donationId, kind: 'donation' },
          payment_status: 'paid',
          amount_total: amountFen,
          currency: 'cny',
          payment_intent: `pi_test_gift_${n}`,
        },
      },
    };
    expect((await h.call('POST', '/api/webhooks/stripe', signed(event))).body).toEqual({ received: true, outcome: 'confirmed' });
    return { villageId, donationId: donationId as string };
  }

  it('gives the money back through the SDK, once per donation, then the ledger shows it refunded', async () => {
    const { villageId, donationId } = await paidDonation(8_800, 1);
    const refund = await h.call('POST', `/api/donations/${donationId}/refund`, { token: t.bureau, body: { reason: '捐赠人申请退回' } });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body.status).toBe('refunded');
    const call = lastCall('/v1/refunds');
    expect(Object.fromEntries(call.params)).toMatchObject({
      payment_intent: 'pi_test_gift_1',
      amount: '8800',
      'metadata[donationId]': donationId,
      'metadata[kind]': 'donation',
    });
    expect(call.idempotencyKey).toBe(`refund-${donationId}`);
    expect(await h.get(t.bureau, `/api/villages/${villageId}/funds`)).toMatchObject({ cashReceivedFen: 8_800, balanceFen: 0, refundedFen: 8_800 });
  });

  it('when Stripe refuses, nothing changes (503); when the village spent the money, nothing leaves (409)', async () => {
    const a = await paidDonation(5_000, 2);
    const dashBefore = (await h.call('GET', '/api/dashboard', { token: t.bureau })).body;
    const publicBefore = (await h.call('GET', `/api/public/${t.slug}/villages/${a.villageId}/transparency`)).body;
    failNext = true;
    const refused = await h.call('POST', `/api/donations/${a.donationId}/refund`, { token: t.bureau, body: {} });
    expect(refused.status).toBe(503);
    expect((await h.get(t.bureau, `/api/donations/${a.donationId}`)).status).toBe('confirmed');
    expect(await h.get(t.bureau, `/api/villages/${a.villageId}/funds`)).toMatchObject({ balanceFen: 5_000, refundedFen: 0 });
    // the ledger went first and was put back exactly: the dashboard and the public page as before
    expect((await h.call('GET', '/api/dashboard', { token: t.bureau })).body.donations).toEqual(dashBefore.donations);
    expect((await h.call('GET', '/api/dashboard', { token: t.bureau })).body.monthly).toEqual(dashBefore.monthly);
    const publicAfter = (await h.call('GET', `/api/public/${t.slug}/villages/${a.villageId}/transparency`)).body;
    expect({ ...publicAfter, generatedAt: null }).toEqual({ ...publicBefore, generatedAt: null });

    const b = await paidDonation(3_000, 3);
    const spent = await h.call('POST', '/api/expenditures', {
      token: t.bureau,
      body: { villageId: b.villageId, amountFen: 2_000, purpose: '购买种苗', category: 'industry', date: '2026-06-15' },
    });
    expect(spent.status, JSON.stringify(spent.body)).toBe(201);
    const before = calls.length;
    const short = await h.call('POST', `/api/donations/${b.donationId}/refund`, { token: t.bureau, body: {} });
    expect(short.status).toBe(409);
    expect(calls.slice(before).filter((c) => c.path === '/v1/refunds')).toEqual([]);
    expect((await h.get(t.bureau, `/api/donations/${b.donationId}`)).status).toBe('confirmed');
  });

  it('a retry after Stripe forgot the key (charge_already_refunded) takes the earlier refund and records the donation refunded', async () => {
    const { villageId, donationId } = await paidDonation(4_200, 4);
    alreadyRefunded = true;
    earlierRefundAmount = 4_200;
    const refund = await h.call('POST', `/api/donations/${donationId}/refund`, { token: t.bureau, body: {} });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body.status).toBe('refunded');
    expect(refund.body.refundId).toBeUndefined(); // the provider's ids stay internal
    expect(calls.some((c) => c.method === 'GET' && c.path.startsWith('/v1/refunds?'))).toBe(true);
    expect(await h.get(t.bureau, `/api/villages/${villageId}/funds`)).toMatchObject({ balanceFen: 0, refundedFen: 4_200 });
  });

  it('the ledger goes first: an expenditure made while Stripe refunds finds the money already reserved (409), the refund completes', async () => {
    const { villageId, donationId } = await paidDonation(6_000, 5);
    let spent: { status: number } | undefined;
    beforeRefund = async () => {
      spent = await h.call('POST', '/api/expenditures', {
        token: t.bureau,
        body: { villageId, amountFen: 5_000, purpose: '修路', category: 'infrastructure', date: '2026-06-15' },
      });
    };
    const refund = await h.call('POST', `/api/donations/${donationId}/refund`, { token: t.bureau, body: {} });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(spent?.status).toBe(409);
    expect(await h.get(t.bureau, `/api/villages/${villageId}/funds`)).toMatchObject({
      cashReceivedFen: 6_000,
      cashUsedFen: 0,
      balanceFen: 0,
      refundedFen: 6_000,
    });
  });

  it('a refund cut off between the ledger and Stripe (the process died) shows pending and the same request finishes it', async () => {
    const { villageId, donationId } = await paidDonation(7_000, 6);
    const dashBefore = (await h.call('GET', '/api/dashboard', { token: t.bureau })).body;
    // Stripe refuses, and the compensating transaction never happens (as if the process died there)
    failNext = true;
    const doc = h.deps.doc as unknown as { send: (cmd: unknown, ...rest: unknown[]) => Promise<unknown> };
    const send = doc.send;
    let writes = 0;
    doc.send = async function (this: unknown, cmd: unknown, ...rest: unknown[]) {
      // the first transaction is the ledger's step; the second, the compensation, never lands
      if ((cmd as object).constructor.name === 'TransactWriteCommand' && ++writes === 2) throw new Error('process gone');
      return send.call(this, cmd, ...rest);
    };
    const cut = await h.call('POST', `/api/donations/${donationId}/refund`, { token: t.bureau, body: {} });
    doc.send = send;
    expect(cut.status).toBe(500);
    expect((await h.get(t.bureau, `/api/donations/${donationId}`)).status).toBe('refunded');
    expect(await h.get(t.bureau, `/api/villages/${villageId}/funds`)).toMatchObject({ balanceFen: 0, refundedFen: 7_000 });
    // the bureau presses refund again: Stripe refunds (same key) and the record is complete
    const again = await h.call('POST', `/api/donations/${donationId}/refund`, { token: t.bureau, body: {} });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(lastCall('/v1/refunds').idempotencyKey).toBe(`refund-${donationId}`);
    // and a third press is the usual 409: nothing pending any more
    expect((await h.call('POST', `/api/donations/${donationId}/refund`, { token: t.bureau, body: {} })).status).toBe(409);
    const dashAfter = (await h.call('GET', '/api/dashboard', { token: t.bureau })).body;
    expect(dashAfter.donations.refundedFen - dashBefore.donations.refundedFen).toBe(7_000);
  });
});

describe('settlement with a secret key (issue 13)', () => {
  /** A paid three-seller order (two organizations and the bureau) through a signed webhook. */
  async function paidThreeSellers(pi: string) {
    const sellers = [];
    for (const name of ['甲', '乙']) {
      const o = await h.organization(t, { name });
      const p = await h.activePairing(t, { orgId: o.id });
      sellers.push({ ...o, listing: await h.listing(t, { villageId: p.villageId, stock: 5, priceFen: 1000 }, o.member) });
    }
    const bureau = await h.listing(t, { stock: 5, priceFen: 1000 });
    const res = await h.checkout(t, [
      { produceId: sellers[0].listing.id, quantity: 1 },
      { produceId: sellers[1].listing.id, quantity: 3 },
      { produceId: bureau.id, quantity: 1 },
    ]);
    const sessionId = res.body.checkoutUrl.split('/').at(-1);
    const event = {
      id: `evt_${pi}`,
      object: 'event',
      type: 'checkout.session.completed',
      data: {
        object: {
          id: sessionId,
          object: 'checkout.session',
          metadata: { tenantId: t.id, orderId: res.body.orderId, kind: 'order' },
          payment_status: 'paid',
          amount_total: 5000,
          currency: 'cny',
          payment_intent: pi,
        },
      },
    };
    expect((await h.call('POST', '/api/webhooks/stripe', signed(event))).body.outcome).toBe('paid');
    return { orderId: res.body.orderId as string, sellers, order: await h.get(t.bureau, `/api/orders/${res.body.orderId}`) };
  }

  it('takes Stripe’s actual fee from the payment’s balance transaction and shares it among the parcels', async () => {
    feeAmount = 173;
    feeCurrency = 'cny';
    const o = await paidThreeSellers('pi_fee_cny1');
    expect(calls.some((c) => c.path.startsWith('/v1/payment_intents/pi_fee_cny1') && c.path.includes('expand'))).toBe(true);
    // ¥50 in 10 : 30 : 10 → 173 fen is 34.6 + 103.8 + 34.6: floors 34 + 103 + 34, the two fen left to
    // the largest remainders (.8, then the earlier .6)
    expect(o.order.fulfilments.map((f: { feeFen: number }) => f.feeFen)).toEqual([35, 104, 34]);
    const s = await h.get(t.bureau, `/api/settlements?month=2026-06&organizationId=${o.sellers[1].id}`);
    expect(s.items[0]).toMatchObject({ grossFen: 3000, feesFen: 104, payableFen: 2896, owedFen: 2896 });
  });

  it('a parcel refund is a partial Stripe refund of exactly its amount, with a key of its own', async () => {
    feeAmount = 0;
    const o = await paidThreeSellers('pi_fee_partial');
    const parcel = o.order.fulfilments.find((f: { sellerOrganizationId: string }) => f.sellerOrganizationId === o.sellers[1].id);
    const res = await h.call('POST', `/api/orders/${o.orderId}/fulfilments/${parcel.id}/refund`, { token: o.sellers[1].member, body: {} });
    expect(res.status).toBe(200);
    const call = lastCall('/v1/refunds');
    expect(Object.fromEntries(call.params)).toMatchObject({ payment_intent: 'pi_fee_partial', amount: '3000', 'metadata[fulfilmentId]': parcel.id });
    expect(call.idempotencyKey).toBe(`refund-${o.orderId}-${parcel.id}`);
  });

  it('a Stripe transfer pays a connected account once per payout; a refusal leaves nothing recorded (503)', async () => {
    feeAmount = 0;
    const o = await paidThreeSellers('pi_fee_transfer');
    const org = o.sellers[0];
    const noAccount = await h.call('POST', '/api/payouts', {
      token: t.bureau,
      body: { organizationId: org.id, amountFen: 400, method: 'stripe_transfer', reference: 'ST-0', date: '2026-06-15' },
    });
    expect(noAccount.status).toBe(409);
    expect(
      (await h.call('PUT', `/api/organizations/${org.id}/payout-account`, { token: t.bureau, body: { stripeAccountId: 'acct_1TestSeller0' } })).status,
    ).toBe(200);
    const before = (await h.get(t.bureau, `/api/settlements?month=2026-06&organizationId=${org.id}`)).items[0];
    refuseTransfer = true;
    const refused = await h.call('POST', '/api/payouts', {
      token: t.bureau,
      body: { organizationId: org.id, amountFen: 400, method: 'stripe_transfer', reference: 'ST-1', date: '2026-06-15' },
    });
    expect(refused.status).toBe(503);
    expect((await h.get(t.bureau, `/api/settlements?month=2026-06&organizationId=${org.id}`)).items[0]).toEqual(before);
    expect((await h.get(t.bureau, `/api/payouts?organizationId=${org.id}`)).items).toEqual([]);
    const paid = await h.call('POST', '/api/payouts', {
      token: t.bureau,
      body: { organizationId: org.id, amountFen: 400, method: 'stripe_transfer', reference: 'ST-2', date: '2026-06-15' },
    });
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ status: 'paid', method: 'stripe_transfer', amountFen: 400 });
    const call = lastCall('/v1/transfers');
    expect(Object.fromEntries(call.params)).toMatchObject({
      amount: '400',
      currency: 'cny',
      destination: 'acct_1TestSeller0',
      'metadata[payoutId]': paid.body.id,
    });
    expect(call.idempotencyKey).toBe(`payout-${paid.body.id}`);
    expect((await h.get(t.bureau, `/api/settlements?month=2026-06&organizationId=${org.id}`)).items[0]).toMatchObject({
      paidOutFen: 400,
      owedFen: before.owedFen - 400,
    });
  });

  it('a Stripe payout cut off after the transfer (no answer came) is finished by the same request, never paid twice', async () => {
    feeAmount = 0;
    const o = await paidThreeSellers('pi_fee_cutoff');
    const org = o.sellers[1];
    expect(
      (await h.call('PUT', `/api/organizations/${org.id}/payout-account`, { token: t.bureau, body: { stripeAccountId: 'acct_1TestSeller1' } })).status,
    ).toBe(200);
    const before = (await h.get(t.bureau, `/api/settlements?month=2026-06&organizationId=${org.id}`)).items[0];
    const body = { organizationId: org.id, amountFen: 1_000, method: 'stripe_transfer', reference: 'ST-9', date: '2026-06-15' };
    const headers = { 'idempotency-key': 'payout-cutoff-1' };
    // the transfer is made, then the write that marks the payout paid never lands (the process died)
    const doc = h.deps.doc as unknown as { send: (cmd: unknown, ...rest: unknown[]) => Promise<unknown> };
    const send = doc.send;
    let cut = false;
    doc.send = async function (this: unknown, cmd: unknown, ...rest: unknown[]) {
      const input = (cmd as { input?: { TransactItems?: { Update?: { UpdateExpression?: string } }[] } }).input;
      if (!cut && input?.TransactItems?.some((i) => i.Update?.UpdateExpression === 'SET #s = :paid, transferId = :t')) {
        cut = true;
        throw new Error('process gone');
      }
      return send.call(this, cmd, ...rest);
    };
    try {
      expect((await h.call('POST', '/api/payouts', { token: t.bureau, body, headers })).status).toBe(500);
    } finally {
      doc.send = send;
    }
    expect(cut).toBe(true);
    const transfers = () => calls.filter((c) => c.path === '/v1/transfers' && c.params.get('destination') === 'acct_1TestSeller1');
    expect(transfers()).toHaveLength(1);
    // the same request again: the payout it made, finished with the same transfer key
    const again = await h.call('POST', '/api/payouts', { token: t.bureau, body, headers });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ status: 'paid', amountFen: 1_000 });
    expect(new Set(transfers().map((c) => c.idempotencyKey))).toEqual(new Set([`payout-${again.body.id}`]));
    expect((await h.get(t.bureau, `/api/payouts?organizationId=${org.id}`)).items.map((p: { id: string }) => p.id)).toEqual([again.body.id]);
    expect((await h.get(t.bureau, `/api/settlements?month=2026-06&organizationId=${org.id}`)).items[0]).toMatchObject({
      paidOutFen: before.paidOutFen + 1_000,
      owedFen: before.owedFen - 1_000,
    });
  });
});
