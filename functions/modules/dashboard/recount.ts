import { addDays, daysBetween, dateInZone } from '../../../shared/dates.js';
import { NEED_STATUSES } from '../../../shared/schemas/needs.js';
import type { Dashboard } from '../../../shared/schemas/dashboard.js';
import type { ServiceContext } from '../context.js';
import { monthOfDate, type Deltas } from '../counters/store.js';
import { getTenant } from '../tenant/store.js';
import type { TenantStore } from '../../store/tenant-store.js';
import type { GapFlag } from '../pairings/store.js';
import { coverageSortKey, strip as stripVillage } from '../villages/store.js';
import { recountReports, recountVisits } from '../reports/dashboard.js';
import { deadlineOf, dueWeek, reportingRules } from '../report-weeks/weeks.js';
import { reportsPart } from './reports-adapter.js';
import { GAP_FLAG_LIMIT, lastMonths, UNCOVERED_LIMIT, type Flag } from './service.js';
import { storedFulfilmentsOf } from '../fulfilments/fulfilments.js';
import type { OrderRecord } from '../orders/store.js';
import { settingsOf } from '../tenant/settings.js';
import { overLimitFlags, overLimitOf } from '../pairings/limit.js';

/** Every item of a partition, however many (the recount alone reads whole partitions). */
const everything = <T = Record<string, unknown>>(store: TenantStore, pk: string) => store.queryAll<T>({ pk }, Number.MAX_SAFE_INTEGER);

type Rec = Record<string, unknown>;
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/**
 * What the counter items should hold, computed from the records themselves: every village,
 * pairing, donation, expenditure, order and the year's commitments (full reads; the dashboard's
 * invariant test and the one-off backfill use it). `counters` are the absolute values for every
 * counter item the dashboard reads (MONTH# for every month any record falls in, COMMITMENTS# for
 * the years asked); `dashboard` is GET /api/dashboard as it must read.
 */
