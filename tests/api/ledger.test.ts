import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness, type TestTenant } from '../support/harness.js';

// The monthly ledger (工作台帐, rule 7): read back with exceljs and compared with what was recorded —
// fen exact, totals equal the sums of their rows, the month filter, formula injection escaped.

let h: Harness;
let t: TestTenant;
let v1: string;
let v2: string;
let orgId: string;

const SHEETS = ['村庄', '组织', '结对', '帮扶活动', '捐赠', '资金使用', '消费帮扶', '结算', '周报'];
const SALES = '本月消费帮扶（元，已扣退款）';
const CASH = '本月捐款（元，已扣退回）';
const GOODS = '本月捐物折价（元，已扣退回）';
const CUMULATIVE = ['累计收到现金（元）', '累计使用（元）', '累计退款（元）', '余额（元）', '物资折价累计（元）'];

beforeAll(async () => {
  h = await makeHarness({ now: new Date('2026-06-15T04:00:00Z') });
  t = await h.tenant();
  v1 = await h.village(t, { name: '清水村', township: '清水镇' });
  v2 = await h.village(t, { name: '=HYPERLINK("http://evil.example","点我")', township: '@镇' });
  orgId = await h.organizationId(t, { name: '+甲公司' });
  const pairing = await h.activePairing(t, { villageId: v1, orgId, startDate: '2026-01-01' });
  const activity = (date: string, description: string) =>
    h.call('POST', `/api/pairings/${pairing.id}/activities`, {
      token: t.bureau,
      body: { date, type: 'visit', peopleReached: 12, amountFen: 3_000, description },
    });
  expect((await activity('2026-05-20', '五月走访')).status).toBe(201);
  expect((await activity('2026-06-03', '六月走访')).status).toBe(201);
  const donate = (body: Record<string, unknown>) =>
    h.call('POST', '/api/donations', { token: t.bureau, body: { donorType: 'person', donorName: '张三', ...body } });
  expect(
    (
      await donate({
        villageId: v1,
        kind: 'cash',
        amountFen: 123_456,
        donorType: 'organization',
        donorName: '+甲公司',
        organizationId: orgId,
        date: '2026-06-02',
      })
    ).status,
  ).toBe(201);
  expect((await donate({ villageId: v2, kind: 'goods', amountFen: 50_001, description: '课桌 20 套', date: '2026-06-10' })).status).toBe(201);
  expect((await donate({ villageId: v1, kind: 'cash', amountFen: 99_999, date: '2026-05-31' })).status).toBe(201);
  const spend = await h.call('POST', '/api/expenditures', {
    token: t.bureau,
    body: { villageId: v1, amountFen: 12_345, purpose: '-1+1 修路', date: '2026-06-05' },
  });
  expect(spend.status).toBe(201);
  const listing = await h.listing(t, { villageId: v1, priceFen: 4_500 });
  const order = (await h.checkout(t, [{ produceId: listing.id, quantity: 2 }])).body;
  expect((await h.press(order.checkoutUrl, 'pay')).status).toBeLessThan(400);
  // a submitted weekly report for a week starting in June (functions/modules/reports)
  const report = await h.call('POST', '/api/reports', {
    token: t.bureau,
    body: { organizationId: orgId, weekStart: '2026-06-01', summary: '走访', progress: '进展', results: '成效' },
  });
  expect(report.status).toBe(201);
});

