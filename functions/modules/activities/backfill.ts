import type { TenantStore } from '../../store/tenant-store.js';
import { ACTIVITY_POINTERS_BACKFILLED, onceBehindMarker } from '../counters/store.js';
import { listPairingItems } from '../pairings/store.js';
import { allActivitiesOfPairing, hasActivityPointer, putActivityPointerTx } from './store.js';

/**
 * The one-off migration: activities logged before each had a pointer (pk ACTIVITY, sk <id>) get
 * one, so their photo routes find them; once per tenant behind a marker. Every pairing of the
 * tenant, whatever its status, is read; a pointer already there is left as it is.
 */
export async function backfillActivityPointers(store: TenantStore, now: Date): Promise<boolean> {
  return onceBehindMarker(store, ACTIVITY_POINTERS_BACKFILLED, now, async () => {
    let cursor: string | undefined;
    do {
      const page = await listPairingItems(store, { limit: 100, cursor });
      for (const p of page.items)
        for (const a of await allActivitiesOfPairing(store, p.id))
          if (!(await hasActivityPointer(store, a.id))) await store.transact([putActivityPointerTx(store, a)]);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  });
}
