import type { stream } from 'exceljs';
import { dateInZone } from '../../../shared/dates.js';
import type { Activity } from '../../../shared/schemas/activities.js';
import type { Pairing } from '../../../shared/schemas/pairings.js';
import type { TenantStore } from '../../store/tenant-store.js';
import { listDonationRecords, listExpenditures, type DonationRecord } from '../donations/store.js';
import { getTenant } from '../identity/store.js';
import { listOrderRecords, type OrderRecord } from '../orders/store.js';
import { listOrganizationItems } from '../organizations/store.js';
import { listPairingItems } from '../pairings/store.js';
import { listReportItems } from '../reports/store.js';
import { listVillageItems } from '../villages/store.js';
import { eachItem, sheet, Totals, type Column } from './sheets.js';

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
  report: { onTime: '按时', late: '逾期' },
} as const;
const zh = (table: Record<string, string>, key: string | null | undefined) => (key ? (table[key] ?? key) : '');

type Sums = { cashFen: number; goodsFen: number; usedFen: number; salesFen: number; activities: number; reports: number };
const sums = (m: Map<string, Sums>, id: string): Sums => {
  let s = m.get(id);
  if (!s) m.set(id, (s = { cashFen: 0, goodsFen: 0, usedFen: 0, salesFen: 0, activities: 0, reports: 0 }));
  return s;
};

export type LedgerScope = { store: TenantStore; month: string };

/** The Mondays whose week starts in the month. */
function mondaysOf(month: string): string[] {
  const out: string[] = [];
  const d = new Date(`${month}-01T00:00:00Z`);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  for (; d.toISOString().startsWith(month); d.setUTCDate(d.getUTCDate() + 7)) out.push(d.toISOString().slice(0, 10));
  return out;
}

const counted = (d: DonationRecord) => d.status === 'confirmed' || d.status === 'refunded';

