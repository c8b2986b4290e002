import { daysBetween, dateInZone } from '../../../shared/dates.js';
import type { Dashboard } from '../../../shared/schemas/dashboard.js';
import type { ServiceContext } from '../context.js';
import { commitmentsName, counterKey, FUNDS, monthName, NEEDS, OVER_LIMIT, VILLAGES, type Deltas, type OverLimitOrgs } from '../counters/store.js';
import { getTenant } from '../tenant/store.js';
import { gapFlagsPage, openGapFlags } from '../pairings/store.js';
import { strip as stripVillage } from '../villages/store.js';
import { reportsPart, visitsPart } from './reports-adapter.js';
import { settingsOf } from '../tenant/settings.js';
import { overLimitFlags } from '../pairings/limit.js';

export type Flag = Dashboard['flags'][number];

/** The dashboard lists at most this many uncovered supervised villages, and this many gap flags. */
export const UNCOVERED_LIMIT = 100;
export const GAP_FLAG_LIMIT = 50;

/** The last `n` months up to the month of `today` (YYYY-MM-DD), oldest first. */
export function lastMonths(today: string, n = 12): string[] {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const k = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

export type { OverLimitOrgs } from '../counters/store.js';

/**
 * The bureau's overview. Every figure comes from counter items moved in the same transaction as the
 * write that changes them, so one request reads a fixed handful of items however large the tenant:
 * the tenant item; one BatchGet of COUNTERS VILLAGES, FUNDS, PAIRINGS, SALES, NEEDS, COMMITMENTS#<year>
 * and OVER_LIMIT; one Query of the 12 MONTH# items; the first 100 uncovered supervised villages
 * (villagesByCoverage, rank 0); the first 50 gap flags; and the reports module's part.
 */
export async function dashboard(ctx: ServiceContext): Promise<Dashboard> {
  const tenant = await getTenant(ctx.store);
  const today = dateInZone(ctx.now, settingsOf(tenant).timeZone);
  const year = Number(today.slice(0, 4));
  const months = lastMonths(today);
  const names = [VILLAGES, FUNDS, 'PAIRINGS', 'SALES', NEEDS, commitmentsName(year), OVER_LIMIT];
  const [counterItems, monthItems, uncoveredPage, openGaps, closedGaps, reports, visits] = await Promise.all([
    ctx.store.getMany<Record<string, unknown>>(names.map((n) => counterKey(ctx.store, n))),
    ctx.store.query<Record<string, unknown>>({ pk: ctx.store.pk('COUNTERS'), skBetween: [monthName(months[0]), monthName(months[11])], limit: 12 }),
    ctx.store.query<Record<string, unknown>>({ pk: ctx.store.pk('VILLAGE'), index: 'villagesByCoverage', skBeginsWith: '0#', limit: UNCOVERED_LIMIT }),
    openGapFlags(ctx.store, GAP_FLAG_LIMIT),
    gapFlagsPage(ctx.store, GAP_FLAG_LIMIT),
    reportsPart(ctx),
    visitsPart(ctx),
  ]);
  const byName = new Map(counterItems.map((i) => [String(i.sk), i]));
  const c = (name: string): Deltas => {
    const out: Deltas = {};
    for (const [k, v] of Object.entries(byName.get(name) ?? {})) if (typeof v === 'number') out[k] = v;
    return out;
  };
  const n = (d: Deltas, k: string) => d[k] ?? 0;
  const villages = c(VILLAGES);
  const funds = c(FUNDS);
  const pairings = c('PAIRINGS');
  const sales = c('SALES');
  const needs = c(NEEDS);
  const commitments = c(commitmentsName(year));
  const monthBy = new Map(monthItems.items.map((i) => [String(i.sk), i]));
  const overLimit = (byName.get(OVER_LIMIT)?.orgs ?? {}) as OverLimitOrgs;

  const uncovered = uncoveredPage.items.map(stripVillage);
  const gapFlags: Flag[] = [
    ...openGaps.map((g) => ({
      kind: 'pairing_gap_open',
      villageId: g.villageId,
      villageName: g.villageName,
      endedOn: g.endedOn,
      days: Math.max(0, daysBetween(g.endedOn, today)),
    })),
    ...closedGaps,
  ].slice(0, GAP_FLAG_LIMIT);
  const flags: Flag[] = [
    ...uncovered.map((v) => ({ kind: 'uncovered_supervised', villageId: v.id, villageName: v.name, township: v.township })),
    ...gapFlags,
    ...reports.reportFlags,
    ...visits.visitFlags,
    ...overLimitFlags(overLimit, settingsOf(tenant)),
  ];
  return {
    villages: {
      total: n(villages, 'total'),
      supervised: n(villages, 'supervised'),
      covered: n(villages, 'covered'),
      uncovered: uncovered.map((v) => ({ id: v.id, name: v.name, township: v.township, poorHouseholds: v.poorHouseholds })),
    },
    pairings: { active: n(pairings, 'active'), pending: n(pairings, 'pending') },
    // consumption aid: paid orders (shipped, delivered included) less refunds
    sales: { paidOrders: n(sales, 'paidOrders'), totalFen: n(sales, 'paidFen') },
    // rule 8: cash received = used + balance + refunded; goods apart
    donations: {
      cashFen: n(funds, 'cashFen'),
      usedFen: n(funds, 'usedFen'),
      balanceFen: n(funds, 'balanceFen'),
      refundedFen: n(funds, 'refundedFen'),
      goodsFen: n(funds, 'goodsFen'),
    },
    reports: reports.reports,
    reportsThisWeek: reports.reportsThisWeek,
    visits: visits.visits,
    needs: { open: n(needs, 'open'), pledged: n(needs, 'pledged'), met: n(needs, 'met'), withdrawn: n(needs, 'withdrawn') },
    commitments: {
      year,
      organizations: n(commitments, 'organizations'),
      committedFen: n(commitments, 'committedFen'),
      purchasedFen: n(commitments, 'purchasedFen'),
    },
    monthly: months.map((m) => {
      const i = monthBy.get(monthName(m)) ?? {};
      const v = (k: string) => (typeof i[k] === 'number' ? (i[k] as number) : 0);
      return { month: m, cashFen: v('cashFen'), goodsFen: v('goodsFen'), usedFen: v('usedFen'), salesFen: v('salesFen'), paidOrders: v('paidOrders') };
    }),
    flags,
  };
}
