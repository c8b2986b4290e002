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

/** Counter items whose names start with a prefix, in order (e.g. MONTH#2026-01 … MONTH#2026-12). */
export async function readCounterRange(store: TenantStore, from: string, to: string): Promise<Map<string, Deltas>> {
  const items = await store.queryAll<Record<string, unknown>>({ pk: store.pk('COUNTERS'), skBetween: [from, to] });
  const out = new Map<string, Deltas>();
  for (const item of items) {
    const d: Deltas = {};
    for (const [key, v] of Object.entries(item)) if (typeof v === 'number') d[key] = v;
    out.set(String(item.sk), d);
  }
  return out;
}