function scope(store: TenantStore, month: string, tz: string) {
  const inMonth = (date: string | null | undefined) => !!date && date.startsWith(month);
  return {
    donations: async function* () {
      for await (const d of eachItem((cursor) => listDonationRecords(store, { limit: PAGE, cursor }))) if (counted(d) && inMonth(d.date)) yield d;
    },
    expenditures: async function* () {
      for await (const e of eachItem((cursor) => listExpenditures(store, { limit: PAGE, cursor }))) if (inMonth(e.date)) yield e;
    },
    /** orders paid in the month (tenant time zone) */
    orders: async function* () {
      for await (const o of eachItem((cursor) => listOrderRecords(store, { limit: PAGE, cursor }))) if (o.paidAt && inMonth(dateInZone(new Date(o.paidAt), tz))) yield o;
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

const orderVillageFen = (o: OrderRecord) => {
  const m = new Map<string, number>();
  for (const l of o.lines) m.set(l.villageId, (m.get(l.villageId) ?? 0) + l.priceFen * l.quantity);
  return m;
};

const t = (header: string, key: string, width?: number): Column => ({ header, key, kind: 'text', width });
const y = (header: string, key: string): Column => ({ header, key, kind: 'yuan' });
const n = (header: string, key: string): Column => ({ header, key, kind: 'int' });

export async function writeLedger(wb: stream.xlsx.WorkbookWriter, { store, month }: LedgerScope): Promise<void> {
  const tz = (await getTenant(store))?.timeZone ?? 'Asia/Shanghai';
  const src = scope(store, month, tz);
  // pass 1: the month's sums per village and per organization
  const byVillage = new Map<string, Sums>();
  const byOrg = new Map<string, Sums>();
  for await (const d of src.donations()) {
    const key = d.kind === 'cash' ? 'cashFen' : 'goodsFen';
    sums(byVillage, d.villageId)[key] += d.amountFen;
    if (d.organizationId) sums(byOrg, d.organizationId)[key] += d.amountFen;
  }
  for await (const e of src.expenditures()) sums(byVillage, e.villageId).usedFen += e.amountFen;
  for await (const o of src.orders()) for (const [v, fen] of orderVillageFen(o)) sums(byVillage, v).salesFen += fen;
  for await (const a of src.activities()) sums(byOrg, a.organizationId).activities += 1;
  for await (const r of src.reports()) if (r.submittedAt) sums(byOrg, r.organizationId).reports += 1;

  const money = ['cashFen', 'goodsFen', 'usedFen', 'salesFen'];
  let s = sheet(wb, '村庄', [
    t('村名', 'name'), t('乡镇', 'township'), t('县', 'county'), n('户数', 'households'), n('人口', 'population'), n('建档立卡户数', 'poorHouseholds'),
    t('状态', 'status', 10), t('挂牌督战', 'supervised', 10), n('生效结对', 'activePairings'),
    y('本月捐款（元）', 'cashFen'), y('本月捐物折价（元）', 'goodsFen'), y('本月资金使用（元）', 'usedFen'), y('本月消费帮扶（元）', 'salesFen'),
  ]);
  let tot = new Totals();
  for await (const v of eachItem((cursor) => listVillageItems(store, { limit: PAGE, cursor }))) {
    const row = { ...v, status: zh(ZH.village, v.status), supervised: v.supervised ? '是' : '否', ...sums(byVillage, v.id) };
    s.add(row);
    tot.add(row, money);
  }
  s.total('合计', tot.sums);
  await s.commit();

  s = sheet(wb, '组织', [
    t('组织名称', 'name', 28), t('类型', 'kind', 10), t('统一社会信用代码', 'creditCode', 22), t('状态', 'status', 10), t('联系人', 'contactName'), n('生效结对', 'activePairings'),
    y('本月捐款（元）', 'cashFen'), y('本月捐物折价（元）', 'goodsFen'), n('本月帮扶活动', 'activities'), n('本月周报', 'reports'),
  ]);
  tot = new Totals();
  for await (const o of eachItem((cursor) => listOrganizationItems(store, { limit: PAGE, cursor }))) {
    const row = { ...o, kind: zh(ZH.org, o.kind), status: zh(ZH.orgStatus, o.status), ...sums(byOrg, o.id) };
    s.add(row);
    tot.add(row, ['cashFen', 'goodsFen', 'activities', 'reports']);
  }
  s.total('合计', tot.sums);
  await s.commit();

  s = sheet(wb, '结对', [t('村庄', 'villageName'), t('组织', 'organizationName', 28), t('状态', 'status', 10), t('开始日期', 'startDate', 12), t('结束日期', 'endDate', 12), n('帮扶活动（累计）', 'activityCount')]);
  for await (const p of src.pairings()) s.add({ ...p, status: zh(ZH.pairing, p.status) });
  await s.commit();

  s = sheet(wb, '帮扶活动', [t('日期', 'date', 12), t('村庄', 'villageName'), t('组织', 'organizationName', 28), t('类型', 'type', 10), n('受益人数', 'peopleReached'), y('资金（元）', 'amountFen'), y('物资折价（元）', 'goodsFen'), t('内容', 'description', 40)]);
  tot = new Totals();
  for await (const a of src.activities()) {
    const row = { ...a, villageName: a.pairing.villageName, organizationName: a.pairing.organizationName, type: zh(ZH.activity, a.type) };
    s.add(row);
    tot.add(row, ['peopleReached', 'amountFen', 'goodsFen']);
  }
  s.total('合计', tot.sums);
  await s.commit();

  // rule 8: goods at their estimated value in their own column, never summed into cash
  s = sheet(wb, '捐赠', [
    t('日期', 'date', 12), t('收据编号', 'serialNo', 16), t('村庄', 'villageName'), t('类别', 'kind', 8),
    y('资金（元）', 'cashFen'), y('物资折价（元）', 'goodsFen'), t('捐赠方', 'donorName', 24), t('状态', 'status', 10), t('说明', 'description', 30),
  ]);
  tot = new Totals();
  for await (const d of src.donations()) {
    const row = {
      ...d,
      kind: zh(ZH.kind, d.kind),
      cashFen: d.kind === 'cash' ? d.amountFen : null,
      goodsFen: d.kind === 'goods' ? d.amountFen : null,
      status: zh(ZH.donation, d.status),
      donorName: d.anonymous ? '匿名' : d.donorName,
    };
    s.add(row);
    tot.add(row, ['cashFen', 'goodsFen']);
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

  s = sheet(wb, '消费帮扶', [t('支付日期', 'paidOn', 12), t('订单号', 'id', 30), t('村庄', 'villages', 24), t('商品', 'items', 40), y('金额（元）', 'totalFen'), t('状态', 'status', 10)]);
  tot = new Totals();
  for await (const o of src.orders()) {
    const row = {
      id: o.id,
      paidOn: dateInZone(new Date(o.paidAt!), tz),
      villages: [...new Set(o.lines.map((l) => l.villageName))].join('、'),
      items: o.lines.map((l) => `${l.name}×${l.quantity}`).join('、'),
      totalFen: o.totalFen,
      status: zh(ZH.order, o.status),
    };
    s.add(row);
    tot.add(row, ['totalFen']);
  }
  s.total('合计', tot.sums);
  await s.commit();

  s = sheet(wb, '周报', [t('周一', 'weekStart', 12), t('组织', 'organizationName', 28), t('提交日期', 'submittedAt', 12), t('是否按时', 'timeliness', 10), t('本周工作', 'summary', 40), t('进展', 'progress', 30), t('成效', 'results', 30)]);
  for await (const r of src.reports()) {
    if (!r.submittedAt) continue;
    s.add({ ...r, submittedAt: dateInZone(new Date(r.submittedAt), tz), timeliness: zh(ZH.report, r.timeliness) });
  }
  await s.commit();
}
