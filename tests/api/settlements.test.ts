import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { counterKey, SETTLEMENT_BACKFILLED } from '../../functions/modules/counters/store.js';
import { backfillTenantSettlement } from '../../functions/modules/orders/settlements-backfill.js';
import { TenantStore } from '../../functions/store/tenant-store.js';
import { makeHarness, PNG_1x1, type Harness, type TestTenant } from '../support/harness.js';

// Settlement (issue 13, docs/DOMAIN.md "Settlement / payout"): per seller and month, from its parcels,
// gross − refunds − fees = payable = paid out + owed, to the fen; payouts never more than owed.

let h: Harness;
let t: TestTenant;
type Seller = { id: string; member: string; villageId: string };
let a: Seller;
let b: Seller;
const JUNE = new Date('2026-06-15T04:00:00Z');

beforeAll(async () => {
  h = await makeHarness({ now: JUNE });
  t = await h.tenant();
  // a 1% payment fee without a Stripe key (the tenant's rate)
  expect((await h.call('PATCH', '/api/settings', { token: t.bureau, body: { paymentFeeRateBps: 100 } })).status).toBe(200);
  const seller = async (name: string): Promise<Seller> => {
    const o = await h.organization(t, { name });
    const p = await h.activePairing(t, { orgId: o.id });
    return { ...o, villageId: p.villageId };
  };
  a = await seller('甲公司');
  b = await seller('乙协会');
});

/** A paid order of A's (¥20), B's (¥25) and the bureau's (¥15) listings. */
async function paidOrder() {
  const la = await h.listing(t, { villageId: a.villageId, stock: 50, priceFen: 1000 }, a.member);
  const lb = await h.listing(t, { villageId: b.villageId, stock: 50, priceFen: 2500 }, b.member);
  const lc = await h.listing(t, { stock: 50, priceFen: 500 });
  const res = await h.checkout(t, [
    { produceId: la.id, quantity: 2 },
    { produceId: lb.id, quantity: 1 },
    { produceId: lc.id, quantity: 3 },
  ]);
  await h.press(res.body.checkoutUrl, 'pay');
  const order = await h.get(t.bureau, `/api/orders/${res.body.orderId}`);
  return { orderId: res.body.orderId as string, parcels: order.fulfilments as { id: string; sellerOrganizationId: string | null; feeFen: number }[] };
}

const statement = (month: string, token = t.bureau, org?: string) => h.get(token, `/api/settlements?month=${month}${org ? `&organizationId=${org}` : ''}`);
const row = async (month: string, org: string | null) =>
  (await statement(month)).items.find((i: { organizationId: string | null }) => i.organizationId === org);
const payout = (body: Record<string, unknown>, token = t.bureau, headers: Record<string, string> = {}) =>
  h.call('POST', '/api/payouts', {
    token,
    body: { organizationId: a.id, method: 'bank_transfer', reference: 'HX-1', date: '2026-06-15', month: '2026-06', ...body },
    headers,
  });

