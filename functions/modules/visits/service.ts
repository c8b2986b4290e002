import { quarterOf, quarterRange } from '../../../shared/dates.js';
import type { Pairing } from '../../../shared/schemas/pairings.js';
import type { QuarterVisits } from '../../../shared/schemas/reports.js';
import type { TenantStore } from '../../store/tenant-store.js';
import type { ServiceContext } from '../context.js';
import { EPOCH, readEpochs, reportingRules } from '../report-weeks/weeks.js';
import { addToSetsTx } from '../report-weeks/store.js';
import {
  pairingEntry,
  quarterCounterName,
  quarterVisitCounts,
  readQuarterItem,
  removeFromQuarterTx,
  type QuarterSnapshot,
  type QuarterVisitCount,
} from './store.js';
import { tenantSettings } from '../tenant/settings.js';

/** Rule 4: the pairing was active at some point in the quarter. */
export function activeDuringQuarter(p: Pick<Pairing, 'status' | 'startDate' | 'endDate'>, quarter: string): boolean {
  const { from, to } = quarterRange(quarter);
  return !!p.startDate && (p.status === 'active' || p.status === 'ended') && p.startDate <= to && (!p.endDate || p.endDate >= from);
}

/**
 * A quarter's snapshot, filled from the pairing records the first time it is needed (once it has
 * begun), and filled again (dropping pairings the records no longer count) when an approval or an
 * end reached further back than the snapshots it moves itself (the epoch moved).
 */
export async function readQuarter(store: TenantStore, quarter: string, today: string): Promise<QuarterSnapshot> {
  const [snap, epochItem] = await Promise.all([readQuarterItem(store, quarter), store.get<Record<string, unknown>>(store.pk('COUNTERS'), EPOCH)]);
  const epoch = readEpochs(epochItem ?? undefined).quarters;
  const stale = snap.materialized && snap.epoch < epoch;
  if ((snap.materialized && !stale) || quarterRange(quarter).from > today) return snap;
  const pairings = (await store.queryAll<Pairing>({ pk: store.pk('PAIRING') }, 10_000_000)).filter((p) => activeDuringQuarter(p, quarter));
  const name = quarterCounterName(quarter);
  // a union in chunks (an approval or a visit landing meanwhile loses nothing); the last marks it filled
  for (let i = 0; i === 0 || i < pairings.length; i += 500) {
    const chunk = pairings.slice(i, i + 500);
    const last = i + 500 >= pairings.length;
    const tx = addToSetsTx(store, name, { active: chunk.map((p) => p.id), pairings: chunk.map(pairingEntry) }, last ? { materialized: true, epoch } : {});
    await store.transact([tx!]);
  }
  const ids = new Set(pairings.map((p) => p.id));
  const gone = stale ? [...snap.active].filter((id) => !ids.has(id)) : [];
  if (gone.length) {
    // a refill: out go only the pairings the records no longer count in the quarter (a back-dated end)
    await store.transact([removeFromQuarterTx(store, quarter, gone)]);
  }
  snap.active = new Set([...[...snap.active].filter((id) => !gone.includes(id)), ...ids]);
  for (const p of pairings) if (!snap.pairings.has(p.id)) snap.pairings.set(p.id, p);
  snap.materialized = true;
  snap.epoch = epoch;
  return snap;
}

/**
 * Rule 4: why a pairing's quarter is flagged, or null. No visit at all: `no_visit`. Visits, but each
 * that recorded its headcount had fewer people than the tenant's minimum team size (as set when
 * read) and none went unrecorded: `small_team`. A visit logged without a headcount is not judged by
 * team size (those logged before headcounts were recorded).
 */
export function visitFlagReason(c: QuarterVisitCount | undefined, minTeam: number): 'no_visit' | 'small_team' | null {
  if (!c || c.visits === 0) return 'no_visit';
  if (c.unsizedVisits > 0 || (c.largestTeam ?? 0) >= minTeam) return null;
  return 'small_team';
}

/** GET /api/visits?quarter= (default the current quarter): each pairing active in it, its visits, flagged when none. */
export async function quarterVisits(ctx: ServiceContext, q: { quarter?: string }): Promise<QuarterVisits> {
  const rules = await reportingRules(ctx);
  const quarter = q.quarter ?? quarterOf(rules.today);
  const { from, to } = quarterRange(quarter);
  const [snap, counts, settings] = await Promise.all([
    readQuarter(ctx.store, quarter, rules.today),
    quarterVisitCounts(ctx.store, quarter),
    tenantSettings(ctx.store),
  ]);
  const items = [...snap.active].map((id) => {
    const p = snap.pairings.get(id);
    const c = counts.get(id);
    const reason = visitFlagReason(c, settings.minVisitTeamSize);
    return {
      pairingId: id,
      villageId: p?.villageId ?? '',
      villageName: p?.villageName ?? '',
      organizationId: p?.organizationId ?? '',
      organizationName: p?.organizationName ?? '',
      visits: c?.visits ?? 0,
      lastVisitOn: c?.lastVisitOn ?? null,
      largestTeam: c?.largestTeam ?? null,
      flagged: reason !== null,
      reason,
    };
  });
  items.sort(
    (a, b) =>
      Number(b.flagged) - Number(a.flagged) ||
      a.villageName.localeCompare(b.villageName, 'zh-CN') ||
      a.organizationName.localeCompare(b.organizationName, 'zh-CN'),
  );
  return { quarter, from, to, closed: rules.today > to, flagged: items.filter((i) => i.flagged).length, items };
}
