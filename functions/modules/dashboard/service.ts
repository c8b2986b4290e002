import { daysBetween, dateInZone } from '../../../shared/dates.js';
import type { ServiceContext } from '../context.js';
import { getTenant } from '../identity/store.js';
import { salesTotals } from '../orders/store.js';
import { allVillageFunds } from '../donations/store.js';
import { gapFlags, pairingCounts } from '../pairings/store.js';
import { allVillageItems } from '../villages/store.js';

export type Flag =
  | { kind: 'uncovered_supervised'; villageId: string; villageName: string; township: string }
  | { kind: 'pairing_gap_open'; villageId: string; villageName: string; endedOn: string; days: number }
  | { kind: 'pairing_gap'; villageId: string; villageName: string; endedOn: string; resumedOn: string; days: number; pairingId: string };

/** The bureau's overview: coverage (rule 1, uncovered first) and the rule-2 states it must see. */
export async function dashboard(ctx: ServiceContext) {
  const [villages, counts, gaps, tenant, sales, funds] = await Promise.all([
    allVillageItems(ctx.store),
    pairingCounts(ctx.store),
    gapFlags(ctx.store),
    getTenant(ctx.store),
    salesTotals(ctx.store),
    allVillageFunds(ctx.store),
  ]);
  // rule 8: the tenant's cash (received = used + balance + refunded) and goods, from the village counters
  const donations = { cashFen: 0, usedFen: 0, balanceFen: 0, refundedFen: 0, goodsFen: 0 };
  for (const f of funds.values()) {
    donations.cashFen += f.cashReceivedFen;
    donations.usedFen += f.cashUsedFen;
    donations.balanceFen += f.balanceFen;
    donations.refundedFen += f.refundedFen;
    donations.goodsFen += f.goodsFen;
  }
  const today = dateInZone(ctx.now, tenant?.timeZone ?? 'Asia/Shanghai');
  const supervised = villages.filter((v) => v.supervised);
  const uncovered = supervised.filter((v) => v.activePairings === 0);
  const flags: Flag[] = [
    ...uncovered.map((v) => ({ kind: 'uncovered_supervised' as const, villageId: v.id, villageName: v.name, township: v.township })),
    ...villages
      .filter((v) => v.activePairings === 0 && v.gapOpenSince)
      .map((v) => ({
        kind: 'pairing_gap_open' as const,
        villageId: v.id,
        villageName: v.name,
        endedOn: v.gapOpenSince as string,
        days: Math.max(0, daysBetween(v.gapOpenSince as string, today)),
      })),
    ...gaps,
  ];
  return {
    villages: {
      total: villages.length,
      supervised: supervised.length,
      covered: supervised.length - uncovered.length,
      uncovered: uncovered.map((v) => ({ id: v.id, name: v.name, township: v.township, poorHouseholds: v.poorHouseholds })),
    },
    pairings: { active: counts.active, pending: counts.pending },
    // consumption aid: paid orders (shipped, delivered included) less refunds, kept as counters
    sales,
    donations,
    flags,
  };
}