export async function recount(ctx: Pick<ServiceContext, 'store' | 'now'>, extraYears: number[] = []) {
  const store = ctx.store;
  const tenant = await getTenant(store);
  const tz = settingsOf(tenant).timeZone;
  const today = dateInZone(ctx.now, tz);
  const year = Number(today.slice(0, 4));
  const local = (iso: string) => dateInZone(new Date(iso), tz);
  const [villageItems, pairings, donations, expenditures, orders, gapItems, needItems] = await Promise.all([
    everything(store, store.pk('VILLAGE')),
    everything(store, store.pk('PAIRING')),
    everything(store, store.pk('DONATION')),
    everything(store, store.pk('EXPENDITURE')),
    everything(store, store.pk('ORDER')),
    store.queryAll<Rec>({ pk: store.pk('FLAG'), skBeginsWith: 'GAP#' }, Number.MAX_SAFE_INTEGER),
    everything(store, store.pk('NEED')),
  ]);
  const villages = villageItems.map(stripVillage);

  // pairings: by status, and the active ones per village and per organization
  const pairingCounts: Deltas = { pending: 0, active: 0, ended: 0, rejected: 0 };
  const activeByVillage = new Map<string, number>();
  const activeByOrg = new Map<string, { name: string; n: number }>();
  for (const p of pairings) {
    pairingCounts[String(p.status)] = (pairingCounts[String(p.status)] ?? 0) + 1;
    if (p.status !== 'active') continue;
    activeByVillage.set(String(p.villageId), (activeByVillage.get(String(p.villageId)) ?? 0) + 1);
    const o = activeByOrg.get(String(p.organizationId)) ?? { name: String(p.organizationName), n: 0 };
    o.n += 1;
    activeByOrg.set(String(p.organizationId), o);
  }

  // villages (rule 1): covered = supervised with at least one active pairing record
  const villageCounts = { total: villages.length, supervised: 0, covered: 0 };
  const uncovered = [];
  for (const v of villages) {
    if (!v.supervised) continue;
    villageCounts.supervised += 1;
    if ((activeByVillage.get(v.id) ?? 0) > 0) villageCounts.covered += 1;
    else uncovered.push(v);
  }
  uncovered.sort((a, b) => (coverageSortKey(a) < coverageSortKey(b) ? -1 : 1));

  const funds = { cashFen: 0, usedFen: 0, balanceFen: 0, refundedFen: 0, goodsFen: 0 };
  const months = new Map<string, Deltas>();
  const addMonth = (month: string, by: Deltas) => {
    const m = months.get(month) ?? { cashFen: 0, goodsFen: 0, usedFen: 0, salesFen: 0, paidOrders: 0 };
    for (const [k, v] of Object.entries(by)) m[k] += v;
    months.set(month, m);
  };
  for (const d of donations) {
    if (d.status !== 'confirmed' && d.status !== 'refunded') continue;
    const a = num(d.amountFen);
    const col = d.kind === 'cash' ? 'cashFen' : 'goodsFen';
    addMonth(monthOfDate(String(d.date)), { [col]: a });
    if (d.kind === 'cash') {
      funds.cashFen += a;
      if (d.status === 'refunded') funds.refundedFen += a;
      else funds.balanceFen += a;
    } else if (d.status === 'confirmed') funds.goodsFen += a;
    if (d.status === 'refunded') addMonth(monthOfDate(local(String(d.refundedAt))), { [col]: -a });
  }
  for (const e of expenditures) {
    const a = num(e.amountFen);
    funds.usedFen += a;
    funds.balanceFen -= a;
    addMonth(monthOfDate(String(e.date)), { usedFen: a });
  }

  const sales = { paidOrders: 0, totalFen: 0 };
  const purchasedByYear = new Map<number, number>();
  for (const o of orders) {
    if (!o.paidAt || !['paid', 'shipped', 'delivered', 'refunded'].includes(String(o.status))) continue;
    const total = num(o.totalFen);
    addMonth(monthOfDate(local(String(o.paidAt))), { salesFen: total, paidOrders: 1 });
    // each refunded parcel comes off in its refund's month; the order leaves the count with its last
    let refundedFen = 0;
    for (const f of storedFulfilmentsOf(o as unknown as OrderRecord)) {
      if (f.status !== 'refunded') continue;
      refundedFen += f.totalFen;
      addMonth(monthOfDate(local(String(f.refundedAt))), { salesFen: -f.totalFen });
    }
    if (o.status === 'refunded') addMonth(monthOfDate(local(String(o.refundedAt))), { paidOrders: -1 });
    else sales.paidOrders += 1;
    sales.totalFen += total - refundedFen;
    if (o.buyerOrganizationId && o.commitmentYear)
      purchasedByYear.set(num(o.commitmentYear), (purchasedByYear.get(num(o.commitmentYear)) ?? 0) + total - refundedFen);
  }

  // rule 9: organizations with a commitment and the amounts, per year asked (this year always)
  const years = [...new Set([year, ...extraYears, ...purchasedByYear.keys()])];
  const commitments = new Map<number, Deltas>();
  for (const y of years) {
    const items = await everything(store, store.pk('COMMITMENT', String(y)));
    const c = { organizations: 0, committedFen: 0, purchasedFen: purchasedByYear.get(y) ?? 0 };
    for (const i of items) {
      if (num(i.committedFen) > 0) c.organizations += 1;
      c.committedFen += num(i.committedFen);
    }
    commitments.set(y, c);
  }

  const settings = settingsOf(tenant);
  const overLimit = overLimitOf(activeByOrg, settings);

  const openGaps = villages
    .filter((v) => (activeByVillage.get(v.id) ?? 0) === 0 && v.gapOpenSince)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((v) => ({ villageId: v.id, villageName: v.name, endedOn: v.gapOpenSince as string }));
  const closedGaps = gapItems.map(({ pk: _p, sk: _s, ...rest }) => rest as GapFlag);

  // needs by status, from the need records themselves (not the needs module's COUNTERS/NEEDS)
  const needs = Object.fromEntries(NEED_STATUSES.map((st) => [st, 0])) as Record<(typeof NEED_STATUSES)[number], number>;
  for (const need of needItems) if (String(need.status) in needs) needs[need.status as keyof typeof needs] += 1;

  // rules 3 and 10: the due week and the week being collected, from the pairing and report records
  // (recountReports), not the week snapshots the dashboard reads. The flags (ladder) still come from
  // the reports module's snapshots. Visits (rule 4) from the pairing and activity records too
  // (recountVisits), not the quarter item.
  const sctx = ctx as ServiceContext;
  const rules = await reportingRules(sctx);
  const due = dueWeek(sctx, rules);
  const collecting = addDays(due, 7);
  const [reports, recountedVisits, dueRecount, collectingRecount] = await Promise.all([
    reportsPart(sctx),
    recountVisits(sctx),
    recountReports(sctx, due),
    recountReports(sctx, collecting),
  ]);
  const visits = { visits: recountedVisits.visits, visitFlags: recountedVisits.flags };
  const shownUncovered = uncovered.slice(0, UNCOVERED_LIMIT);
  const commitmentsNow = commitments.get(year)!;
  const dashboard: Dashboard = {
    villages: {
      ...villageCounts,
      uncovered: shownUncovered.map((v) => ({ id: v.id, name: v.name, township: v.township, poorHouseholds: v.poorHouseholds })),
    },
    pairings: { active: pairingCounts.active, pending: pairingCounts.pending },
    sales,
    donations: funds,
    reports: {
      weekStart: due,
      deadline: deadlineOf(rules, due),
      onTime: dueRecount.onTime.length,
      late: dueRecount.late.length,
      missing: dueRecount.missing.length,
    },
    reportsThisWeek: {
      weekStart: collecting,
      deadline: deadlineOf(rules, collecting),
      submitted: collectingRecount.onTime.length + collectingRecount.late.length,
      expected: collectingRecount.expected.length,
    },
    visits: visits.visits,
    needs,
    commitments: { year, organizations: commitmentsNow.organizations, committedFen: commitmentsNow.committedFen, purchasedFen: commitmentsNow.purchasedFen },
    monthly: lastMonths(today).map((m) => ({ month: m, cashFen: 0, goodsFen: 0, usedFen: 0, salesFen: 0, paidOrders: 0, ...months.get(m) })),
    flags: [
      ...shownUncovered.map((v): Flag => ({ kind: 'uncovered_supervised', villageId: v.id, villageName: v.name, township: v.township })),
      ...[...openGaps.map((g): Flag => ({ kind: 'pairing_gap_open', ...g, days: Math.max(0, daysBetween(g.endedOn, today)) })), ...closedGaps].slice(
        0,
        GAP_FLAG_LIMIT,
      ),
      ...reports.reportFlags,
      ...visits.visitFlags,
      ...overLimitFlags(overLimit, settings),
    ],
  };
  return {
    dashboard,
    counters: {
      VILLAGES: villageCounts,
      FUNDS: funds,
      PAIRINGS: pairingCounts,
      SALES: { paidOrders: sales.paidOrders, paidFen: sales.totalFen },
      months,
      commitments,
      overLimit,
    },
    openGaps,
  };
}

/** GET /api/dashboard's figures from a full recount (what the counters must equal). */
export async function recountDashboard(ctx: Pick<ServiceContext, 'store' | 'now'>): Promise<Dashboard> {
  return (await recount(ctx)).dashboard;
}