describe('a month’s statement', () => {
  it('per seller from its parcels: gross, its share of the fee, payable, owed; per village too; the bureau’s own listings as a row of their own', async () => {
    const before = { a: await row('2026-06', a.id), bureau: await row('2026-06', null) };
    const o = await paidOrder();
    // the 1% fee of ¥60 shared in proportion: ¥0.20, ¥0.25, ¥0.15
    expect(o.parcels.map((p) => p.feeFen)).toEqual([20, 25, 15]);
    const after = await row('2026-06', a.id);
    const d = (k: string) => after[k] - (before.a?.[k] ?? 0);
    expect({ gross: d('grossFen'), fees: d('feesFen'), refunds: d('refundsFen'), payable: d('payableFen'), owed: d('owedFen'), orders: d('orders') }).toEqual({
      gross: 2000,
      fees: 20,
      refunds: 0,
      payable: 1980,
      owed: 1980,
      orders: 1,
    });
    expect(after).toMatchObject({ organizationName: '甲公司' });
    expect(after.villages.find((v: { villageId: string }) => v.villageId === a.villageId)).toMatchObject({ villageName: '测试村' });
    const bureau = await row('2026-06', null);
    expect(bureau.grossFen - (before.bureau?.grossFen ?? 0)).toBe(1500);
    expect(bureau.organizationName).toBe(`${t.slug} 民政局`);
    // payable = paid out + owed, for every row, and the totals are the rows' sums
    const s = await statement('2026-06');
    for (const i of s.items) expect(i.grossFen - i.refundsFen - i.feesFen).toBe(i.paidOutFen + i.owedFen);
    expect(s.totals.grossFen).toBe(s.items.reduce((x: number, i: { grossFen: number }) => x + i.grossFen, 0));
    // the three sellers' order is one order in the month's total
    const before2 = s.totals.orders;
    await paidOrder();
    expect((await statement('2026-06')).totals.orders).toBe(before2 + 1);
  });

  it('a parcel refunded in a later month (the tenant’s: 01:00 on 1 July in Shanghai) counts there; its fee stays spent', async () => {
    const o = await paidOrder();
    const june = await row('2026-06', b.id);
    h.clock.now = new Date('2026-06-30T17:00:00Z');
    try {
      const july0 = (await row('2026-07', b.id)) ?? { refundsFen: 0, owedFen: 0 };
      const fb = o.parcels.find((p) => p.sellerOrganizationId === b.id)!;
      expect((await h.call('POST', `/api/orders/${o.orderId}/fulfilments/${fb.id}/refund`, { token: b.member, body: {} })).status).toBe(200);
      expect(await row('2026-06', b.id)).toEqual(june);
      const july = await row('2026-07', b.id);
      expect(july.refundsFen - july0.refundsFen).toBe(2500);
      expect(july.owedFen - july0.owedFen).toBe(-2500);
      expect(july.villages.find((v: { villageId: string }) => v.villageId === b.villageId).refundsFen).toBeGreaterThanOrEqual(2500);
    } finally {
      h.clock.now = JUNE;
    }
  });

  it('the month’s orders behind a statement: ?paidMonth= lists the orders paid in the tenant’s month, for the bureau and (its parcels) for the seller', async () => {
    const june = await paidOrder();
    h.clock.now = new Date('2026-06-30T16:30:00Z'); // 00:30 on 1 July in Shanghai
    let july: Awaited<ReturnType<typeof paidOrder>>;
    try {
      july = await paidOrder();
    } finally {
      h.clock.now = JUNE;
    }
    const ids = (token: string, month: string) => h.ids(token, `/api/orders?paidMonth=${month}&limit=100`);
    expect(await ids(t.bureau, '2026-06')).toContain(june.orderId);
    expect(await ids(t.bureau, '2026-06')).not.toContain(july.orderId);
    expect(await ids(t.bureau, '2026-07')).toEqual([july.orderId]);
    expect(await ids(a.member, '2026-07')).toEqual([july.orderId]);
    expect((await h.get(a.member, '/api/orders?paidMonth=2026-07')).items[0].lines.every((l: { organizationId: string }) => l.organizationId === a.id)).toBe(
      true,
    );
    expect((await h.call('GET', '/api/orders?paidMonth=2026-7', { token: t.bureau })).status).toBe(400);
  });

  it('an org_member reads its own statement only: another organization’s is not found, an unknown month is a 400', async () => {
    await paidOrder();
    const own = await statement('2026-06', a.member);
    expect(own.items.map((i: { organizationId: string }) => i.organizationId)).toEqual([a.id]);
    expect((await h.call('GET', `/api/settlements?month=2026-06&organizationId=${b.id}`, { token: a.member })).status).toBe(404);
    const bad = await h.call('GET', '/api/settlements?month=2026-13', { token: t.bureau });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toContain('month');
    // a month with nothing: the organization's empty statement
    expect((await statement('2025-01', a.member)).items).toEqual([expect.objectContaining({ organizationId: a.id, grossFen: 0, owedFen: 0 })]);
  });
});

