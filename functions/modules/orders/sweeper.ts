import type { DocumentClient } from '../../store/tenant-store.js';
import { globalStoreUnscoped, TenantStore } from '../../store/tenant-store.js';
import { expiredCheckouts } from '../holds/store.js';
import { listTenantSlugsUnscoped } from '../identity/store.js';
import { getOrderRecord } from './store.js';
import { expireOrder } from './transitions.js';

/**
 * The sweeper (docs/ARCHITECTURE.md "Checkout, holds and webhooks"): every open checkout of the tenant
 * past its expiresAt is expired and its holds released. Each release is conditional on the order
 * still awaiting payment, so a run that races the webhook, the buyer's cancel, a checkout that
 * released the same holds, or another run gives the stock back once. Correctness never waits on
 * it: an expired hold already counts for nothing (see orders/checkout.ts).
 */
export async function releaseExpiredHolds(store: TenantStore, now: Date): Promise<number> {
  let released = 0;
  for (const entry of await expiredCheckouts(store, now)) {
    const o = await getOrderRecord(store, entry.orderId);
    if (o?.status === 'pending_payment' && (await expireOrder(store, o, now))) released += 1;
  }
  return released;
}

/**
 * The job over every tenant: the tenants come from the global slug index (the one unscoped read),
 * then each tenant is swept through its own scoped store. No Scan.
 */
export async function releaseExpiredHoldsEverywhereUnscoped(doc: DocumentClient, tableName: string, now: Date) {
  const global = globalStoreUnscoped(doc, tableName);
  let tenants = 0;
  let released = 0;
  let cursor: string | undefined;
  do {
    const page = await listTenantSlugsUnscoped(global, 100, cursor);
    for (const t of page.items) {
      tenants += 1;
      released += await releaseExpiredHolds(new TenantStore(doc, tableName, t.tenantId), now);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { tenants, released };
}
