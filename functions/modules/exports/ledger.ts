import type { stream } from 'exceljs';
import { dateInZone } from '../../../shared/dates.js';
import type { Activity } from '../../../shared/schemas/activities.js';
import type { Pairing } from '../../../shared/schemas/pairings.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { allVillageFunds, listDonationRecords, listExpenditures, type DonationRecord } from '../donations/store.js';
import { storedFulfilmentsOf } from '../fulfilments/fulfilments.js';
import { listOrderRecords, type OrderRecord } from '../orders/store.js';
import { monthSettlement } from '../settlements/store.js';
import { named, totalsOf } from '../settlements/service.js';
import { listOrganizationItems } from '../organizations/store.js';
import { listPairingItems } from '../pairings/store.js';
import { listReportItems } from '../reports/store.js';
import { listVillageItems } from '../villages/store.js';
import { eachItem, sheet, Totals, type Column } from './sheets.js';
import { tenantTimeZone } from '../tenant/settings.js';

/**
 * The monthly ledger (工作台帐, rule 7), written sheet by sheet into a streaming workbook. Records
 * are read a page at a time through the stores' cursor queries; only per-village and
 * per-organization sums (small maps) are held, from a first pass over the month's records.
 */
const PAGE = 100;
const ZH = {
  village: { unlifted: '未出列', lifted: '已出列' },
  pairing: { pending: '待审核', active: '生效中', ended: '已结束', rejected: '已驳回' },
  donation: { pending_payment: '待支付', confirmed: '已确认', expired: '已过期', refunded: '已退回' },
  kind: { cash: '资金', goods: '物资' },
  order: { pending_payment: '待支付', paid: '已支付', shipped: '已发货', delivered: '已收货', cancelled: '已取消', expired: '已过期', refunded: '已退款' },
  activity: { visit: '走访', training: '培训', employment: '就业', sales: '消费帮扶', other: '其他' },
  org: { enterprise: '企业', social_org: '社会组织', public_institution: '事业单位' },
  orgStatus: { pending: '待审核', approved: '已通过', rejected: '已驳回', suspended: '已暂停' },
  report: { onTime: '按时', late: '迟报' }, // the console's words (timeliness.*)
} as const;
const zh = (table: Record<string, string>, key: string | null | undefined) => (key ? (table[key] ?? key) : '');

type Sums = { cashFen: number; goodsFen: number; usedFen: number; salesFen: number; activities: number; reports: number };
const sums = (m: Map<string, Sums>, id: string): Sums => {
  let s = m.get(id);
  if (!s) m.set(id, (s = { cashFen: 0, goodsFen: 0, usedFen: 0, salesFen: 0, activities: 0, reports: 0 }));
  return s;
};

export type LedgerScope = { store: TenantStore; month: string };

/**
 * The ledger's rule for weekly reports: every week (Monday to Sunday) with at least one day in the
 * month — a week that spans two months is in both months' ledgers (a report filed in December for
 * the week of 30 November is in December's, and in November's).
 */
export const REPORT_WEEKS_RULE = '本表收录与本月有交集的每一周（周一至周日至少有一天在本月）的已提交周报；跨月的周在两个月的台账中都列出。';

/** The Mondays of the weeks that overlap the month: the first may fall in the month before. */
export function mondaysOf(month: string): string[] {
  const out: string[] = [];
  const d = new Date(`${month}-01T00:00:00Z`);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() - 1);
  out.push(d.toISOString().slice(0, 10));
  d.setUTCDate(d.getUTCDate() + 7);
  for (; d.toISOString().startsWith(month); d.setUTCDate(d.getUTCDate() + 7)) out.push(d.toISOString().slice(0, 10));
  return out;
}

const counted = (d: DonationRecord) => d.status === 'confirmed' || d.status === 'refunded';
/** Orders that were paid (the dashboard's sales and its recount count these; refunded ones also back out). */
const SOLD = new Set<string>(['paid', 'shipped', 'delivered', 'refunded']);

