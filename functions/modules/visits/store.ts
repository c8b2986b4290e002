import { quarterOf } from '../../../shared/dates.js';
import type { Activity } from '../../../shared/schemas/activities.js';
import type { Pairing } from '../../../shared/schemas/pairings.js';
import type { TenantStore, TxItem } from '../../store/tenant-store.js';
import { counterKey } from '../counters/store.js';
import { addToSetsTx } from '../report-weeks/store.js';

/**
 * Rule 4 (光说不练), per calendar quarter:
 * - counter item COUNTERS / VISITQ#<quarter>: the pairings active at some point in the quarter
 *   (`active`, with `pairings` entries naming organization and village) and those visited
 *   (`visited`), as string sets; moved by approval and by the visit's transaction, filled once from
 *   the pairing records when first needed without `materialized`;
 * - pk VISITS#<quarter>, sk <pairingId>: the pairing's visit count and visit dates in the quarter.
 */
export const quarterCounterName = (quarter: string) => `VISITQ#${quarter}`;
const countKey = (store: TenantStore, quarter: string, pairingId: string) => ({ pk: store.pk('VISITS', quarter), sk: pairingId });

const SEP = '\t';
type Named = Pick<Pairing, 'id' | 'organizationId' | 'organizationName' | 'villageId' | 'villageName'>;
export const pairingEntry = (p: Named) => [p.id, p.organizationId, p.organizationName, p.villageId, p.villageName].join(SEP);
export function parseEntry(e: string): Named {
  const [id, organizationId, organizationName, villageId, villageName] = e.split(SEP);
  return { id, organizationId, organizationName, villageId, villageName };
}

/** The pairing counted as active in a quarter (approval, materialization). */
export function activeInQuarterTx(store: TenantStore, quarter: string, p: Named, set: Record<string, unknown> = {}): TxItem {
  return addToSetsTx(store, quarterCounterName(quarter), { active: [p.id], pairings: [pairingEntry(p)] }, set)!;
}

/** Pairings out of a quarter's `active` set (a refill: those the records no longer count in it). */
export function removeFromQuarterTx(store: TenantStore, quarter: string, gone: string[]): TxItem {
  return {
    Update: {
      Key: { pk: store.pk('COUNTERS'), sk: quarterCounterName(quarter) },
      UpdateExpression: 'DELETE active :gone',
      ExpressionAttributeValues: { ':gone': new Set(gone) },
    },
  };
}

/**
 * A visit's moves, in the activity's transaction: the pairing's count in the quarter (with, for a
 * visit that records its headcount, `sizedVisits` and the set of team sizes `teamSizes`, so the
 * quarter can be judged against the tenant's minimum team size as it is when read), and the
 * quarter's visited set.
 */
export function visitLoggedTx(store: TenantStore, pairing: Named, activity: Pick<Activity, 'type' | 'date' | 'participants'>): TxItem[] {
  if (activity.type !== 'visit') return [];
  const quarter = quarterOf(activity.date);
  const headcount = activity.participants?.headcount;
  return [
    {
      Update: {
        Key: countKey(store, quarter, pairing.id),
        UpdateExpression: headcount ? 'ADD visits :one, visitDates :d, sizedVisits :one, teamSizes :n' : 'ADD visits :one, visitDates :d',
        ExpressionAttributeValues: { ':one': 1, ':d': new Set([activity.date]), ...(headcount ? { ':n': new Set([headcount]) } : {}) },
      },
    },
    addToSetsTx(store, quarterCounterName(quarter), { active: [pairing.id], pairings: [pairingEntry(pairing)], visited: [pairing.id] })!,
  ];
}

export type QuarterSnapshot = {
  quarter: string;
  active: Set<string>;
  pairings: Map<string, Named>;
  visited: Set<string>;
  materialized: boolean;
  epoch: number;
};

const asSet = (v: unknown) => new Set<string>(v instanceof Set ? [...v].map(String) : []);

export async function readQuarterItem(store: TenantStore, quarter: string): Promise<QuarterSnapshot> {
  const k = counterKey(store, quarterCounterName(quarter));
  const item = await store.get<Record<string, unknown>>(k.pk, k.sk);
  const pairings = new Map([...asSet(item?.pairings)].map((e) => [parseEntry(e).id, parseEntry(e)]));
  return {
    quarter,
    active: asSet(item?.active),
    pairings,
    visited: asSet(item?.visited),
    materialized: item?.materialized === true,
    epoch: Number(item?.epoch ?? 0),
  };
}

export type QuarterVisitCount = {
  visits: number;
  lastVisitOn: string | null;
  /** visits that recorded no headcount (logged before headcounts, or without one): not judged by team size */
  unsizedVisits: number;
  /** the largest headcount of a visit that recorded one (null: none did) */
  largestTeam: number | null;
};

/** Each pairing's visits in the quarter (only pairings with at least one have an item). */
export async function quarterVisitCounts(store: TenantStore, quarter: string): Promise<Map<string, QuarterVisitCount>> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('VISITS', quarter) }, 10_000_000);
  return new Map(
    items.map((i) => {
      const dates = [...asSet(i.visitDates)].sort();
      const sizes = i.teamSizes instanceof Set ? [...i.teamSizes].map(Number) : [];
      const visits = Number(i.visits ?? 0);
      return [
        String(i.sk),
        {
          visits,
          lastVisitOn: dates[dates.length - 1] ?? null,
          unsizedVisits: visits - Number(i.sizedVisits ?? 0),
          largestTeam: sizes.length ? Math.max(...sizes) : null,
        },
      ];
    }),
  );
}