describe('payouts', () => {
  it('a bank transfer moves paid out and owed by its amount; over what is owed is a 409 naming the owed amount, and nothing is written', async () => {
    await paidOrder();
    const r0 = await row('2026-06', a.id);
    const ok = await payout({ amountFen: 500 }, t.bureau, { 'idempotency-key': 'payout-once-1' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ organizationId: a.id, organizationName: '甲公司', amountFen: 500, status: 'paid', month: '2026-06', hasEvidence: false });
    // the same request again is the same payout, not a second one
    const again = await payout({ amountFen: 500 }, t.bureau, { 'idempotency-key': 'payout-once-1' });
    expect(again.body.id).toBe(ok.body.id);
    const r1 = await row('2026-06', a.id);
    expect([r1.paidOutFen - r0.paidOutFen, r1.owedFen - r0.owedFen]).toEqual([500, -500]);
    const over = await payout({ amountFen: r1.owedFen + 1 });
    expect(over.status).toBe(409);
    expect(over.body.error.details.owedFen).toBe(r1.owedFen);
    expect(await row('2026-06', a.id)).toEqual(r1);
    const listed = await h.get(t.bureau, `/api/payouts?organizationId=${a.id}&month=2026-06`);
    expect(listed.items.map((p: { id: string }) => p.id)).toContain(ok.body.id);
    expect(listed.items.filter((p: { amountFen: number }) => p.amountFen === r1.owedFen + 1)).toEqual([]);
  });

  it.each([
    ['a negative amount', { amountFen: -100 }, 'amountFen'],
    ['a fractional amount', { amountFen: 10.5 }, 'amountFen'],
    ['zero', { amountFen: 0 }, 'amountFen'],
    ['month 2026-13', { amountFen: 100, month: '2026-13' }, 'month'],
    ['no reference', { amountFen: 100, reference: '' }, 'reference'],
    ['an unknown method', { amountFen: 100, method: 'cash' }, 'method'],
    ['a date that is not one', { amountFen: 100, date: '2026-02-30' }, 'date'],
    ['a date after today', { amountFen: 100, date: '2026-06-16' }, 'date'],
  ])('%s is a 400 naming the field, and nothing is written', async (_what, body, field) => {
    const r0 = await row('2026-06', a.id);
    const res = await payout(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
    expect(await row('2026-06', a.id)).toEqual(r0);
  });

  it('to an organization of another tenant: not found; by an org_member: forbidden; by Stripe without a key: refused', async () => {
    const other = await h.tenant();
    const foreign = await h.organizationId(other);
    expect((await payout({ organizationId: foreign, amountFen: 100 })).status).toBe(404);
    expect((await payout({ amountFen: 100 }, a.member)).status).toBe(403);
    const stripe = await payout({ amountFen: 100, method: 'stripe_transfer' });
    expect(stripe.status).toBe(409);
    expect(stripe.body.error.message).toContain('Stripe');
    // another tenant's bureau sees none of it
    expect((await h.get(other.bureau, '/api/payouts')).items).toEqual([]);
    expect((await h.get(other.bureau, '/api/settlements?month=2026-06')).items).toEqual([]);
  });

  it('20 at once against what is owed never pay more than it', async () => {
    const c = await h.organization(t, { name: '丙合作社' });
    const p = await h.activePairing(t, { orgId: c.id });
    const l = await h.listing(t, { villageId: p.villageId, stock: 10, priceFen: 2000 }, c.member);
    await h.press((await h.checkout(t, [{ produceId: l.id, quantity: 1 }])).body.checkoutUrl, 'pay');
    const owed = (await row('2026-06', c.id)).owedFen;
    expect(owed).toBe(1980);
    const answers = await Promise.all(Array.from({ length: 20 }, () => payout({ organizationId: c.id, amountFen: 300 })));
    const paid = answers.filter((r) => r.status === 201).length;
    expect(answers.filter((r) => r.status !== 201).map((r) => r.status)).toEqual(Array(20 - paid).fill(409));
    expect(paid).toBe(6);
    expect(await row('2026-06', c.id)).toMatchObject({ paidOutFen: 1800, owedFen: 180 });
  });

  it('evidence: the bureau attaches a bank slip; the organization paid reads it, another organization does not', async () => {
    await paidOrder();
    const p = (await payout({ amountFen: 100 })).body;
    const form = new FormData();
    form.append('file', new File([PNG_1x1 as Uint8Array<ArrayBuffer>], 'slip.png', { type: 'image/png' }));
    const up = await h.app.request(`/api/payouts/${p.id}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${t.bureau}` }, body: form });
    expect(up.status).toBe(201);
    const mine = await h.app.request(`/api/payouts/${p.id}/evidence`, { headers: { authorization: `Bearer ${a.member}` } });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    expect(mine.headers.get('content-disposition')).toBe(`inline; filename="payout-${p.id}.png"`);
    expect((await h.call('GET', `/api/payouts/${p.id}/evidence`, { token: b.member })).status).toBe(404);
    expect((await h.get(a.member, '/api/payouts')).items.find((x: { id: string }) => x.id === p.id)).toMatchObject({ hasEvidence: true });
    expect((await h.get(b.member, '/api/payouts')).items.filter((x: { organizationId: string }) => x.organizationId === a.id)).toEqual([]);
  });

  it('the payout account is the bureau’s to set: an organization cannot point its payouts elsewhere', async () => {
    const patched = await h.call('PATCH', `/api/organizations/${a.id}`, { token: a.member, body: { stripeAccountId: 'acct_attacker123' } });
    expect(patched.status).toBe(200);
    expect((await h.get(t.bureau, `/api/organizations/${a.id}`)).stripeAccountId ?? null).toBeNull();
    expect((await h.call('PUT', `/api/organizations/${a.id}/payout-account`, { token: a.member, body: { stripeAccountId: 'acct_attacker123' } })).status).toBe(
      403,
    );
    expect((await h.call('PUT', `/api/organizations/${a.id}/payout-account`, { token: t.bureau, body: { stripeAccountId: 'not-an-account' } })).status).toBe(
      400,
    );
    const set = await h.call('PUT', `/api/organizations/${a.id}/payout-account`, { token: t.bureau, body: { stripeAccountId: 'acct_1Qwerty2Asdf' } });
    expect(set.status).toBe(200);
    expect((await h.get(t.bureau, `/api/organizations/${a.id}`)).stripeAccountId).toBe('acct_1Qwerty2Asdf');
  });
});

