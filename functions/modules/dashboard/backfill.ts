import type { DocumentClient } from '../../store/tenant-store.js';
import { TenantStore, globalStoreUnscoped, type TxItem } from '../../store/tenant-store.js';
import { BACKFILLED, commitmentsName, FUNDS, monthName, OVER_LIMIT, onceBehindMarker, setCounterTx, VILLAGES, type Deltas } from '../counters/store.js';
import { listTenantSlugsUnscoped } from '../identity/store.js';
import { putOpenGapFlagTx } from '../pairings/store.js';
import { backfillTenantSettlement } from '../orders/settlements-backfill.js';
import { recount } from './recount.js';

/**
 * A tenant written before the dashboard's counter items existed: recount its records once and
 * write the counters (VILLAGES, FUNDS, every MONTH#, COMMITMENTS# of the years with records,
 * OVER_LIMIT) and the open-gap flags, then the BACKFILLED marker. Run at local start-up, before
 * the server takes requests; rerunning is harmless (absolute values). Returns false when the marker
 * was already there.
 */
export async function backfillTenantCounters(store: TenantStore, now: Date): Promise<boolean> {
  return onceBehindMarker(store, BACKFILLED, now, async () => {
    const year = Number(now.toISOString().slice(0, 4));
    const r = await recount({ store, now }, [year - 2, year - 1, year + 1]);
    const tx: TxItem[] = [
      setCounterTx(store, VILLAGES, r.counters.VILLAGES),
      setCounterTx(store, FUNDS, r.counters.FUNDS),
      setCounterTx(store, OVER_LIMIT, { orgs: r.counters.overLimit }),
      ...[...r.counters.months].map(([m, d]: [string, Deltas]) => setCounterTx(store, monthName(m), d)),
      ...[...r.counters.commitments].map(([y, d]: [number, Deltas]) => setCounterTx(store, commitmentsName(y), d)),
      ...r.openGaps.map((g) => putOpenGapFlagTx(store, g)),
    ];
    for (const t of tx) await store.transact([t]);
  });
}

/** Every tenant's one-off backfills (local start-up): the dashboard's counters, the sellers' settlement. */
export async function backfillCountersEverywhereUnscoped(doc: DocumentClient, tableName: string, now: Date): Promise<number> {
  const global = globalStoreUnscoped(doc, tableName);
  let done = 0;
  let cursor: string | undefined;
  do {
    const page = await listTenantSlugsUnscoped(global, 100, cursor);
    for (const t of page.items) {
      const store = new TenantStore(doc, tableName, t.tenantId);
      const counters = await backfillTenantCounters(store, now);
      if ((await backfillTenantSettlement(store, now)) || counters) done += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return done;
}