function scope(store: TenantStore, month: string, tz: string) {
  const inMonth = (date: string | null | undefined) => !!date && date.startsWith(month);
  return {
    /**
     * Donations moved in the month, as the dashboard's MONTH# counter moves them (counters/store.ts):
     * + in the month of their date, − in the month they were given back (tenant time zone).
     */
    donations: async function* () {
      for await (const d of eachItem((cursor) => listDonationRecords(store, { limit: PAGE, cursor }))) {
        if (!counted(d)) continue;
        const dated = inMonth(d.date);
        const returned = d.status === 'refunded' && !!d.refundedAt && inMonth(dateInZone(new Date(d.refundedAt), tz));
        if (dated || returned) yield { ...d, dated, returned };
      }
    },
    expenditures: async function* () {
      for await (const e of eachItem((cursor) => listExpenditures(store, { limit: PAGE, cursor }))) if (inMonth(e.date)) yield e;
    },
    /**
     * Consumption aid moved in the month, as the dashboard's MONTH# counter moves it
     * (counters/store.ts orderMoves): an order counts + in the month it was paid (tenant time zone)
     * and − in the month it was refunded. `paid`/`refunded` say which of the two fall in the month.
     */
    orders: async function* () {
      for await (const o of eachItem((cursor) => listOrderRecords(store, { limit: PAGE, cursor }))) {
        if (!o.paidAt || !SOLD.has(o.status)) continue;
        const paid = inMonth(dateInZone(new Date(o.paidAt), tz));
        // the parcels given back in the month (a whole order's refund is every parcel's)
        const refundedParcels = storedFulfilmentsOf(o).filter(
          (f) => f.status === 'refunded' && !!f.refundedAt && inMonth(dateInZone(new Date(f.refundedAt), tz)),
        );
        const refunded = refundedParcels.length > 0;
        if (paid || refunded) yield { ...o, paid, refunded, refundedParcels };
      }
    },
    pairings: () => eachItem((cursor) => listPairingItems(store, { limit: PAGE, cursor })),
    /** activities dated in the month: each pairing's range query, skipped when it has none since */
    activities: async function* () {
      for await (const p of eachItem<Pairing>((cursor) => listPairingItems(store, { limit: PAGE, cursor }))) {
        if (!p.lastActivityOn || p.lastActivityOn < `${month}-01`) continue;
        const q = { pk: store.pk('PAIRING', p.id, 'ACTIVITY'), skBetween: [`${month}-01`, `${month}-31\uffff`] as [string, string] };
        for await (const a of eachItem((cursor) => store.query<Activity>({ ...q, limit: PAGE, cursor }))) yield { ...a, pairing: p };
      }
    },
    reports: async function* () {
      for (const weekStart of mondaysOf(month)) yield* eachItem((cursor) => listReportItems(store, { weekStart, limit: PAGE, cursor }));
    },
  };
}

const orderVillageFen = (o: Pick<OrderRecord, 'lines'>) => {
  const m = new Map<string, number>();
  for (const l of o.lines) m.set(l.villageId, (m.get(l.villageId) ?? 0) + l.priceFen * l.quantity);
  return m;
};

const t = (header: string, key: string, width?: number): Column => ({ header, key, kind: 'text', width });
const y = (header: string, key: string): Column => ({ header, key, kind: 'yuan' });
const n = (header: string, key: string): Column => ({ header, key, kind: 'int' });