describe('the workbooks', () => {
  const workbook = async (url: string, token: string) => {
    const res = await h.app.request(url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    return wb;
  };
  const cells = (wb: ExcelJS.Workbook, sheet: string) => {
    const out: unknown[][] = [];
    wb.getWorksheet(sheet)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
    return out;
  };

  it('the seller’s statement (结算单) holds its own row only, to the fen of the API', async () => {
    const wb = await workbook('/api/exports/settlement.xlsx?month=2026-06', a.member);
    const rows = cells(wb, '结算');
    const api = await row('2026-06', a.id);
    expect(rows[1]).toEqual([
      '甲公司',
      api.orders,
      api.grossFen / 100,
      api.refundsFen / 100,
      api.feesFen / 100,
      api.payableFen / 100,
      api.paidOutFen / 100,
      api.owedFen / 100,
    ]);
    expect(rows).toHaveLength(3); // header, its row, totals
    expect(wb.worksheets.map((w) => w.name)).toEqual(['结算', '村庄明细', '付款']);
    expect((await h.call('GET', `/api/exports/settlement.xlsx?month=2026-06&organizationId=${b.id}`, { token: a.member })).status).toBe(404);
  });

  it('the ledger’s 结算 sheet totals equal the API’s, and its sales equal the dashboard’s month net of refunds', async () => {
    const wb = await workbook('/api/exports/ledger.xlsx?month=2026-06', t.bureau);
    const rows = cells(wb, '结算');
    const api = await statement('2026-06');
    const total = rows.at(-1)!;
    expect(total[0]).toBe('合计');
    expect(total.slice(2).map((x) => Math.round(Number(x) * 100))).toEqual([
      api.totals.grossFen,
      api.totals.refundsFen,
      api.totals.feesFen,
      api.totals.payableFen,
      api.totals.paidOutFen,
      api.totals.owedFen,
    ]);
    const june = (await h.get(t.bureau, '/api/dashboard')).monthly.find((m: { month: string }) => m.month === '2026-06');
    expect(api.totals.grossFen - api.totals.refundsFen).toBe(june.salesFen);
  });
});

describe('a DATA_DIR from before settlement', () => {
  it('is recounted once at start-up from its orders and payouts: the statements read what the records say', async () => {
    const store = new TenantStore(h.deps.doc, h.deps.tableName, t.id);
    const months = ['2026-06', '2026-07'];
    const right = await Promise.all(months.map((m) => statement(m)));
    expect(right[0].items.length).toBeGreaterThan(2);
    expect(right[1].totals.refundsFen).toBeGreaterThan(0);
    // what an old DATA_DIR lacks: every settlement item, and the marker
    for (const m of months) {
      for (const i of await store.queryAll<{ pk: string; sk: string }>({ pk: store.pk('SETTLEMENT', m) }))
        await store.transact([{ Delete: { Key: { pk: i.pk, sk: i.sk } } }]);
    }
    const marker = counterKey(store, SETTLEMENT_BACKFILLED);
    await store.transact([{ Delete: { Key: marker } }]);
    expect((await statement('2026-06')).items).toEqual([]);
    expect(await backfillTenantSettlement(store, h.clock.now)).toBe(true);
    expect(await Promise.all(months.map((m) => statement(m)))).toEqual(right);
    // once only
    expect(await backfillTenantSettlement(store, h.clock.now)).toBe(false);
  });
});
