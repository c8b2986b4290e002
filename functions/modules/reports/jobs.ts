import type { DocumentClient } from '../../store/tenant-store.js';
import { globalStoreUnscoped, TenantStore } from '../../store/tenant-store.js';
import type { ServiceContext } from '../context.js';
import { listTenantSlugsUnscoped } from '../identity/store.js';
import { dueWeek, readWeek, reportingRules } from '../report-weeks/weeks.js';

/**
 * The report-deadline job (infra: an hourly EventBridge Scheduler schedule → functions/entries/jobs.ts):
 * for one tenant, the week whose deadline has just passed (in the tenant's time zone and deadline)
 * has its snapshot filled from the pairing records now, so the dashboard and the ladder read a
 * materialized week instead of filling it on their first request. Idempotent: a filled week is
 * left as it is (readWeek fills only a week that lacks `materialized` or is stale).
 */
export async function materializeDueWeek(store: TenantStore, now: Date): Promise<{ weekStart: string; expected: number }> {
  const ctx: ServiceContext = { store, now, caller: { userId: 'system', email: 'system@bangfu.local', role: 'bureau_admin', tenantId: store.tenantId } };
  const rules = await reportingRules(ctx);
  const week = await readWeek(store, dueWeek(ctx, rules), rules);
  return { weekStart: week.weekStart, expected: week.expected.size };
}

/** Every tenant (from the global slug index, the one unscoped read; no Scan), each through its own store. */
export async function materializeDueWeeksEverywhereUnscoped(doc: DocumentClient, tableName: string, now: Date) {
  const global = globalStoreUnscoped(doc, tableName);
  let tenants = 0;
  let cursor: string | undefined;
  do {
    const page = await listTenantSlugsUnscoped(global, 100, cursor);
    for (const t of page.items) {
      tenants += 1;
      await materializeDueWeek(new TenantStore(doc, tableName, t.tenantId), now);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { tenants };
}