async function download(month: string, token = t.bureau) {
  const res = await h.app.request(`/api/exports/ledger.xlsx?month=${month}`, { headers: { authorization: `Bearer ${token}` } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function workbookOf(tt: TestTenant, month: string) {
  const res = await h.app.request(`/api/exports/ledger.xlsx?month=${month}`, { headers: { authorization: `Bearer ${tt.bureau}` } });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  return wb;
}

async function workbook(month: string) {
  const { res, bytes } = await download(month);
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return { wb, res };
}

/** A sheet's rows as objects keyed by the Chinese headers (row 1). */
function rows(wb: ExcelJS.Workbook, name: string): Record<string, unknown>[] {
  const ws = wb.getWorksheet(name)!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, i) => {
    if (i === 1) return;
    out.push(Object.fromEntries(headers.map((h2, j) => [h2, row.getCell(j + 1).value])));
  });
  return out;
}

const fen = (yuan: unknown) => Math.round(Number(yuan ?? 0) * 100);
const body = (r: Record<string, unknown>[]) => r.filter((x) => Object.values(x)[0] !== '合计');
const totalRow = (r: Record<string, unknown>[]) => r.find((x) => Object.values(x)[0] === '合计')!;

describe('the ledger workbook', () => {
  it('has the nine sheets, frozen headers, a Chinese file name', async () => {
    const { wb, res } = await workbook('2026-06');
    expect(wb.worksheets.map((w) => w.name)).toEqual(SHEETS);
    for (const ws of wb.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const cd = res.headers.get('content-disposition')!;
    expect(cd).toContain('filename="ledger-2026-06.xlsx"');
    expect(cd).toContain(`filename*=UTF-8''${encodeURIComponent('工作台帐-2026-06.xlsx')}`);
  });

  it('villages: the month’s cash, goods, use and sales to the fen; totals are the sums', async () => {
    const { wb } = await workbook('2026-06');
    const r = rows(wb, '村庄');
    const clear = body(r).find((x) => x['村名'] === '清水村')!;
    expect(fen(clear[CASH])).toBe(123_456);
    expect(clear[CASH]).toBe(1234.56);
    expect(fen(clear['本月资金使用（元）'])).toBe(12_345);
    expect(fen(clear[SALES])).toBe(9_000);
    expect(fen(clear[GOODS])).toBe(0);
    const other = body(r).find((x) => x['乡镇'] === "'@镇")!;
    expect(other['村名']).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(fen(other[GOODS])).toBe(50_001);
    const total = totalRow(r);
    for (const col of [CASH, GOODS, '本月资金使用（元）', SALES, ...CUMULATIVE]) {
      expect(fen(total[col])).toBe(body(r).reduce((s, x) => s + fen(x[col]), 0));
    }
    expect(fen(total[CASH])).toBe(123_456);
    const ws = wb.getWorksheet('村庄')!;
    const moneyCol = (ws.getRow(1).values as unknown[]).indexOf(CASH);
    expect(ws.getRow(2).getCell(moneyCol).numFmt).toBe('0.00');
  });

  it('organizations: the month’s money, activities and reports; injection escaped', async () => {
    const { wb } = await workbook('2026-06');
    const org = body(rows(wb, '组织')).find((x) => x['组织名称'] === "'+甲公司")!;
    expect(org).toBeDefined();
    expect(fen(org[CASH])).toBe(123_456);
    expect(org['本月帮扶活动']).toBe(1);
    expect(org['本月周报']).toBe(1);
    expect(body(rows(wb, '结对'))).toEqual([expect.objectContaining({ 村庄: '清水村', 组织: "'+甲公司", 状态: '生效中', 开始日期: '2026-01-01' })]);
  });

  it('detail sheets: only the month’s records, totals equal sums, text escaped', async () => {
    const { wb } = await workbook('2026-06');
    const acts = body(rows(wb, '帮扶活动'));
    expect(acts.map((a) => a['内容'])).toEqual(['六月走访']);
    const donations = rows(wb, '捐赠');
    // rule 8: cash and goods in their own columns, each with its own total (never summed together)
    expect(
      body(donations)
        .map((d) => [d['类别'], fen(d['资金（元）']), fen(d['物资折价（元）'])])
        .sort(),
    ).toEqual([
      ['物资', 0, 50_001],
      ['资金', 123_456, 0],
    ]);
    expect(fen(totalRow(donations)['资金（元）'])).toBe(123_456);
    expect(fen(totalRow(donations)['物资折价（元）'])).toBe(50_001);
    const spends = rows(wb, '资金使用');
    expect(body(spends)).toEqual([expect.objectContaining({ 日期: '2026-06-05', 用途: "'-1+1 修路" })]);
    expect(fen(totalRow(spends)['金额（元）'])).toBe(12_345);
    const sales = rows(wb, '消费帮扶');
    expect(body(sales)).toEqual([expect.objectContaining({ 支付日期: '2026-06-15', 村庄: '清水村', 状态: '已支付' })]);
    expect(fen(totalRow(sales)['金额（元）'])).toBe(9_000);
    expect(fen(totalRow(sales)['净额（元）'])).toBe(9_000);
    const reports = body(rows(wb, '周报'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ 周一: '2026-06-01', 组织: "'+甲公司" });
  });

  it('another month shows that month’s records only', async () => {
    const { wb } = await workbook('2026-05');
    expect(body(rows(wb, '捐赠')).map((d) => fen(d['资金（元）']))).toEqual([99_999]);
    expect(body(rows(wb, '帮扶活动')).map((a) => a['内容'])).toEqual(['五月走访']);
    expect(body(rows(wb, '资金使用'))).toEqual([]);
    expect(body(rows(wb, '消费帮扶'))).toEqual([]);
    const clear = body(rows(wb, '村庄')).find((x) => x['村名'] === '清水村')!;
    expect(fen(clear[CASH])).toBe(99_999);
    expect(fen(clear[SALES])).toBe(0);
  });

  it('pages through many records (more than one page of each list)', async () => {
    const tt = await h.tenant();
    const v = await h.village(tt);
    const amounts = Array.from({ length: 130 }, (_, i) => 101 + i * 7);
    for (const amountFen of amounts) {
      const res = await h.call('POST', '/api/donations', {
        token: tt.bureau,
        body: { villageId: v, kind: 'cash', amountFen, donorName: '李四', donorType: 'person', date: '2026-06-01' },
      });
      expect(res.status).toBe(201);
    }
    const res = await h.app.request('/api/exports/ledger.xlsx?month=2026-06', { headers: { authorization: `Bearer ${tt.bureau}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const d = rows(wb, '捐赠');
    expect(body(d)).toHaveLength(130);
    expect(fen(totalRow(d)['资金（元）'])).toBe(amounts.reduce((a, b) => a + b, 0));
    expect(fen(totalRow(rows(wb, '村庄'))[CASH])).toBe(amounts.reduce((a, b) => a + b, 0));
  });

  it('bureau only; a bad month is a 400', async () => {
    expect((await download('2026-13')).res.status).toBe(400);
    expect((await download('2026-6')).res.status).toBe(400);
    const member = (await h.organization(t)).member;
    expect((await download('2026-06', member)).res.status).toBe(403);
    expect((await h.app.request('/api/exports/ledger.xlsx?month=2026-06')).status).toBe(401);
  });
});

describe('the ledger agrees with the dashboard (review findings)', () => {
  const at = (iso: string) => (h.clock.now = new Date(iso));
  const dashboard = async (tt: TestTenant) => {
    const res = await h.call('GET', '/api/dashboard', { token: tt.bureau });
    expect(res.status).toBe(200);
    return res.body;
  };
  const monthly = (d: { monthly: { month: string; salesFen: number }[] }, month: string) => d.monthly.find((m) => m.month === month)!.salesFen;

  it('消费帮扶: a refunded order is shown as refunded and backed out; the month’s net equals the dashboard’s monthly salesFen', async () => {
    const saved = h.clock.now;
    try {
      at('2026-05-20T04:00:00Z');
      const tt = await h.tenant();
      const v = await h.village(tt, { name: '退款村' });
      const listing = await h.listing(tt, { villageId: v, priceFen: 1_000, stock: 50 });
      const buy = async (quantity: number) => {
        const o = await h.checkout(tt, [{ produceId: listing.id, quantity }]);
        expect(o.status).toBe(201);
        expect((await h.press(o.body.checkoutUrl, 'pay')).status).toBeLessThan(400);
        return o.body.orderId as string;
      };
      const refund = async (id: string) => expect((await h.call('POST', `/api/orders/${id}/refund`, { token: tt.bureau, body: {} })).status).toBe(200);
      const mayRefundedInJune = await buy(2); // paid in May (2 000), refunded in June
      await buy(3); // paid in May, kept (3 000)
      at('2026-06-10T04:00:00Z');
      const juneRefunded = await buy(4); // paid and refunded in June (4 000)
      await buy(5); // paid in June, kept (5 000)
      at('2026-06-12T04:00:00Z');
      await refund(mayRefundedInJune);
      await refund(juneRefunded);
      at('2026-06-20T04:00:00Z');
      const dash = await dashboard(tt);
      expect(monthly(dash, '2026-05')).toBe(5_000);
      expect(monthly(dash, '2026-06')).toBe(5_000 - 2_000); // +4 000 +5 000 −4 000 −2 000

      const june = await workbookOf(tt, '2026-06');
      const sales = rows(june, '消费帮扶');
      expect(fen(totalRow(sales)['净额（元）'])).toBe(monthly(dash, '2026-06'));
      expect(fen(totalRow(sales)['金额（元）'])).toBe(9_000);
      expect(fen(totalRow(sales)['退款（元）'])).toBe(6_000);
      // each refunded order says so, with its refund date
      const refunded = body(sales).filter((r) => r['状态'] === '已退款');
      expect(refunded.map((r) => [r['支付日期'], r['退款日期'], fen(r['金额（元）']), fen(r['退款（元）']), fen(r['净额（元）'])]).sort()).toEqual([
        ['2026-05-20', '2026-06-12', 0, 2_000, -2_000],
        ['2026-06-10', '2026-06-12', 4_000, 4_000, 0],
      ]);
      for (const r of body(sales)) expect(fen(r['净额（元）'])).toBe(fen(r['金额（元）']) - fen(r['退款（元）']));
      // the villages sheet's month sales: the same net figure
      const village = body(rows(june, '村庄')).find((x) => x['村名'] === '退款村')!;
      expect(fen(village[SALES])).toBe(monthly(dash, '2026-06'));
      expect(fen(totalRow(rows(june, '村庄'))[SALES])).toBe(monthly(dash, '2026-06'));

      const may = await workbookOf(tt, '2026-05');
      expect(fen(totalRow(rows(may, '消费帮扶'))['净额（元）'])).toBe(monthly(dash, '2026-05'));
      expect(fen(totalRow(rows(may, '村庄'))[SALES])).toBe(monthly(dash, '2026-05'));
    } finally {
      h.clock.now = saved;
    }
  });

  it('rule 8 on the villages sheet: 累计收到现金 = 累计使用 + 余额 + 累计退款 per row and in total; totals equal the dashboard’s donations', async () => {
    const tt = await h.tenant();
    const a = await h.village(tt, { name: '甲村' });
    const b = await h.village(tt, { name: '乙村' });
    await h.village(tt, { name: '丙村' }); // nothing received: zeros
    const donate = async (villageId: string, kind: 'cash' | 'goods', amountFen: number) => {
      const res = await h.call('POST', '/api/donations', {
        token: tt.bureau,
        body: { villageId, kind, amountFen, donorName: '王五', donorType: 'person', date: '2026-06-01', ...(kind === 'goods' ? { description: '物资' } : {}) },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    await donate(a, 'cash', 100_001);
    const refundMe = await donate(a, 'cash', 20_002);
    await donate(b, 'cash', 55_555);
    await donate(b, 'goods', 7_777);
    expect((await h.call('POST', `/api/donations/${refundMe}/refund`, { token: tt.bureau, body: {} })).status).toBe(200);
    const spend = (villageId: string, amountFen: number) =>
      h.call('POST', '/api/expenditures', {
        token: tt.bureau,
        body: { villageId, amountFen, purpose: '修路', category: 'infrastructure', date: '2026-06-05' },
      });
    expect((await spend(a, 33_333)).status).toBe(201);
    expect((await spend(b, 11)).status).toBe(201);

    const r = rows(await workbookOf(tt, '2026-06'), '村庄');
    const [received, used, refunded, balance, goods] = CUMULATIVE;
    const identity = (x: Record<string, unknown>) => expect(fen(x[received])).toBe(fen(x[used]) + fen(x[balance]) + fen(x[refunded]));
    for (const x of body(r)) identity(x);
    const total = totalRow(r);
    identity(total);
    const row = (name: string) => body(r).find((x) => x['村名'] === name)!;
    expect([received, used, refunded, balance, goods].map((c) => fen(row('甲村')[c]))).toEqual([120_003, 33_333, 20_002, 66_668, 0]);
    expect([received, used, refunded, balance, goods].map((c) => fen(row('乙村')[c]))).toEqual([55_555, 11, 0, 55_544, 7_777]);
    expect([received, used, refunded, balance, goods].map((c) => fen(row('丙村')[c]))).toEqual([0, 0, 0, 0, 0]);
    const dash = await dashboard(tt);
    expect({
      cashFen: fen(total[received]),
      usedFen: fen(total[used]),
      refundedFen: fen(total[refunded]),
      balanceFen: fen(total[balance]),
      goodsFen: fen(total[goods]),
    }).toEqual(dash.donations);
  });

  it('捐赠: a donation given back in the month is backed out of the month’s cash and goods, as on the dashboard', async () => {
    const saved = h.clock.now;
    try {
      at('2026-05-10T04:00:00Z');
      const tt = await h.tenant();
      const v = await h.village(tt, { name: '退回村' });
      const donate = async (kind: 'cash' | 'goods', amountFen: number, date: string) => {
        const res = await h.call('POST', '/api/donations', {
          token: tt.bureau,
          body: { villageId: v, kind, amountFen, donorName: '赵六', donorType: 'person', date, ...(kind === 'goods' ? { description: '物资' } : {}) },
        });
        expect(res.status).toBe(201);
        return res.body.id as string;
      };
      const back = async (id: string) => expect((await h.call('POST', `/api/donations/${id}/refund`, { token: tt.bureau, body: {} })).status).toBe(200);
      const mayCash = await donate('cash', 30_000, '2026-05-08'); // given back in June
      await donate('cash', 1_111, '2026-05-09');
      const mayGoods = await donate('goods', 4_000, '2026-05-09'); // given back in June
      at('2026-06-10T04:00:00Z');
      const juneCash = await donate('cash', 2_500, '2026-06-09'); // given back in June
      await donate('cash', 7_000, '2026-06-09');
      await back(mayCash);
      await back(mayGoods);
      await back(juneCash);
      at('2026-06-20T04:00:00Z');
      const m = (await dashboard(tt)).monthly as { month: string; cashFen: number; goodsFen: number }[];
      const month = (x: string) => m.find((e) => e.month === x)!;
      expect(month('2026-06')).toMatchObject({ cashFen: 2_500 + 7_000 - 30_000 - 2_500, goodsFen: -4_000 });
      for (const x of ['2026-05', '2026-06']) {
        const wb = await workbookOf(tt, x);
        const d = totalRow(rows(wb, '捐赠'));
        expect(fen(d['资金（元）']) - fen(d['退回资金（元）']), x).toBe(month(x).cashFen);
        expect(fen(d['物资折价（元）']) - fen(d['退回物资（元）']), x).toBe(month(x).goodsFen);
        const villages = totalRow(rows(wb, '村庄'));
        expect(fen(villages[CASH]), x).toBe(month(x).cashFen);
        expect(fen(villages[GOODS]), x).toBe(month(x).goodsFen);
      }
      const june = body(rows(await workbookOf(tt, '2026-06'), '捐赠'));
      expect(
        june
          .filter((r) => r['状态'] === '已退回')
          .map((r) => [r['日期'], fen(r['资金（元）']), fen(r['退回资金（元）']), fen(r['退回物资（元）'])])
          .sort(),
      ).toEqual([
        ['2026-05-08', 0, 30_000, 0],
        ['2026-05-09', 0, 0, 4_000],
        ['2026-06-09', 2_500, 2_500, 0],
      ]);
    } finally {
      h.clock.now = saved;
    }
  });
});
