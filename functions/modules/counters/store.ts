import type { TenantStore, TxItem } from '../../store/tenant-store.js';

/**
 * Counter items: pk COUNTERS, sk <name>. Each is moved with ADD in the same transaction as the
 * write that changes it, and read by the dashboard in O(1). Names in use: PAIRINGS, SALES,
 * PRODUCE, DONATION_SERIAL, CONCERNS_ORG (older modules, own helpers), and through this module
 * VILLAGES, FUNDS, NEEDS, COMMITMENTS#<year>, MONTH#<YYYY-MM>, REPORTWEEK#<Monday> …
 *
 * DynamoDB refuses two operations on one item in one TransactWriteItems: build ONE counterTx per
 * counter item per transaction (merge the deltas first; see mergeCounterTx).
 */
export const counterKey = (store: TenantStore, name: string) => ({ pk: store.pk('COUNTERS'), sk: name });

export type Deltas = Record<string, number>;

/** ADD each delta (zero deltas are dropped; null when nothing is left to add). */
export function counterTx(store: TenantStore, name: string, by: Deltas): TxItem | null {
  const entries = Object.entries(by).filter(([, v]) => v !== 0);
  if (entries.length === 0) return null;
  return {
    Update: {
      Key: counterKey(store, name),
      UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v])),
    },
  };
}

/** SET a counter item's numbers to absolute values (other attributes of the item are left alone): the backfills. */
export function setCounterTx(store: TenantStore, name: string, values: Record<string, unknown>): TxItem {
  const entries = Object.entries(values);
  return {
    Update: {
      Key: counterKey(store, name),
      UpdateExpression: `SET ${entries.map((_, i) => `#c${i} = :c${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v])),
    },
  };
}

/** Several counter moves, merged per item: [{ name, by }] → one TxItem per counter item. */
export function mergeCounterTx(store: TenantStore, moves: { name: string; by: Deltas }[]): TxItem[] {
  const merged = new Map<string, Deltas>();
  for (const m of moves) {
    const d = merged.get(m.name) ?? {};
    for (const [k, v] of Object.entries(m.by)) d[k] = (d[k] ?? 0) + v;
    merged.set(m.name, d);
  }
  return [...merged].map(([name, by]) => counterTx(store, name, by)).filter((t): t is TxItem => t !== null);
}

/** One counter item's numbers (absent fields read as 0 by the caller's defaults). */
export async function readCounter(store: TenantStore, name: string): Promise<Deltas> {
  const k = counterKey(store, name);
  const item = await store.get<Record<string, unknown>>(k.pk, k.sk);
  const out: Deltas = {};
  for (const [key, v] of Object.entries(item ?? {})) if (typeof v === 'number') out[key] = v;
  return out;
}

// ---- the dashboard's counter items ----------------------------------------------------

/** Tenant-wide village figures: { total, supervised, covered } (covered: supervised with an active pairing). */
export const VILLAGES = 'VILLAGES';
/** Tenant-wide cash and goods: { cashFen, usedFen, balanceFen, refundedFen, goodsFen } (sum of the village FUNDS items). */
export const FUNDS = 'FUNDS';
/** Needs by status, moved by the needs module: { open, pledged, met, withdrawn }. */
export const NEEDS = 'NEEDS';
/** Organizations over the active-pairing limit: { orgs: { <orgId>: { name, activePairings } } } (not ADDed). */
export const OVER_LIMIT = 'OVER_LIMIT';
/** Set once the counters of a tenant were written from a full recount (the one-off backfill). */
export const BACKFILLED = 'BACKFILLED';
/**
 * Set once a tenant's settlement items were written from its records (orders paid before they
 * existed: orders/settlements-backfill.ts); a tenant made since has it from the start (createTenant).
 */
export const SETTLEMENT_BACKFILLED = 'SETTLEMENT_BACKFILLED';
/**
 * Set once the per-year columns of a tenant's ORG_FUNDS items were written from its donations
 * (recognition/backfill.ts); a tenant made since has it from the start (createTenant).
 */
export const ORG_FUNDS_YEARS_BACKFILLED = 'ORG_FUNDS_YEARS_BACKFILLED';
/** Marks the needs' per-organization columns (NEEDS_ORG) written from the need records. */
export const NEEDS_ORG_BACKFILLED = 'NEEDS_ORG_BACKFILLED';
/** Marks the activity pointers (pk ACTIVITY) written for activities logged before them. */
export const ACTIVITY_POINTERS_BACKFILLED = 'ACTIVITY_POINTERS_BACKFILLED';
/** A month's money in the tenant's time zone: { cashFen, goodsFen, usedFen, salesFen, paidOrders }. */
export const monthName = (month: string) => `MONTH#${month}`;
/** rule 9: a year's commitments: { organizations, committedFen, purchasedFen }. */
export const commitmentsName = (year: number | string) => `COMMITMENTS#${year}`;

