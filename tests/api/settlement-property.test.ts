import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dateInZone } from '../../shared/dates.js';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// Settlement as a property (issue 13): after any sequence of checkouts (paid or not, from one to
// three sellers), parcel refunds, payouts and months passing, for every seller and month
//   gross − refunds − fees = paid out + owed,
// each figure equals a recount from the records (the orders' parcels and the payouts, read back
// through the API), and the sum over sellers of gross − refunds is the dashboard's month of sales
// and the ledger's (消费帮扶 net) — so the counters kept in the transactions cannot drift.

let h: Harness;
const TZ = 'Asia/Shanghai';
const START = new Date('2026-03-10T04:00:00Z');

beforeAll(async () => {
  h = await makeHarness({ now: START });
});

type World = { t: TestTenant; sellers: { id: string | null; token: string; listing: string; priceFen: number }[] };

async function world(): Promise<World> {
  h.clock.now = START;
  const t = await h.tenant();
  expect((await h.call('PATCH', '/api/settings', { token: t.bureau, body: { paymentFeeRateBps: 150 } })).status).toBe(200);
  const sellers: World['sellers'] = [];
  for (const [i, priceFen] of [1999, 3550].entries()) {
    const o = await h.organization(t, { name: `卖家${i}` });
    const p = await h.activePairing(t, { orgId: o.id });
    sellers.push({ id: o.id, token: o.member, listing: (await h.listing(t, { villageId: p.villageId, stock: 999, priceFen }, o.member)).id, priceFen });
  }
  sellers.push({ id: null, token: t.bureau, listing: (await h.listing(t, { stock: 999, priceFen: 777 })).id, priceFen: 777 });
  return { t, sellers };
}

const Op = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('buy' as const),
      lines: fc.uniqueArray(fc.record({ s: fc.nat(2), q: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3, selector: (l) => l.s }),
      pay: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('refund' as const), order: fc.nat(30), parcel: fc.nat(2), bySeller: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('payout' as const), s: fc.nat(1), amount: fc.integer({ min: 1, max: 6000 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('month' as const), days: fc.integer({ min: 10, max: 40 }) }) },
);

type Figures = { grossFen: number; refundsFen: number; feesFen: number; paidOutFen: number; owedFen: number; orders: number };
const zero = (): Figures => ({ grossFen: 0, refundsFen: 0, feesFen: 0, paidOutFen: 0, owedFen: 0, orders: 0 });
const monthOf = (iso: string) => dateInZone(new Date(iso), TZ).slice(0, 7);