export async function writeLedger(wb: stream.xlsx.WorkbookWriter, { store, month }: LedgerScope): Promise<void> {
  const tz = await tenantTimeZone(store);
  const src = scope(store, month, tz);
  // pass 1: the month's sums per village and per organization
  const byVillage = new Map<string, Sums>();
  const byOrg = new Map<string, Sums>();
  for await (const d of src.donations()) {
    const key = d.kind === 'cash' ? 'cashFen' : 'goodsFen';
    const net = (d.dated ? d.amountFen : 0) - (d.returned ? d.amountFen : 0);
    sums(byVillage, d.villageId)[key] += net;
    if (d.organizationId) sums(byOrg, d.organizationId)[key] += net;
  }
  for await (const e of src.expenditures()) sums(byVillage, e.villageId).usedFen += e.amountFen;
  // net of refunds: paid in the month +, refunded in the month − (equals the dashboard's monthly salesFen)
  for await (const o of src.orders()) {
    if (o.paid) for (const [v, fen] of orderVillageFen(o)) sums(byVillage, v).salesFen += fen;
    for (const f of o.refundedParcels) for (const [v, fen] of orderVillageFen(f)) sums(byVillage, v).salesFen -= fen;
  }
  // rule 8, cumulative as of the export: each village's FUNDS counter item (the dashboard's donations are their sum)
  const funds = await allVillageFunds(store);
  for await (const a of src.activities()) sums(byOrg, a.organizationId).activities += 1;
  for await (const r of src.reports()) if (r.submittedAt) sums(byOrg, r.organizationId).reports += 1;

  const money = ['cashFen', 'goodsFen', 'usedFen', 'salesFen'];
  let s = sheet(wb, '村庄', [
    t('村名', 'name'),
    t('乡镇', 'township'),
    t('县', 'county'),
    n('户数', 'households'),
    n('人口', 'population'),
    n('建档立卡户数', 'poorHouseholds'),
    t('状态', 'status', 10),
    t('挂牌督战', 'supervised', 10),
    n('生效结对', 'activePairings'),
    y('本月捐款（元，已扣退回）', 'cashFen'),
    y('本月捐物折价（元，已扣退回）', 'goodsFen'),
    y('本月资金使用（元）', 'usedFen'),
    y('本月消费帮扶（元，已扣退款）', 'salesFen'),
    // rule 8: 累计收到现金 = 累计使用 + 余额 + 累计退款, to the fen; goods apart
    y('累计收到现金（元）', 'cashReceivedFen'),
    y('累计使用（元）', 'cashUsedFen'),
    y('累计退款（元）', 'refundedFen'),
    y('余额（元）', 'balanceFen'),
    y('物资折价累计（元）', 'goodsTotalFen'),
  ]);
  const cumulative = ['cashReceivedFen', 'cashUsedFen', 'refundedFen', 'balanceFen', 'goodsTotalFen'];
  let tot = new Totals();
  const seen = new Set<string>();
  const cumulativeOf = (villageId: string) => {
    const f = funds.get(villageId);
    return {
      cashReceivedFen: f?.cashReceivedFen ?? 0,
      cashUsedFen: f?.cashUsedFen ?? 0,
      refundedFen: f?.refundedFen ?? 0,
      balanceFen: f?.balanceFen ?? 0,
      goodsTotalFen: f?.goodsFen ?? 0,
    };
  };
  for await (const v of eachItem((cursor) => listVillageItems(store, { limit: PAGE, cursor }))) {
    seen.add(v.id);
    const row = { ...v, status: zh(ZH.village, v.status), supervised: v.supervised ? '是' : '否', ...sums(byVillage, v.id), ...cumulativeOf(v.id) };
    s.add(row);
    tot.add(row, [...money, ...cumulative]);
  }
  // money counted for a village no longer listed (none today: villages are not deleted) still reaches the totals
  for (const id of new Set([...funds.keys(), ...byVillage.keys()])) {
    if (seen.has(id)) continue;
    const row = { name: id, ...sums(byVillage, id), ...cumulativeOf(id) };
    s.add(row);
    tot.add(row, [...money, ...cumulative]);
  }
  s.total('合计', tot.sums);
  await s.commit();

  s = sheet(wb, '组织', [
    t('组织名称', 'name', 28),
    t('类型', 'kind', 10),
    t('统一社会信用代码', 'creditCode', 22),
    t('状态', 'status', 10),
    t('联系人', 'contactName'),
    n('生效结对', 'activePairings'),
    y('本月捐款（元，已扣退回）', 'cashFen'),
    y('本月捐物折价（元，已扣退回）', 'goodsFen'),
    n('本月帮扶活动', 'activities'),
    { ...n('本月周报', 'reports'), note: REPORT_WEEKS_RULE },
  ]);
  tot = new Totals();
  for await (const o of eachItem((cursor) => listOrganizationItems(store, { limit: PAGE, cursor }))) {
    const row = { ...o, kind: zh(ZH.org, o.kind), status: zh(ZH.orgStatus, o.status), ...sums(byOrg, o.id) };
    s.add(row);
    tot.add(row, ['cashFen', 'goodsFen', 'activities', 'reports']);
  }
  s.total('合计', tot.sums);
  await s.commit();

  s = sheet(wb, '结对', [
    t('村庄', 'villageName'),
    t('组织', 'organizationName', 28),
    t('状态', 'status', 10),
    t('开始日期', 'startDate', 12),
    t('结束日期', 'endDate', 12),
    n('帮扶活动（累计）', 'activityCount'),
  ]);
  for await (const p of src.pairings()) s.add({ ...p, status: zh(ZH.pairing, p.status) });
  await s.commit();

  s = sheet(wb, '帮扶活动', [
    t('日期', 'date', 12),
    t('村庄', 'villageName'),
    t('组织', 'organizationName', 28),
    t('类型', 'type', 10),
    n('受益人数', 'peopleReached'),
    y('资金（元）', 'amountFen'),
    y('物资折价（元）', 'goodsFen'),
    t('内容', 'description', 40),
  ]);
  tot = new Totals();
  for await (const a of src.activities()) {
    const row = { ...a, villageName: a.pairing.villageName, organizationName: a.pairing.organizationName, type: zh(ZH.activity, a.type) };
    s.add(row);
    tot.add(row, ['peopleReached', 'amountFen', 'goodsFen']);
  }
  s.total('合计', tot.sums);
  await s.commit();

  // rule 8: goods at their estimated value in their own column, never summed into cash. A donation
  // dated in the month fills 资金/物资折价; one given back in the month (dated then or before) fills
  // 退回资金/退回物资: the month's cash is 资金 − 退回资金 (the dashboard's monthly cashFen), goods alike.
  s = sheet(wb, '捐赠', [
    t('日期', 'date', 12),
    t('收据编号', 'serialNo', 16),
    t('村庄', 'villageName'),
    t('类别', 'kind', 8),
    y('资金（元）', 'cashFen'),
    y('物资折价（元）', 'goodsFen'),
    t('捐赠方', 'donorName', 24),
    t('状态', 'status', 10),
    t('退回日期', 'returnedOn', 12),
    y('退回资金（元）', 'returnedCashFen'),
    y('退回物资（元）', 'returnedGoodsFen'),
    t('说明', 'description', 30),
  ]);
  tot = new Totals();
  for await (const d of src.donations()) {
    const cash = d.kind === 'cash';
    const row = {
      ...d,
      kind: zh(ZH.kind, d.kind),
      cashFen: d.dated && cash ? d.amountFen : null,
      goodsFen: d.dated && !cash ? d.amountFen : null,
      status: zh(ZH.donation, d.status),
      donorName: d.anonymous ? '匿名' : d.donorName,
      returnedOn: d.refundedAt ? dateInZone(new Date(d.refundedAt), tz) : '',
      returnedCashFen: d.returned && cash ? d.amountFen : null,
      returnedGoodsFen: d.returned && !cash ? d.amountFen : null,
    };
    s.add(row);
    tot.add(row, ['cashFen', 'goodsFen', 'returnedCashFen', 'returnedGoodsFen']);
  }
  s.total('合计', tot.sums);
  await s.commit();

  s = sheet(wb, '资金使用', [t('日期', 'date', 12), t('村庄', 'villageName'), y('金额（元）', 'amountFen'), t('用途', 'purpose', 40)]);
  tot = new Totals();
  for await (const e of src.expenditures()) {
    s.add(e);
    tot.add(e, ['amountFen']);
  }
  s.total('合计', tot.sums);
  await s.commit();

  // an order paid in the month: 金额; refunded in the month (paid then or before): 退款; 净额 = 金额 − 退款.
  // The 净额 total is the dashboard's monthly salesFen for the month.
  s = sheet(wb, '消费帮扶', [
    t('支付日期', 'paidOn', 12),
    t('订单号', 'id', 30),
    t('村庄', 'villages', 24),
    t('商品', 'items', 40),
    y('金额（元）', 'totalFen'),
    t('退款日期', 'refundedOn', 12),
    y('退款（元）', 'refundFen'),
    y('净额（元）', 'netFen'),
    t('状态', 'status', 10),
  ]);
  tot = new Totals();
  for await (const o of src.orders()) {
    const paidFen = o.paid ? o.totalFen : 0;
    const refundFen = o.refundedParcels.reduce((sum, f) => sum + f.totalFen, 0);
    const row = {
      id: o.id,
      paidOn: dateInZone(new Date(o.paidAt!), tz),
      villages: [...new Set(o.lines.map((l) => l.villageName))].join('、'),
      items: o.lines.map((l) => `${l.name}×${l.quantity}`).join('、'),
      totalFen: o.paid ? paidFen : null,
      refundedOn: [...new Set(o.refundedParcels.map((f) => dateInZone(new Date(f.refundedAt!), tz)))].join('、'),
      refundFen: o.refunded ? refundFen : null,
      netFen: paidFen - refundFen,
      status: zh(ZH.order, o.status),
    };
    s.add(row);
    tot.add(row, ['totalFen', 'refundFen', 'netFen']);
  }
  s.total('合计', tot.sums);
  await s.commit();

  // 结算: one row per seller for the month, from the settlement counters (GET /api/settlements's figures):
  // 应结 = 销售额 − 退款 − 手续费 = 已付 + 未付
  s = sheet(wb, '结算', [
    t('销售单位', 'organizationName', 28),
    n('订单数', 'orders'),
    y('销售额（元）', 'grossFen'),
    y('退款（元）', 'refundsFen'),
    y('支付手续费（元）', 'feesFen'),
    y('应结（元）', 'payableFen'),
    y('已付（元）', 'paidOutFen'),
    y('未付（元）', 'owedFen'),
  ]);
  const settlement = await monthSettlement(store, month);
  const settled = await named(store, settlement.sellers);
  for (const row of settled) s.add(row);
  s.total('合计', totalsOf(settled, settlement.paidOrders));
  await s.commit();

  s = sheet(wb, '周报', [
    { ...t('周一', 'weekStart', 12), note: REPORT_WEEKS_RULE },
    t('组织', 'organizationName', 28),
    t('提交日期', 'submittedAt', 12),
    t('是否按时', 'timeliness', 10),
    t('该周工作', 'summary', 40),
    t('进展', 'progress', 30),
    t('成效', 'results', 30),
  ]);
  for await (const r of src.reports()) {
    if (!r.submittedAt) continue;
    s.add({ ...r, submittedAt: dateInZone(new Date(r.submittedAt), tz), timeliness: zh(ZH.report, r.timeliness) });
  }
  await s.commit();
}