/** 'YYYY-MM' of a tenant-local date 'YYYY-MM-DD'. */
export const monthOfDate = (date: string) => date.slice(0, 7);

export type Move = { name: string; by: Deltas };

/** What a confirmed donation adds: the tenant's cash or goods, and its date's month. */
export function donationInMoves(kind: 'cash' | 'goods', amountFen: number, date: string): Move[] {
  return kind === 'cash'
    ? [
        { name: FUNDS, by: { cashFen: amountFen, balanceFen: amountFen } },
        { name: monthName(monthOfDate(date)), by: { cashFen: amountFen } },
      ]
    : [
        { name: FUNDS, by: { goodsFen: amountFen } },
        { name: monthName(monthOfDate(date)), by: { goodsFen: amountFen } },
      ];
}

/** A donation given back: cash leaves the balance for the refunded column; the refund's month goes down. */
export function donationRefundMoves(kind: 'cash' | 'goods', amountFen: number, refundDate: string): Move[] {
  return kind === 'cash'
    ? [
        { name: FUNDS, by: { balanceFen: -amountFen, refundedFen: amountFen } },
        { name: monthName(monthOfDate(refundDate)), by: { cashFen: -amountFen } },
      ]
    : [
        { name: FUNDS, by: { goodsFen: -amountFen } },
        { name: monthName(monthOfDate(refundDate)), by: { goodsFen: -amountFen } },
      ];
}

/** An expenditure: used cash out of the balance, in the month of its date. */
export function expenditureMoves(amountFen: number, date: string): Move[] {
  return [
    { name: FUNDS, by: { usedFen: amountFen, balanceFen: -amountFen } },
    { name: monthName(monthOfDate(date)), by: { usedFen: amountFen } },
  ];
}

/**
 * A paid order (sign 1, in the month it was paid) or a parcel's refund (sign −1, in the refund's month, `o` the parcel),
 * and the buyer organization's purchases for the commitment year (rule 9).
 */
export function orderMoves(
  o: { totalFen: number; buyerOrganizationId?: string | null },
  sign: 1 | -1,
  localDate: string,
  commitmentYear?: number | null,
  /** a parcel's refund takes the order off the month's count only with the order's last parcel */
  orders: number = sign,
): Move[] {
  const moves: Move[] = [{ name: monthName(monthOfDate(localDate)), by: { salesFen: sign * o.totalFen, paidOrders: orders } }];
  if (o.buyerOrganizationId && commitmentYear) moves.push({ name: commitmentsName(commitmentYear), by: { purchasedFen: sign * o.totalFen } });
  return moves;
}

/** Moves merged into one TxItem per counter item. */
export const movesTx = (store: TenantStore, moves: Move[]): TxItem[] => mergeCounterTx(store, moves);

/** Over-limit organizations (rule 2 after the limit was lowered), as kept in the OVER_LIMIT item. */
export type OverLimitOrgs = Record<string, { name: string; activePairings: number }>;

export async function readOverLimit(store: TenantStore): Promise<OverLimitOrgs> {
  const k = counterKey(store, OVER_LIMIT);
  return ((await store.get<{ orgs?: OverLimitOrgs }>(k.pk, k.sk))?.orgs ?? {}) as OverLimitOrgs;
}

/** The whole over-limit map, written when the limit changes (settings). */
export function setOverLimitTx(store: TenantStore, orgs: OverLimitOrgs): TxItem {
  return { Update: { Key: counterKey(store, OVER_LIMIT), UpdateExpression: 'SET orgs = :m', ExpressionAttributeValues: { ':m': orgs } } };
}

/**
 * An over-limit organization's pairing ended: its count goes down, or it leaves the map once it is
 * within the limit. Conditional on the count read, so two ends at once cannot both write it.
 */
export function overLimitEndTx(store: TenantStore, orgId: string, activeBefore: number, limit: number, failWith: TxItem['failWith']): TxItem {
  const next = activeBefore - 1;
  return {
    Update: {
      Key: counterKey(store, OVER_LIMIT),
      UpdateExpression: next > limit ? 'SET orgs.#o.activePairings = :n' : 'REMOVE orgs.#o',
      ConditionExpression: 'orgs.#o.activePairings = :old',
      ExpressionAttributeNames: { '#o': orgId },
      ExpressionAttributeValues: { ':old': activeBefore, ...(next > limit ? { ':n': next } : {}) },
    },
    failWith,
  };
}

/**
 * A one-off migration's frame: when the tenant's marker item `marker` is absent, the work runs and
 * then the marker is written (a rerun finds it and changes nothing); true when the work ran.
 */
export async function onceBehindMarker(store: TenantStore, marker: string, now: Date, work: () => Promise<void>): Promise<boolean> {
  const k = counterKey(store, marker);
  if (await store.get(k.pk, k.sk)) return false;
  await work();
  await store.put({ ...k, at: now.toISOString() });
  return true;
}