async function all<T>(token: string, url: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await h.get(
      token,
      `${url}${url.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Settlement recounted from the records: the orders' parcels and the payouts. */
async function recount(w: World): Promise<Map<string, Map<string, Figures>>> {
  const months = new Map<string, Map<string, Figures>>();
  const fig = (month: string, seller: string | null) => {
    const m = months.get(month) ?? new Map<string, Figures>();
    months.set(month, m);
    const f = m.get(seller ?? 'BUREAU') ?? zero();
    m.set(seller ?? 'BUREAU', f);
    return f;
  };
  type Order = {
    paidAt: string | null;
    fulfilments: { sellerOrganizationId: string | null; totalFen: number; feeFen: number; status: string; refundedAt: string | null }[];
  };
  for (const o of await all<Order>(w.t.bureau, '/api/orders')) {
    if (!o.paidAt) continue;
    for (const f of o.fulfilments) {
      const paid = fig(monthOf(o.paidAt), f.sellerOrganizationId);
      paid.grossFen += f.totalFen;
      paid.feesFen += f.feeFen;
      paid.orders += 1;
      paid.owedFen += f.totalFen - f.feeFen;
      if (f.status === 'refunded') {
        const back = fig(monthOf(f.refundedAt!), f.sellerOrganizationId);
        back.refundsFen += f.totalFen;
        back.owedFen -= f.totalFen;
      }
    }
  }
  for (const p of await all<{ organizationId: string; amountFen: number; month: string }>(w.t.bureau, '/api/payouts')) {
    const f = fig(p.month, p.organizationId);
    f.paidOutFen += p.amountFen;
    f.owedFen -= p.amountFen;
  }
  return months;
}

describe('gross − refunds − fees = paid out + owed, for every seller and month', () => {
  it('holds, and equals the records, the dashboard and the ledger, after random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(Op, { minLength: 3, maxLength: 14 }), async (ops) => {
        const w = await world();
        const paid: { orderId: string; parcels: { id: string; seller: string | null }[] }[] = [];
        const refunded = new Set<string>();
        for (const o of ops) {
          if (o.op === 'buy') {
            const res = await h.checkout(
              w.t,
              o.lines.map((l) => ({ produceId: w.sellers[l.s].listing, quantity: l.q })),
            );
            expect(res.status).toBe(201);
            if (!o.pay) continue;
            await h.press(res.body.checkoutUrl, 'pay');
            const order = await h.get(w.t.bureau, `/api/orders/${res.body.orderId}`);
            paid.push({
              orderId: order.id,
              parcels: order.fulfilments.map((f: { id: string; sellerOrganizationId: string | null }) => ({ id: f.id, seller: f.sellerOrganizationId })),
            });
          } else if (o.op === 'refund') {
            const order = paid[o.order % Math.max(1, paid.length)];
            if (!order) continue;
            const parcel = order.parcels[o.parcel % order.parcels.length];
            const seller = w.sellers.find((s) => s.id === parcel.seller)!;
            const res = await h.call('POST', `/api/orders/${order.orderId}/fulfilments/${parcel.id}/refund`, {
              token: o.bySeller ? seller.token : w.t.bureau,
              body: {},
            });
            const key = `${order.orderId}/${parcel.id}`;
            expect(res.status).toBe(refunded.has(key) ? 409 : 200);
            refunded.add(key);
          } else if (o.op === 'payout') {
            const seller = w.sellers[o.s];
            const month = dateInZone(h.clock.now, TZ).slice(0, 7);
            const owed = (await h.get(w.t.bureau, `/api/settlements?month=${month}&organizationId=${seller.id}`)).items[0].owedFen;
            const res = await h.call('POST', '/api/payouts', {
              token: w.t.bureau,
              body: { organizationId: seller.id, amountFen: o.amount, method: 'bank_transfer', reference: 'P', date: dateInZone(h.clock.now, TZ), month },
            });
            expect(res.status).toBe(o.amount <= owed ? 201 : 409);
          } else {
            h.clock.now = new Date(h.clock.now.getTime() + o.days * 86_400_000);
          }
        }

        const expected = await recount(w);
        const dashboard = await h.get(w.t.bureau, '/api/dashboard');
        for (const [month, sellers] of expected) {
          const api = await h.get(w.t.bureau, `/api/settlements?month=${month}`);
          const got = new Map(api.items.map((i: Figures & { organizationId: string | null }) => [i.organizationId ?? 'BUREAU', i]));
          for (const [seller, f] of sellers) {
            const g = got.get(seller) as Figures & { payableFen: number };
            expect({ month, seller, ...pick(g) }).toEqual({ month, seller, ...f });
            expect(g.grossFen - g.refundsFen - g.feesFen).toBe(g.payableFen);
            expect(g.payableFen).toBe(g.paidOutFen + g.owedFen);
          }
          // the sellers' sales net of refunds are the shop's: the dashboard's month
          const net = [...sellers.values()].reduce((s, f) => s + f.grossFen - f.refundsFen, 0);
          const m = dashboard.monthly.find((x: { month: string }) => x.month === month);
          expect({ month, net }).toEqual({ month, net: m?.salesFen ?? 0 });
        }
        // and the ledger's 消费帮扶 net for the month being collected
        const month = dateInZone(h.clock.now, TZ).slice(0, 7);
        const sellersNow = expected.get(month);
        if (sellersNow) {
          const net = [...sellersNow.values()].reduce((s, f) => s + f.grossFen - f.refundsFen, 0);
          expect(await ledgerSalesNet(w.t.bureau, month)).toBe(net);
        }
      }),
      { numRuns: 4, endOnFailure: true },
    );
  }, 240_000);
});

const pick = (g: Figures): Figures => ({
  grossFen: g.grossFen,
  refundsFen: g.refundsFen,
  feesFen: g.feesFen,
  paidOutFen: g.paidOutFen,
  owedFen: g.owedFen,
  orders: g.orders,
});

async function ledgerSalesNet(token: string, month: string): Promise<number> {
  const { default: ExcelJS } = await import('exceljs');
  const res = await h.app.request(`/api/exports/ledger.xlsx?month=${month}`, { headers: { authorization: `Bearer ${token}` } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
  const ws = wb.getWorksheet('消费帮扶')!;
  const header = (ws.getRow(1).values as unknown[]).indexOf('净额（元）');
  const last = ws.getRow(ws.rowCount);
  expect(last.getCell(1).value).toBe('合计');
  return Math.round(Number(last.getCell(header).value ?? 0) * 100);
}
